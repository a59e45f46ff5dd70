import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { DeclarationSummary } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import type { Row, RowSource } from '../../shared/model/rows';
import { ALIGNMENT_MAP, ROW_STATE_MAP, readAlignment, rowsFromAlignment, type RowStatus } from '../../shared/model/alignment';
import { applyCounterpartHints, presentParagraphs, readCounterpartHints } from '../../shared/model/counterparts';
import { confirmRow, mergeRows, releaseRow, setRowStatus, splitRow } from '../../shared/model/rowActions';
import { COMMENTS_MAP, type CommentAuthor, type Thread } from '../../shared/negotiation/commentModel';
import { readThreads } from '../../shared/negotiation/commentThreads';
import { threadsByRow } from '../../shared/negotiation/threadPlacement';
import { CIRCULATION_MAP, OBJECTIONS, readCirculations, readObjections, type Objection } from '../../shared/negotiation/circulation';
import { ADOPTION_LOG, type AgreedDespite } from '../../shared/negotiation/adoption';
import { bracketedPids } from '../../shared/negotiation/brackets';
import { SUGGESTION_VOTES_MAP, SUGGESTIONS_MAP, type Suggestion } from '../../shared/negotiation/suggestionModel';
import { voteOnSuggestion, withdrawSuggestion } from '../../shared/negotiation/suggestions';
import { readSuggestions } from '../../shared/negotiation/suggestionState';
import { ok, type Result } from '../../shared/model/result';
import { textFragmentName } from '../../shared/model/declaration';
import { describeRows, type RowInfo } from './rowInfo';
import { RowPanel } from './RowPanel';
import { BracketChoices, BracketToolbar } from '../negotiation/BracketToolbar';
import { RowCommentForm, SelectionCommentForm, ThreadList, type CommentTarget } from '../negotiation/CommentsPanel';
import { StaleDiff } from '../negotiation/StaleDiff';
import { recordAgreedDespite } from '../../shared/negotiation/adoption';
import type { MessageKey } from '../i18n/messages';
import type { CollabSession } from '../collab/collabSession';
import type { Presence } from '../collab/presence';
import { useI18n } from '../i18n/i18n';
import { delegationName as countryDelegationName } from '../i18n/delegations';
import { LanguageColumn, type Participant } from './LanguageColumn';
import { LayoutController, type LayoutSnapshot } from './layoutController';
import { pmUnits, unitAt } from './units';
import { commentHighlightsKey, type CommentRange } from './commentHighlights';
import { countRows, rowMatches, stepInFilter, suggestionsBySide, type RowFilter, type RowMarks } from './rowFilter';
import { RowRail, type RailCard } from './RowRail';
import { WorkspaceToolbar } from './WorkspaceToolbar';
import { SuggestionCards } from './SuggestionCards';
import { suggestionMarksKey, type SuggestionMark } from './suggestionMarks';
import type { SuggestHost } from './suggestInput';
import { suggestBackspace, suggestDelete, suggestReplace, type SuggestPlace } from './suggestEdits';
import { asUndoableStep } from './suggestionUndo';
import type { RowNavigator, RowTarget } from './rowNavigation';

interface Props {
  readonly session: CollabSession;
  readonly declaration: DeclarationSummary;
  readonly user: Participant;
  readonly writable: (lang: LanguageCode) => boolean;
  readonly people: readonly Presence[];
  /** The secretariat edits the alignment and row statuses; others read them. */
  readonly canEditRows: boolean;
  /** Everyone but observers comments. */
  readonly canComment: boolean;
  readonly commentAuthor: CommentAuthor;
  readonly navigator: RowNavigator;
  /** The page's tools at the end of the toolbar (stages menu, plenary following). */
  readonly toolbarExtras?: ReactNode;
  /** More about the row being worked on, from the page (its history, an objection form). */
  readonly rowExtras?: (info: RowInfo) => ReactNode;
  /** The row the plenary is on (a paragraph id of it) while this page follows the plenary. */
  readonly plenaryPid?: string | null;
}

/** Origin of the row changes made from this page. */
const ROW_EDIT_ORIGIN = Symbol('row-edit');
/** How long a row flashes after a jump to it. */
const FLASH_MS = 1600;

/**
 * The workspace's text: one editor per language, rows kept level across columns, empty labelled
 * slots where a counterpart is missing, a gutter with row numbers and marks, and a rail beside
 * the rows for everything about a row (status, actions, changes, comments). Nothing here is ever
 * inserted above the text: working on a row never moves it.
 */
