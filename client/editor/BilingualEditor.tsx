import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { DeclarationSummary } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import type { RowSource } from '../../shared/model/rows';
import { ALIGNMENT_MAP, ROW_STATE_MAP, readAlignment, rowsFromAlignment, type RowStatus } from '../../shared/model/alignment';
import { confirmRow, mergeRows, releaseRow, setRowStatus, splitRow } from '../../shared/model/rowActions';
import { describeRows, type RowInfo } from './rowInfo';
import { RowPanel, StaleWarning } from './RowPanel';
import { BracketToolbar } from '../negotiation/BracketToolbar';
import { CommentsPanel } from '../negotiation/CommentsPanel';
import type { CommentAuthor } from '../../shared/negotiation/comments';
import type { MessageKey } from '../i18n/messages';
import type { CollabSession } from '../collab/collabSession';
import type { Presence } from '../collab/presence';
import { useI18n } from '../i18n/i18n';
import { LanguageColumn, type Participant } from './LanguageColumn';
import { LayoutController, type LayoutSnapshot } from './layoutController';
import { pmUnits, unitAt } from './units';

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
}

/** Origin of the row changes made from this page. */
const ROW_EDIT_ORIGIN = Symbol('row-edit');

/**
 * The side-by-side view: one editor per language, rows kept level across columns, empty
 * labelled slots where a counterpart is missing, and a gutter that shows who is in which row.
 */
