import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { canonicalText } from '../../shared/model/canonicalText';
import { ALIGNMENT_MAP, ROW_STATE_MAP } from '../../shared/model/alignment';
import {
  ADOPTION_DECISIONS,
  ADOPTION_LOG,
  latestDecisions,
  recordAdoption,
  REOPENED,
  type AdoptionDecision,
  type AgreedDespite,
} from '../../shared/negotiation/adoption';
import { bracketedPids } from '../../shared/negotiation/brackets';
import { readCirculations, readObjections } from '../../shared/negotiation/circulation';
import type { CollabSession } from '../collab/collabSession';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const PLENARY_ORIGIN = Symbol('plenary');

/**
 * The secretariat walks through the rows in order in plenary: the current row large in every
 * language, and the decision recorded with its time (agreed, agreed ad referendum, left open).
 */
export function PlenaryMode({
  session,
  declaration,
  by,
  onClose,
  onRow,
}: {
  session: CollabSession;
  declaration: DeclarationSummary;
  by: string;
  onClose: () => void;
  /** Where the chair is, for every participant's page to follow (a paragraph of the row and its number). */
  onRow?: (row: { pid: string; n: number } | null) => void;
}) {
  const { t, lang: uiLang } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [version, setVersion] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const types = [session.doc.getMap(ALIGNMENT_MAP), session.doc.getMap(ROW_STATE_MAP), session.doc.getArray(ADOPTION_LOG)];
    for (const type of types) type.observe(bump);
    dialog.current?.focus();
    return () => types.forEach((type) => type.unobserve(bump));
  }, [session.doc]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const rows = useMemo(() => canonicalText(session.doc, declaration.title, declaration.languages).rows, [session.doc, declaration, version]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const decisions = useMemo(() => latestDecisions(session.doc), [session.doc, version]);
  // A reopened row waits for the plenary again.
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      rows.findIndex((r) => (decisions.get(r.id)?.decision ?? REOPENED) === REOPENED),
    ),
  );
  const [asking, setAsking] = useState<AgreedDespite[] | null>(null);
  const row = rows[Math.min(index, rows.length - 1)];
  const rowPid = row ? Object.values(row.cells).flat()[0]?.pid : undefined;
  const n = Math.min(index, rows.length - 1) + 1;
  useEffect(() => {
    onRow?.(rowPid ? { pid: rowPid, n } : null);
    setAsking(null);
  }, [rowPid, n, onRow]);
  if (!row) return null;
  const decided = decisions.get(row.id);

  /** What the row still holds that "agreed" would pass over: an open bracket, a pending objection. */
  const openIssues = (): AgreedDespite[] => {
    const pids = new Set(Object.values(row.cells).flatMap((cs) => cs.map((c) => c.pid as string)));
    const issues: AgreedDespite[] = [];
    const marked = bracketedPids(session.doc, declaration.languages);
    if ([...pids].some((p) => marked.has(p))) issues.push('open-bracket');
    const circulations = readCirculations(session.doc);
    const latest = circulations[circulations.length - 1];
    if (
      latest &&
      readObjections(session.doc, latest.id).some((o) =>
        Object.values(o.pids)
          .flat()
          .some((p) => pids.has(p)),
      )
    )
      issues.push('pending-objection');
    return issues;
  };
  const decide = (decision: AdoptionDecision, despite: AgreedDespite[] | null = null) => {
    if (decision === 'agreed' && despite === null) {
      const issues = openIssues();
      if (issues.length > 0) {
        setAsking(issues);
        return;
      }
    }
    recordAdoption(session.doc, row, decision, by, Date.now(), PLENARY_ORIGIN, despite ?? []);
    setAsking(null);
    setIndex((i) => Math.min(i + 1, rows.length - 1));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys = new Map<string, () => void>([
      ['ArrowRight', () => setIndex((i) => Math.min(i + 1, rows.length - 1))],
      ['ArrowLeft', () => setIndex((i) => Math.max(i - 1, 0))],
      ['1', () => decide('agreed')],
      ['2', () => decide('agreed-ad-referendum')],
      ['3', () => decide('left-open')],
      ['Escape', onClose],
    ]);
    const action = keys.get(event.key);
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <div className="plenary" role="dialog" aria-modal="true" aria-label={t('plenary')} tabIndex={-1} ref={dialog} onKeyDown={onKeyDown}>
      <header>
        <h2>{t('plenaryTitle', { n: String(index + 1), total: String(rows.length) })}</h2>
        <button type="button" onClick={onClose}>
          {t('closePlenary')}
        </button>
      </header>
      <div className="plenary-row" style={{ ['--columns' as string]: declaration.languages.length }} data-row={row.id}>
        {declaration.languages.map((l) => (
          <section key={l} lang={l}>
            <h3 lang={uiLang}>{names.of(l) ?? l}</h3>
            {(row.cells[l] ?? []).length === 0 ? (
              <p className="row-slot static">{t('notYetTranslated')}</p>
            ) : (
              row.cells[l]!.map((c) => <p key={c.pid}>{c.text}</p>)
            )}
          </section>
        ))}
      </div>
      {asking && (
        <div className="confirm-agree" role="alertdialog" aria-label={t('confirmAgreeOpen', { n: String(n) })}>
          <p>{t('confirmAgreeOpen', { n: String(n) })}</p>
          <button type="button" className="danger" onClick={() => decide('agreed', asking)}>
            {t('agreeAnyway')}
          </button>
          <button type="button" onClick={() => setAsking(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <p className="plenary-decided" role="status">
        {decided
          ? t('decidedAt', {
              decision: t(`decision_${decided.decision}` as MessageKey),
              time: new Intl.DateTimeFormat(uiLang, { timeStyle: 'short' }).format(new Date(decided.at)),
              name: decided.by,
            })
          : ''}
      </p>
      <div className="plenary-actions">
        <button type="button" onClick={() => setIndex((i) => Math.max(i - 1, 0))} disabled={index === 0}>
          ← {t('previousRow')}
        </button>
        {ADOPTION_DECISIONS.map((d, i) => (
          <button key={d} type="button" className={`decision decision-${d}`} onClick={() => decide(d)}>
            {i + 1}. {t(`decision_${d}` as MessageKey)}
          </button>
        ))}
        <button type="button" onClick={() => setIndex((i) => Math.min(i + 1, rows.length - 1))} disabled={index >= rows.length - 1}>
          {t('nextRow')} →
        </button>
      </div>
      <p className="muted">{t('plenaryKeys')}</p>
    </div>
  );
}