export function BilingualEditor(props: Props) {
  const { session, declaration, user, writable, people, canEditRows, canComment, commentAuthor, navigator } = props;
  const { t, lang: uiLang } = useI18n();
  const langs = declaration.languages;
  const doc = session.doc;
  const [editors, setEditors] = useState<ReadonlyMap<LanguageCode, Editor>>(new Map());
  const [layout, setLayout] = useState<LayoutSnapshot | null>(null);
  // The column the caret was last in: the bracket tools act on it.
  const [activeLang, setActiveLang] = useState<LanguageCode | null>(null);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const [composing, setComposing] = useState<(CommentTarget & { rowKey: string }) | null>(null);
  const [focusThread, setFocusThread] = useState<string | null>(null);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [currentPid, setCurrentPid] = useState<string | null>(null);
  const [flash, setFlash] = useState<{ key: string; n: number } | null>(null);
  const [confirmAgree, setConfirmAgree] = useState<string | null>(null);
  // Suggesting mode is this page's own (not shared with others, not remembered).
  const [suggesting, setSuggesting] = useState(false);
  const [focusSuggestion, setFocusSuggestion] = useState<string | null>(null);
  const [suggestProblem, setSuggestProblem] = useState<{ pid: string; reason: string } | null>(null);
  const controller = useRef<LayoutController | null>(null);
  const names = useMemo(() => new Intl.DisplayNames([uiLang], { type: 'language' }), [uiLang]);
  const languageName = useCallback((code: string) => names.of(code) ?? code, [names]);

  // Rows come from the alignment the server maintains in the document (and hand-made rows); a
  // paragraph typed into a slot stands in its row at once, before the server has stored it there.
  const rowSource = useMemo<RowSource>(
    () => (columns) => {
      const hints = readCounterpartHints(doc, langs);
      const stored = readAlignment(doc);
      return rowsFromAlignment(hints.length ? applyCounterpartHints(stored, hints, presentParagraphs(doc, langs)) : stored, columns);
    },
    [doc, langs],
  );
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => {
      setVersion((v) => v + 1);
      controller.current?.schedule();
    };
    const maps = [doc.getMap(ALIGNMENT_MAP), doc.getMap(ROW_STATE_MAP), doc.getMap(CIRCULATION_MAP)];
    const arrays = [doc.getArray(OBJECTIONS), doc.getArray(ADOPTION_LOG)];
    const comments = doc.getMap(COMMENTS_MAP);
    for (const m of maps) m.observe(bump);
    for (const a of arrays) a.observe(bump);
    comments.observeDeep(bump);
    return () => {
      maps.forEach((m) => m.unobserve(bump));
      arrays.forEach((a) => a.unobserve(bump));
      comments.unobserveDeep(bump);
    };
  }, [doc]);

  // Suggestions are re-read when they or their votes change, and when the text moves under them.
  const [suggestionVersion, setSuggestionVersion] = useState(0);
  useEffect(() => {
    const suggestionMaps = [doc.getMap(SUGGESTIONS_MAP), doc.getMap(SUGGESTION_VOTES_MAP)];
    const texts = langs.map((l) => doc.getXmlFragment(textFragmentName(l)));
    const bump = () => setSuggestionVersion((v) => v + 1);
    const onText = () => {
      if (suggestionMaps[0]!.size > 0) bump();
    };
    for (const m of suggestionMaps) m.observe(bump);
    for (const f of texts) f.observeDeep(onText);
    return () => {
      suggestionMaps.forEach((m) => m.unobserve(bump));
      texts.forEach((f) => f.unobserveDeep(onText));
    };
  }, [doc, langs]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const suggestions = useMemo(() => readSuggestions(doc), [doc, suggestionVersion]);

  useEffect(() => {
    const offs = [...editors].map(([lang, editor]) => {
      const onFocus = () => setActiveLang(lang);
      // Words selected: the "Comment…" button shows beside their row.
      const onSelection = () => {
        setTarget(editor.isFocused || !editor.state.selection.empty ? selectionTarget(editor, lang) : null);
        // The caret's row is the current row, also when it comes back to the row presence already names.
        const unit = editor.isFocused ? unitAt(editor.state.doc, editor.state.selection.head) : null;
        if (unit) setCurrentPid(unit.pid);
      };
      editor.on('focus', onFocus);
      editor.on('selectionUpdate', onSelection);
      return () => {
        editor.off('focus', onFocus);
        editor.off('selectionUpdate', onSelection);
      };
    });
    return () => offs.forEach((off) => off());
  }, [editors]);

  const onEditor = useCallback((lang: LanguageCode, editor: Editor | null) => {
    setEditors((prev) => {
      const next = new Map(prev);
      if (editor) next.set(lang, editor);
      else next.delete(lang);
      return next;
    });
  }, []);

  useEffect(() => {
    if (editors.size !== langs.length) return;
    const c = new LayoutController(editors, langs, rowSource, setLayout);
    controller.current = c;
    return () => {
      c.destroy();
      controller.current = null;
    };
  }, [editors, langs, rowSource]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new editors come with a new controller, which needs the label too
  useEffect(() => {
    controller.current?.setSlotLabel(t('notYetTranslated'));
  }, [t, editors]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const infos = useMemo(() => (layout ? describeRows(doc, layout.rows, langs) : []), [layout, version, doc, langs]);
  const rowOfPid = useMemo(() => {
    const map = new Map<string, RowInfo>();
    for (const info of infos) for (const pids of Object.values(info.row.cells)) for (const pid of pids) map.set(pid, info);
    return map;
  }, [infos]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const threads = useMemo(() => readThreads(doc), [doc, version]);
  const threadsOfRow = useMemo(() => (layout ? threadsByRow(threads, layout.rows) : new Map<string, Thread[]>()), [threads, layout]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const objections = useMemo(() => latestObjections(doc), [doc, version]);
  const objectionsOfRow = useMemo(() => {
    const map = new Map<string, Objection[]>();
    for (const o of objections) {
      const info = Object.values(o.pids)
        .flat()
        .map((p) => rowOfPid.get(p))
        .find(Boolean);
      if (info) map.set(info.row.key, [...(map.get(info.row.key) ?? []), o]);
    }
    return map;
  }, [objections, rowOfPid]);
  // Pending suggestions by row and by the side that made them, for the filter bar.
  const pendingSidesOfRow = useMemo(() => {
    const map = new Map<string, Record<string, number>>();
    for (const s of suggestions) {
      if (s.status !== 'pending') continue;
      const info = s.place ? rowOfPid.get(s.place.pid) : undefined;
      if (!info) continue;
      const bySide = map.get(info.row.key) ?? {};
      bySide[s.author.delegation] = (bySide[s.author.delegation] ?? 0) + 1;
      map.set(info.row.key, bySide);
    }
    return map;
  }, [suggestions, rowOfPid]);
  const marksOf = useCallback(
    (key: string): RowMarks => ({
      openThreads: (threadsOfRow.get(key) ?? []).filter((th) => th.status === 'open').length,
      objections: (objectionsOfRow.get(key) ?? []).length,
      suggestions: pendingSidesOfRow.get(key),
    }),
    [threadsOfRow, objectionsOfRow, pendingSidesOfRow],
  );
  const counts = useMemo(() => countRows(infos, marksOf), [infos, marksOf]);
  const openThreads = threads.filter((th) => th.status === 'open').length;

  // The row being worked on: where the caret (or a click in a read-only column) last was, or a jump.
  const selfRow = people.find((p) => p.self)?.row ?? null;
  useEffect(() => {
    if (selfRow) setCurrentPid(selfRow);
  }, [selfRow]);
  const current = currentPid ? rowOfPid.get(currentPid) : undefined;
  const targetInfo = target ? rowOfPid.get(target.from.pid) : undefined;
  const startComment = useCallback(() => {
    if (!target || !targetInfo) return;
    setComposing({ ...target, rowPids: Object.values(targetInfo.row.cells).flat(), rowKey: targetInfo.row.key });
  }, [target, targetInfo]);

  // Commented words, highlighted in every column.
  useEffect(() => {
    for (const [lang, editor] of editors) {
      if (editor.isDestroyed) continue;
      const ranges: CommentRange[] = threads
        .filter((th) => th.status === 'open' && th.anchor.kind === 'range' && th.anchor.lang === lang)
        .map((th) => {
          const a = th.anchor as Extract<Thread['anchor'], { kind: 'range' }>;
          return { id: th.id, pid: a.pid, from: a.from, to: a.to, active: th.id === focusThread };
        });
      editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, ranges).setMeta('addToHistory', false));
    }
  }, [threads, editors, focusThread]);

  // --- Suggestions -----------------------------------------------------------------------------
  // Observers suggest nothing; nobody suggests in a frozen text (no column is writable then).
  const canSuggest = canComment && langs.some((l) => writable(l));
  const side = canComment ? commentAuthor.delegation : null;
  const sideName = useCallback((code: string) => (code === 'secretariat' ? t('secretariat') : countryDelegationName(code, uiLang)), [uiLang, t]);
  const agreedPids = useMemo(() => {
    const set = new Set<string>();
    for (const info of infos) if (info.state.status === 'agreed') for (const pids of Object.values(info.row.cells)) for (const pid of pids) set.add(pid);
    return set;
  }, [infos]);
  // The columns read the page's current state at each keystroke, through one object made once.
  const live = useRef({ suggesting, canSuggest, writable, agreedPids, commentAuthor });
  live.current = { suggesting, canSuggest, writable, agreedPids, commentAuthor };
  const host = useMemo<SuggestHost>(
    () => ({
      suggesting: () => live.current.suggesting && live.current.canSuggest,
      modeAt: (lang, pid) => {
        const now = live.current;
        if (!now.canSuggest) return 'write';
        if (now.agreedPids.has(pid)) return 'consent';
        return now.suggesting || !now.writable(lang as LanguageCode) ? 'suggest' : 'write';
      },
      propose: (lang, edit) => {
        const place: SuggestPlace = { doc, lang, pid: edit.pid, author: live.current.commentAuthor, consent: edit.consent, at: Date.now() };
        let result: Result<{ moved: boolean }>;
        if (edit.kind === 'backspace') result = suggestBackspace(place, edit.at);
        else {
          const made = edit.kind === 'insert' ? suggestReplace(place, edit.from, edit.to, edit.text) : suggestDelete(place, edit.from, edit.to);
          result = made.ok ? ok({ moved: false }) : made;
        }
        setSuggestProblem(result.ok ? null : { pid: edit.pid, reason: result.reason });
        return result;
      },
    }),
    [doc],
  );
  const suggestionsOfRow = useMemo(() => {
    const map = new Map<string, Suggestion[]>();
    for (const s of suggestions) {
      const info = rowOfPid.get(s.place?.pid ?? s.pid);
      if (info) map.set(info.row.key, [...(map.get(info.row.key) ?? []), s]);
    }
    return map;
  }, [suggestions, rowOfPid]);

  // Pending suggestions, drawn in the column they concern, in every page.
  const drawnMarks = useRef(new Map<Editor, string>());
  useEffect(() => {
    for (const [lang, editor] of editors) {
      if (editor.isDestroyed) continue;
      const marks: SuggestionMark[] = suggestions
        .filter((s) => s.status === 'pending' && s.place && s.lang === lang)
        .map((s) => ({
          id: s.id,
          pid: s.place!.pid,
          from: s.place!.from,
          to: s.place!.to,
          text: s.text,
          delegation: s.author.delegation,
          tag: s.author.delegation === 'secretariat' ? t('secretariatTag') : s.author.delegation.toUpperCase(),
          title: t('suggestionTitle', { name: s.author.name, delegation: sideName(s.author.delegation) }),
          active: s.id === focusSuggestion,
        }));
      const key = JSON.stringify(marks);
      if (drawnMarks.current.get(editor) === key) continue;
      drawnMarks.current.set(editor, key);
      editor.view.dispatch(editor.state.tr.setMeta(suggestionMarksKey, marks).setMeta('addToHistory', false));
    }
  }, [suggestions, editors, focusSuggestion, t, sideName]);

  /** Accepting is an edit in the suggestion's column, undone there by Ctrl+Z. */
  const decide = useCallback(
    (list: readonly Suggestion[], decision: 'accept' | 'reject') => {
      const lang = list[0]?.lang as LanguageCode | undefined;
      if (!lang) return;
      asUndoableStep(editors.get(lang), doc, (origin) => {
        for (const s of list) voteOnSuggestion(doc, s.id, { decision, by: commentAuthor, at: Date.now(), origin });
      });
      setFocusSuggestion(null);
    },
    [editors, doc, commentAuthor],
  );
  const withdraw = useCallback((s: Suggestion) => withdrawSuggestion(doc, s.id, { by: commentAuthor }), [doc, commentAuthor]);

  /** A click on proposed words opens their card. */
  const onTextClick = (event: ReactMouseEvent) => {
    const el = (event.target as Element | null)?.closest?.('[data-suggestion-id]');
    const id = el?.getAttribute('data-suggestion-id');
    const s = id ? suggestions.find((x) => x.id === id) : undefined;
    if (!s) return;
    setCurrentPid(s.place?.pid ?? s.pid);
    setFocusSuggestion(s.id);
  };

  const flashRow = useCallback((key: string) => setFlash((f) => ({ key, n: (f?.n ?? 0) + 1 })), []);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  /** Scrolls a row into the middle of the window, makes it the current row, flashes it. */
  const goTo = useCallback(
    (info: RowInfo, options: { focus: boolean } = { focus: true }) => {
      const lang = langs.find((l) => writable(l) && (info.row.cells[l] ?? []).length > 0) ?? langs.find((l) => (info.row.cells[l] ?? []).length > 0);
      if (!lang) return;
      const pid = info.row.cells[lang]![0]!;
      setCurrentPid(pid);
      const editor = editors.get(lang);
      if (editor && options.focus) focusUnit(editor, pid);
      const el = editor ? unitElement(editor, pid) : null;
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      flashRow(info.row.key);
    },
    [langs, writable, editors, flashRow],
  );

  useEffect(() => {
    const detach = navigator.attach((target: RowTarget) => {
      const info = 'pid' in target ? rowOfPid.get(target.pid) : infos.find((i) => i.row.key === target.rowKey);
      if (!info) return false;
      goTo(info);
      return true;
    });
    navigator.retry();
    return detach;
  }, [navigator, rowOfPid, infos, goTo]);

  const step = useCallback(
    (direction: 1 | -1) => {
      if (infos.length === 0) return;
      const from = current ? current.index : direction === 1 ? -1 : infos.length;
      const next = stepInFilter(infos, from, direction, (info) => rowMatches(filter, info, marksOf(info.row.key)));
      if (next) goTo(next);
    },
    [infos, current, filter, marksOf, goTo],
  );

  // Keyboard: Alt+Page Up/Down walk the selection of rows; Ctrl+Alt+M comments the selected words.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.altKey && (event.key === 'PageDown' || event.key === 'PageUp')) {
        event.preventDefault();
        step(event.key === 'PageDown' ? 1 : -1);
      } else if (event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm' && canComment) {
        event.preventDefault();
        startComment();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, startComment, canComment]);

  // Plenary: the followed row is highlighted and kept in view.
  const plenaryInfo = props.plenaryPid ? rowOfPid.get(props.plenaryPid) : undefined;
  const plenaryKey = plenaryInfo?.row.key ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when the chair moves to another row, not at every edit of the text
  useEffect(() => {
    if (!plenaryKey) return;
    const info = infos.find((i) => i.row.key === plenaryKey);
    if (!info) return;
    const lang = langs.find((l) => (info.row.cells[l] ?? []).length > 0);
    const editor = lang ? editors.get(lang) : undefined;
    if (editor && lang) unitElement(editor, info.row.cells[lang]![0]!)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [plenaryKey]);

  /** Alt+←/→: the same row in the neighbouring column; Alt+↑/↓: the previous/next row. */
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey || !layout) return;
    const from = langs.find((l) => editors.get(l)?.isFocused);
    if (!from) return;
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!dir) return;
    const editor = editors.get(from)!;
    const unit = unitAt(editor.state.doc, caretPosition(editor));
    const rowIndex = unit ? layout.rows.findIndex((r) => r.cells[from]?.includes(unit.pid)) : -1;
    if (rowIndex < 0) return;
    event.preventDefault();
    const toLang = langs[(langs.indexOf(from) + dir[0]! + langs.length) % langs.length]!;
    // Find the nearest row in the target direction that has a paragraph in the target column.
    for (let r = rowIndex + dir[1]!; r >= 0 && r < layout.rows.length; r += dir[1] || 1) {
      const pid = layout.rows[r]!.cells[toLang]?.[0];
      if (pid && focusUnit(editors.get(toLang)!, pid)) return;
      if (dir[1] === 0 && r > rowIndex + 50) return;
    }
  };

  const markers = useMemo(() => {
    if (!layout) return [];
    return people
      .filter((p) => !p.self && p.row && rowOfPid.has(p.row))
      .map((p) => ({ person: p, top: layout.rowTops.get(rowOfPid.get(p.row!)!.row.key) ?? 0 }));
  }, [layout, people, rowOfPid]);

  const act = (fn: () => void) => {
    fn();
    controller.current?.schedule();
  };
  const activeEditor = activeLang ? (editors.get(activeLang) ?? null) : null;
  const openIssues = (info: RowInfo): AgreedDespite[] => {
    const marked = bracketedPids(doc, langs);
    const issues: AgreedDespite[] = [];
    if (info.state.status === 'bracketed' || Object.values(info.row.cells).some((ps) => ps.some((p) => marked.has(p)))) issues.push('open-bracket');
    if ((objectionsOfRow.get(info.row.key) ?? []).length > 0) issues.push('pending-objection');
    return issues;
  };
  const hasOpenIssue = (info: RowInfo) => openIssues(info).length > 0;
  const setStatus = (info: RowInfo, status: RowStatus, despite = false) => {
    if (status === 'agreed' && !despite && hasOpenIssue(info)) {
      setConfirmAgree(info.row.key);
      return;
    }
    setConfirmAgree(null);
    act(() => {
      setRowStatus(doc, info.row, status, info.texts, user.name, ROW_EDIT_ORIGIN);
      if (despite) recordAgreedDespite(doc, info.row, openIssues(info), user.name, Date.now(), ROW_EDIT_ORIGIN);
    });
  };

  const rowTop = (key: string) => layout?.rowTops.get(key) ?? 0;
  const cards: RailCard[] = [];
  if (layout) {
    for (const info of infos) {
      const isCurrent = info === current;
      const rowThreads = threadsOfRow.get(info.row.key) ?? [];
      const open = rowThreads.filter((th) => th.status === 'open');
      const rowObjections = objectionsOfRow.get(info.row.key) ?? [];
      const composingHere = composing?.rowKey === info.row.key;
      const selectingHere = !composing && targetInfo === info && canComment;
      const rowSuggestions = suggestionsOfRow.get(info.row.key) ?? [];
      const pendingHere = rowSuggestions.some((s) => s.status === 'pending' || (s.status === 'outdated' && s.id === focusSuggestion));
      if (!isCurrent && open.length === 0 && info.stale.length === 0 && rowObjections.length === 0 && !composingHere && !selectingHere && !pendingHere)
        continue;
      const n = String(info.index + 1);
      cards.push({
        key: info.row.key,
        top: rowTop(info.row.key),
        anchored: isCurrent,
        content: (
          <section className={isCurrent ? 'row-card current' : 'row-card'} aria-label={t('rowTools', { n })} data-row={info.row.key}>
            {selectingHere && (
              <button type="button" className="comment-button" onMouseDown={(e) => e.preventDefault()} onClick={startComment} aria-keyshortcuts="Control+Alt+M">
                {t('commentEllipsis')}
              </button>
            )}
            {composingHere && composing && (
              <SelectionCommentForm
                doc={doc}
                target={composing}
                author={commentAuthor}
                onDone={() => {
                  setComposing(null);
                  setTarget(null);
                }}
              />
            )}
            {isCurrent ? (
              <RowPanel
                info={info}
                next={infos[info.index + 1] ?? null}
                canEdit={canEditRows}
                languageName={languageName}
                onStatus={(status) => setStatus(info, status)}
                onConfirm={() => act(() => confirmRow(doc, info.row, info.texts, user.name, ROW_EDIT_ORIGIN))}
                onMerge={() => act(() => mergeRows(doc, info.row, infos[info.index + 1]!.row, ROW_EDIT_ORIGIN))}
                onSplit={() => act(() => splitRow(doc, info.row, ROW_EDIT_ORIGIN))}
                onRelease={() => act(() => releaseRow(doc, info.row, ROW_EDIT_ORIGIN))}
              />
            ) : (
              <button type="button" className="card-row-link" onClick={() => goTo(info)}>
                {t('row', { n })}
              </button>
            )}
            {confirmAgree === info.row.key && (
              <div className="confirm-agree" role="alertdialog" aria-label={t('confirmAgreeOpen', { n })}>
                <p>{t('confirmAgreeOpen', { n })}</p>
                <button type="button" className="danger" onClick={() => setStatus(info, 'agreed', true)}>
                  {t('agreeAnyway')}
                </button>
                <button type="button" onClick={() => setConfirmAgree(null)}>
                  {t('cancel')}
                </button>
              </div>
            )}
            {isCurrent && canSuggest && info.state.status === 'agreed' && (
              <p className="agreed-notice" role="status" data-agreed-notice={info.row.key}>
                {t('agreedRowNotice')}
              </p>
            )}
            {suggestProblem && Object.values(info.row.cells).some((pids) => (pids as readonly string[]).includes(suggestProblem.pid)) && (
              <p className="suggestion-problem" role="status" title={suggestProblem.reason}>
                {t('suggestionNotMade')}
              </p>
            )}
            <SuggestionCards
              suggestions={rowSuggestions}
              side={side}
              author={commentAuthor}
              sideName={sideName}
              focused={focusSuggestion}
              history={isCurrent}
              onVote={(s, decision) => decide([s], decision)}
              onWithdraw={withdraw}
              onAcceptAll={(_, list) => decide(list, 'accept')}
            />
            {isCurrent && <BracketChoices editor={activeEditor} />}
            <StaleDiff
              info={info}
              languageName={languageName}
              onConfirmAgain={canEditRows ? () => act(() => confirmRow(doc, info.row, info.texts, user.name, ROW_EDIT_ORIGIN)) : null}
            />
            {rowObjections.length > 0 && (
              <ul className="row-objections" aria-label={t('objectionsHeading')}>
                {rowObjections.map((o, i) => (
                  <li key={i} data-objection-delegation={o.delegation}>
                    ⚑ {t('objectionLine', { delegation: delegationName(o.delegation, languageName, t), name: o.name, reason: o.text })}
                  </li>
                ))}
              </ul>
            )}
            <ThreadList
              doc={doc}
              threads={isCurrent ? rowThreads : open}
              author={commentAuthor}
              canComment={canComment}
              languageName={languageName}
              onFocusThread={setFocusThread}
            />
            {isCurrent && canComment && <RowCommentForm doc={doc} pids={Object.values(info.row.cells).flat()} author={commentAuthor} />}
            {isCurrent && props.rowExtras?.(info)}
          </section>
        ),
      });
    }
  }

  const agreed = infos.filter((i) => i.state.status === 'agreed').length;
  const summary = layout
    ? t('rowCounts', {
        rows: new Intl.NumberFormat(uiLang).format(layout.rows.length),
        agreed: new Intl.NumberFormat(uiLang).format(agreed),
        missing: new Intl.NumberFormat(uiLang).format(counts.missing),
      })
    : '';
  const overlay = (key: string | null, className: string, extra: Record<string, string>) => {
    if (!key || !layout?.rowTops.has(key)) return null;
    return (
      <div
        className={className}
        style={{ top: `calc(var(--text-top) + ${rowTop(key)}px)`, height: (layout.rowHeights.get(key) ?? 0) + 8 }}
        aria-hidden="true"
        {...extra}
      />
    );
  };

  return (
    <div className="bilingual" style={{ ['--columns' as string]: langs.length }}>
      <WorkspaceToolbar
        filter={filter}
        counts={counts}
        suggestionsBySide={suggestionsBySide(infos, marksOf)}
        onFilter={setFilter}
        onStep={step}
        summary={summary}
        openThreads={openThreads}
        brackets={<BracketToolbar editor={activeEditor} />}
        suggesting={canSuggest ? suggesting : null}
        onSuggesting={setSuggesting}
        extras={props.toolbarExtras}
      />
      <div className="column-headers">
        <div className="gutter-header" />
        {langs.map((lang) => (
          <div key={lang} className="column-header" lang={uiLang}>
            <strong>{names.of(lang) ?? lang}</strong> <code>{lang}</code>{' '}
            <span className={writable(lang) ? 'badge writable' : 'badge readonly'}>{writable(lang) ? t('youCanEdit') : t('readOnly')}</span>
          </div>
        ))}
        <div className="rail-header" />
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: keys and clicks bubble up from the editors inside, which are the interactive elements */}
      <div className={suggesting && canSuggest ? 'columns suggesting' : 'columns'} id="text" tabIndex={-1} onKeyDown={onKeyDown} onClick={onTextClick}>
        {overlay(flash?.key ?? null, 'row-flash', { 'data-flash-row': flash?.key ?? '' })}
        {overlay(plenaryKey, 'row-plenary', { 'data-plenary-row': plenaryKey ?? '' })}
        <div className="gutter">
          {layout &&
            infos.map((i) => {
              const marks = marksOf(i.row.key);
              const dim = filter !== 'all' && !rowMatches(filter, i, marks);
              return (
                <div key={i.row.key} className={dim ? 'gutter-row dim' : 'gutter-row'} style={{ top: rowTop(i.row.key) }} data-gutter-row={i.row.key}>
                  <button
                    type="button"
                    tabIndex={-1}
                    className="row-number"
                    data-row-number={i.index + 1}
                    onClick={() => goTo(i)}
                    aria-label={t('goToRow', { n: String(i.index + 1) })}
                  >
                    {i.index + 1}
                  </button>
                  {(i.state.status !== 'draft' || i.stale.length > 0) && (
                    <span
                      role="img"
                      className={`row-status status-${i.state.status}${i.stale.length ? ' is-stale' : ''}`}
                      title={`${t(`status_${i.state.status}` as MessageKey)}${i.stale.length ? ' ⚠' : ''}`}
                      aria-label={`${t('row', { n: String(i.index + 1) })}: ${t(`status_${i.state.status}` as MessageKey)}`}
                      data-row-status={i.state.status}
                      data-stale={i.stale.length > 0}
                    >
                      {STATUS_SYMBOL[i.state.status]}
                      {i.stale.length ? '⚠' : ''}
                    </span>
                  )}
                  {marks.openThreads > 0 && (
                    <span className="row-comment-mark" data-row-comments={marks.openThreads} title={t('openThreads', { count: String(marks.openThreads) })}>
                      ❝
                    </span>
                  )}
                  {marks.objections > 0 && (
                    <span className="row-objection-mark" data-row-objections={marks.objections} title={t('objectionMarker')}>
                      ⚑
                    </span>
                  )}
                </div>
              );
            })}
          {markers.map(({ person, top }) => (
            <span key={person.clientId} className="row-marker" style={{ top, borderColor: person.color }} title={person.name} data-person={person.name}>
              {initials(person.name)}
            </span>
          ))}
        </div>
        {langs.map((lang) => (
          <div key={lang} className="language-column" lang={lang} data-writable={writable(lang)}>
            <LanguageColumn
              doc={doc}
              provider={session.provider}
              lang={lang}
              user={user}
              editable={writable(lang)}
              suggesting={suggesting && canSuggest}
              host={host}
              label={`${names.of(lang) ?? lang}${writable(lang) ? '' : ` (${t('readOnly')})`}`}
              onEditor={onEditor}
            />
          </div>
        ))}
        <RowRail cards={cards} label={t('rowTools', { n: current ? String(current.index + 1) : '' })} />
      </div>
    </div>
  );
}