export function BilingualEditor({ session, declaration, user, writable, people, canEditRows, canComment, commentAuthor }: Props) {
  const { t, tn, lang: uiLang } = useI18n();
  const langs = declaration.languages;
  const [editors, setEditors] = useState<ReadonlyMap<LanguageCode, Editor>>(new Map());
  const [layout, setLayout] = useState<LayoutSnapshot | null>(null);
  // The column the caret was last in: the bracket tools act on it.
  const [activeLang, setActiveLang] = useState<LanguageCode | null>(null);
  useEffect(() => {
    const offs = [...editors].map(([lang, editor]) => {
      const onFocus = () => setActiveLang(lang);
      editor.on('focus', onFocus);
      return () => editor.off('focus', onFocus);
    });
    return () => offs.forEach((off) => off());
  }, [editors]);
  const controller = useRef<LayoutController | null>(null);
  const names = useMemo(() => new Intl.DisplayNames([uiLang], { type: 'language' }), [uiLang]);
  const languageName = useCallback((code: string) => names.of(code) ?? code, [names]);
  // Rows come from the alignment the server maintains in the document (and hand-made rows).
  const rowSource = useMemo<RowSource>(() => (columns) => rowsFromAlignment(readAlignment(session.doc), columns), [session.doc]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => {
      setVersion((v) => v + 1);
      controller.current?.schedule();
    };
    const maps = [session.doc.getMap(ALIGNMENT_MAP), session.doc.getMap(ROW_STATE_MAP)];
    for (const m of maps) m.observe(bump);
    return () => maps.forEach((m) => m.unobserve(bump));
  }, [session.doc]);

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

  useEffect(() => {
    controller.current?.setSlotLabel(t('notYetTranslated'));
  }, [t, editors]);

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
    const rowOf = new Map<string, string>();
    for (const row of layout.rows) for (const pids of Object.values(row.cells)) for (const pid of pids) rowOf.set(pid, row.key);
    return people
      .filter((p) => p.row && rowOf.has(p.row))
      .map((p) => ({ person: p, top: layout.rowTops.get(rowOf.get(p.row!)!) ?? 0 }));
  }, [layout, people]);

  const missing = layout ? layout.rows.filter((r) => langs.some((l) => (r.cells[l] ?? []).length === 0)).length : 0;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const infos = useMemo(() => (layout ? describeRows(session.doc, layout.rows, langs) : []), [layout, version, session.doc, langs]);
  const selfRow = people.find((p) => p.self)?.row ?? null;
  const current = selfRow ? infos.find((i) => Object.values(i.row.cells).some((c) => c.includes(selfRow as never))) : undefined;
  const attention = infos.filter((i) => i.stale.length > 0 || i.missing.length > 0 || i.review);
  const act = (fn: () => void) => {
    fn();
    controller.current?.schedule();
  };
  const goTo = (info: RowInfo) => {
    const lang = langs.find((l) => (info.row.cells[l] ?? []).length > 0);
    if (lang) focusUnit(editors.get(lang)!, info.row.cells[lang]![0]!);
  };

  return (
    <div className="bilingual" style={{ ['--columns' as string]: langs.length }}>
      <div className="column-headers" aria-hidden="false">
        <div className="gutter-header" />
        {langs.map((lang) => (
          <div key={lang} className="column-header" lang={uiLang}>
            <strong>{names.of(lang) ?? lang}</strong> <code>{lang}</code>{' '}
            <span className={writable(lang) ? 'badge writable' : 'badge readonly'}>
              {writable(lang) ? t('youCanEdit') : t('readOnly')}
            </span>
          </div>
        ))}
      </div>
      <p className="layout-summary" aria-live="polite">
        {layout ? t('rowsSummary', { rows: tn('rowCount', layout.rows.length), missing: tn('missingCount', missing) }) : ''}
      </p>
      <BracketToolbar editor={activeLang ? (editors.get(activeLang) ?? null) : null} />
      {current && (
        <RowPanel
          info={current}
          next={infos[current.index + 1] ?? null}
          canEdit={canEditRows}
          languageName={languageName}
          onStatus={(status: RowStatus) => act(() => setRowStatus(session.doc, current.row, status, current.texts, user.name, ROW_EDIT_ORIGIN))}
          onConfirm={() => act(() => confirmRow(session.doc, current.row, current.texts, user.name, ROW_EDIT_ORIGIN))}
          onMerge={() => act(() => mergeRows(session.doc, current.row, infos[current.index + 1]!.row, ROW_EDIT_ORIGIN))}
          onSplit={() => act(() => splitRow(session.doc, current.row, ROW_EDIT_ORIGIN))}
          onRelease={() => act(() => releaseRow(session.doc, current.row, ROW_EDIT_ORIGIN))}
        />
      )}
      {current && layout && (
        <CommentsPanel
          doc={session.doc}
          row={current.row}
          rows={layout.rows}
          author={commentAuthor}
          canComment={canComment}
          editor={activeLang ? (editors.get(activeLang) ?? null) : null}
          languageName={languageName}
        />
      )}
      {attention.length > 0 && (
        <details className="attention">
          <summary>{t('attention', { count: new Intl.NumberFormat(uiLang).format(attention.length) })}</summary>
          <ul>
            {attention.map((info) => (
              <li key={info.row.key}>
                <button type="button" onClick={() => goTo(info)}>
                  {t('row', { n: String(info.index + 1) })}
                </button>{' '}
                {info.missing.map((l) => t('missingIn', { language: languageName(l) })).join(' · ')}
                {info.review ? ` ${t('checkAlignment')}` : ''} <StaleWarning info={info} languageName={languageName} />
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="columns" onKeyDown={onKeyDown}>
        <div className="gutter" aria-label={t('people')}>
          {layout &&
            infos
              .filter((i) => i.state.status !== 'draft' || i.stale.length > 0)
              .map((i) => (
                <span
                  key={`s:${i.row.key}`}
                  className={`row-status status-${i.state.status}${i.stale.length ? ' is-stale' : ''}`}
                  style={{ top: layout.rowTops.get(i.row.key) ?? 0 }}
                  title={`${t(`status_${i.state.status}` as MessageKey)}${i.stale.length ? ' ⚠' : ''}`}
                  aria-label={`${t('row', { n: String(i.index + 1) })}: ${t(`status_${i.state.status}` as MessageKey)}`}
                  data-row-status={i.state.status}
                  data-stale={i.stale.length > 0}
                >
                  {STATUS_SYMBOL[i.state.status]}
                  {i.stale.length ? '⚠' : ''}
                </span>
              ))}
          {markers.map(({ person, top }) => (
            <span
              key={person.clientId}
              className="row-marker"
              style={{ top, borderColor: person.color }}
              title={person.name}
              data-person={person.name}
            >
              {initials(person.name)}
            </span>
          ))}
        </div>
        {langs.map((lang) => (
          <div key={lang} className="language-column" lang={lang} data-writable={writable(lang)}>
            <LanguageColumn
              doc={session.doc}
              provider={session.provider}
              lang={lang}
              user={user}
              editable={writable(lang)}
              label={`${names.of(lang) ?? lang}${writable(lang) ? '' : ` (${t('readOnly')})`}`}
              onEditor={onEditor}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

/** Status at a glance, never by colour alone. */
const STATUS_SYMBOL: Record<RowStatus, string> = { draft: '', bracketed: '[ ]', 'agreed-ad-referendum': 'a.r.', agreed: '✓' };

function focusUnit(editor: Editor, pid: string): boolean {
  const unit = pmUnits(editor.state.doc).find((u) => u.pid === pid);
  if (!unit) return false;
  const pos = Math.min(unit.pos + 1 + (unit.node.type.name === 'listItem' ? 1 : 0), editor.state.doc.content.size);
  editor.view.focus();
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(pos))).scrollIntoView());
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
