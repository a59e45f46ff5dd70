import { useCallback, useEffect, useMemo, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import type { CommentAuthor } from '../../shared/negotiation/commentModel';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { voteOnSuggestion, withdrawSuggestion } from '../../shared/negotiation/suggestions';
import type { RowInfo } from './rowInfo';
import { BracketToolbar } from '../negotiation/BracketToolbar';
import type { CommentTarget } from '../negotiation/CommentsPanel';
import type { CollabSession } from '../collab/collabSession';
import type { Presence } from '../collab/presence';
import { useI18n } from '../i18n/i18n';
import { delegationName as countryDelegationName } from '../i18n/delegations';
import { LanguageColumn, type Participant } from './LanguageColumn';
import { unitAt } from './units';
import { suggestionsBySide, type RowFilter } from './rowFilter';
import { RowRail, type RailCard } from './RowRail';
import { WorkspaceToolbar } from './WorkspaceToolbar';
import { asUndoableStep } from './suggestionUndo';
import type { RowNavigator } from './rowNavigation';
import { selectionTarget } from './editorCaret';
import { RowCard } from './RowCard';
import { RowGutter } from './RowGutter';
import { useColumnLayout } from './useColumnLayout';
import { useRowsTick, useSuggestions } from './useDocTicks';
import { useCommentHighlights, useSuggestionMarks } from './useEditorDecorations';
import { useRowActions } from './useRowActions';
import { useRowMarks } from './useRowMarks';
import { useRowNavigation } from './useRowNavigation';
import { useSuggestHost } from './useSuggestHost';
import { moveAcrossColumns, useWorkspaceShortcuts } from './workspaceKeys';

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
  const { editors, onEditor, layout, controller } = useColumnLayout(doc, langs, t('notYetTranslated'));
  // The column the caret was last in: the bracket tools act on it.
  const [activeLang, setActiveLang] = useState<LanguageCode | null>(null);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const [composing, setComposing] = useState<(CommentTarget & { rowKey: string }) | null>(null);
  const [focusThread, setFocusThread] = useState<string | null>(null);
  const [filter, setFilter] = useState<RowFilter>('all');
  const [currentPid, setCurrentPid] = useState<string | null>(null);
  // Suggesting mode is this page's own (not shared with others, not remembered).
  const [suggesting, setSuggesting] = useState(false);
  const [focusSuggestion, setFocusSuggestion] = useState<string | null>(null);
  const [suggestProblem, setSuggestProblem] = useState<{ pid: string; reason: string } | null>(null);
  const names = useMemo(() => new Intl.DisplayNames([uiLang], { type: 'language' }), [uiLang]);
  const languageName = useCallback((code: string) => names.of(code) ?? code, [names]);

  const version = useRowsTick(doc, controller);
  const suggestions = useSuggestions(doc, langs);
  const { infos, rowOfPid, threads, threadsOfRow, objectionsOfRow, suggestionsOfRow, agreedPids, marksOf, counts } = useRowMarks(
    doc,
    langs,
    layout,
    version,
    suggestions,
  );
  const openThreads = threads.filter((th) => th.status === 'open').length;

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

  useCommentHighlights(editors, threads, focusThread);

  // --- Suggestions -----------------------------------------------------------------------------
  // Observers suggest nothing; nobody suggests in a frozen text (no column is writable then).
  const canSuggest = canComment && langs.some((l) => writable(l));
  const side = canComment ? commentAuthor.delegation : null;
  const sideName = useCallback((code: string) => (code === 'secretariat' ? t('secretariat') : countryDelegationName(code, uiLang)), [uiLang, t]);
  const host = useSuggestHost(doc, { suggesting, canSuggest, writable, agreedPids, commentAuthor }, setSuggestProblem);
  useSuggestionMarks(editors, suggestions, focusSuggestion, sideName);

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

  const { flash, goTo, step, plenaryKey } = useRowNavigation({
    langs,
    writable,
    editors,
    infos,
    rowOfPid,
    current,
    filter,
    marksOf,
    navigator,
    setCurrentPid,
    plenaryPid: props.plenaryPid,
  });
  useWorkspaceShortcuts(step, startComment, canComment);
  const rowActions = useRowActions(doc, langs, user.name, objectionsOfRow, controller);
  const activeEditor = activeLang ? (editors.get(activeLang) ?? null) : null;

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
      cards.push({
        key: info.row.key,
        top: rowTop(info.row.key),
        anchored: isCurrent,
        content: (
          <RowCard
            doc={doc}
            info={info}
            next={infos[info.index + 1] ?? null}
            isCurrent={isCurrent}
            threads={rowThreads}
            objections={rowObjections}
            suggestions={rowSuggestions}
            selecting={selectingHere}
            composing={composingHere ? composing : null}
            onStartComment={startComment}
            onComposed={() => {
              setComposing(null);
              setTarget(null);
            }}
            rowActions={rowActions}
            canEditRows={canEditRows}
            canComment={canComment}
            canSuggest={canSuggest}
            author={commentAuthor}
            side={side}
            sideName={sideName}
            languageName={languageName}
            focusSuggestion={focusSuggestion}
            suggestProblem={
              suggestProblem && Object.values(info.row.cells).some((pids) => (pids as readonly string[]).includes(suggestProblem.pid))
                ? suggestProblem.reason
                : null
            }
            onDecide={decide}
            onWithdraw={withdraw}
            activeEditor={activeEditor}
            onFocusThread={setFocusThread}
            onGoTo={goTo}
            extras={isCurrent ? props.rowExtras?.(info) : undefined}
          />
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
      <div
        className={suggesting && canSuggest ? 'columns suggesting' : 'columns'}
        id="text"
        tabIndex={-1}
        onKeyDown={(event) => moveAcrossColumns(event, layout, langs, editors)}
        onClick={onTextClick}
      >
        {overlay(flash?.key ?? null, 'row-flash', { 'data-flash-row': flash?.key ?? '' })}
        {overlay(plenaryKey, 'row-plenary', { 'data-plenary-row': plenaryKey ?? '' })}
        <RowGutter layout={layout} infos={infos} rowOfPid={rowOfPid} filter={filter} marksOf={marksOf} people={people} onGoTo={goTo} />
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