/** Status at a glance, never by colour alone. */
const STATUS_SYMBOL: Record<RowStatus, string> = { draft: '', bracketed: '[ ]', 'agreed-ad-referendum': 'a.r.', agreed: '✓' };

function delegationName(delegation: string, languageName: (code: string) => string, t: (key: MessageKey, params?: Record<string, string>) => string): string {
  return delegation === 'secretariat'
    ? t('secretariat')
    : delegation === 'observer'
      ? t('observer')
      : t('delegationOf', { language: languageName(delegation) });
}

/** The objections of the latest circulation (open or closed): what the silence procedure met. */
function latestObjections(doc: CollabSession['doc']): Objection[] {
  const circulations = readCirculations(doc);
  const latest = circulations[circulations.length - 1];
  return latest ? readObjections(doc, latest.id) : [];
}

/** The selected words of an editor as a comment target, or null (nothing selected, or across paragraphs). */
function selectionTarget(editor: Editor, lang: string): CommentTarget | null {
  const { selection } = editor.state;
  if (selection.empty) return null;
  const { $from, $to } = selection;
  const unitPid = unitAt(editor.state.doc, $from.pos)?.pid;
  if ($from.parent !== $to.parent || !unitPid) return null;
  return { lang, from: { pid: unitPid, offset: $from.parentOffset }, to: { pid: unitPid, offset: $to.parentOffset }, rowPids: [] };
}

function unitElement(editor: Editor, pid: string): HTMLElement | null {
  const unit = pmUnits(editor.state.doc).find((u) => u.pid === pid);
  if (!unit) return null;
  const dom = editor.view.nodeDOM(unit.pos);
  return dom instanceof HTMLElement ? dom : null;
}

function focusUnit(editor: Editor, pid: string): boolean {
  const unit = pmUnits(editor.state.doc).find((u) => u.pid === pid);
  if (!unit) return false;
  const pos = Math.min(unit.pos + 1 + (unit.node.type.name === 'listItem' ? 1 : 0), editor.state.doc.content.size);
  editor.view.focus();
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(pos))));
  return true;
}

/** The caret as the browser has it: ProseMirror reads a click's new selection only a moment later. */
function caretPosition(editor: Editor): number {
  const selection = document.getSelection();
  if (selection?.focusNode && editor.view.dom.contains(selection.focusNode)) {
    try {
      return editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
    } catch {
      // a node ProseMirror does not map (a widget): fall back to its own selection
    }
  }
  return editor.state.selection.head;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export type { Row };
