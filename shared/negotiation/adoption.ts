import type * as Y from 'yjs';
import type { CanonicalRow } from '../compare/canonical.js';
import { ROW_HISTORY, setRowStatus } from '../model/rowActions.js';
import type { Row } from '../model/rows.js';
import type { ParagraphId } from '../model/ids.js';
import { REOPENED } from '../model/rowActions.js';

/** The Yjs array where the plenary's decisions are recorded, in the order they were taken (the rows' history). */
export const ADOPTION_LOG = ROW_HISTORY;

export const ADOPTION_DECISIONS = ['agreed', 'agreed-ad-referendum', 'left-open'] as const;
/** What the plenary decided about a row. */
export type AdoptionDecision = (typeof ADOPTION_DECISIONS)[number];

export { REOPENED } from '../model/rowActions.js';
/** What the row's history records: the plenary's decisions and reopenings. */
export type RowDecision = AdoptionDecision | typeof REOPENED;
const RECORDED_DECISIONS: readonly string[] = [...ADOPTION_DECISIONS, REOPENED];

export interface AdoptionRecord {
  readonly rowKey: string;
  /** The row's paragraphs when it was decided, so the record outlives a regrouping of rows. */
  readonly pids: Readonly<Record<string, readonly string[]>>;
  readonly decision: RowDecision;
  readonly at: number;
  readonly by: string;
  /** Agreed although the row still held these: the person was asked and confirmed. */
  readonly despite?: readonly AgreedDespite[];
}

/** What a row may still hold when someone marks it agreed anyway. */
export type AgreedDespite = 'open-bracket' | 'pending-objection';

/** The row as the row actions take it. */
export function rowOfCanonical(row: CanonicalRow): Row {
  return { key: row.id, cells: Object.fromEntries(Object.entries(row.cells).map(([l, cs]) => [l, cs.map((c) => c.pid as ParagraphId)])) };
}

/**
 * Records a plenary decision on a row: "agreed" and "agreed ad referendum" set that status and
 * confirm the row as it reads now (a later change flags it stale); "left open" marks the row
 * bracketed. The decision is appended to the adoption log, which every later version carries.
 */
export function recordAdoption(
  doc: Y.Doc,
  row: CanonicalRow,
  decision: AdoptionDecision,
  by: string,
  at: number,
  origin: unknown,
  despite: readonly AgreedDespite[] = [],
): void {
  const texts = Object.fromEntries(Object.entries(row.cells).map(([l, cs]) => [l, cs.map((c) => c.text)]));
  doc.transact(() => {
    setRowStatus(doc, rowOfCanonical(row), decision === 'left-open' ? 'bracketed' : decision, texts, by, origin);
    const pids = Object.fromEntries(Object.entries(row.cells).map(([l, cs]) => [l, cs.map((c) => c.pid)]));
    doc.getArray<AdoptionRecord>(ADOPTION_LOG).push([{ rowKey: row.id, pids, decision, at, by, ...(despite.length ? { despite: [...despite] } : {}) }]);
  }, origin);
}

/** Records, in the adoption log, that a row was marked agreed outside plenary despite what it still held. */
export function recordAgreedDespite(doc: Y.Doc, row: Row, despite: readonly AgreedDespite[], by: string, at: number, origin: unknown): void {
  const pids = Object.fromEntries(Object.entries(row.cells).map(([l, ps]) => [l, [...ps]]));
  doc.transact(() => {
    doc.getArray<AdoptionRecord>(ADOPTION_LOG).push([{ rowKey: row.key, pids, decision: 'agreed', at, by, despite: [...despite] }]);
  }, origin);
}

/** The adoption log, oldest first; malformed entries are skipped. */
export function readAdoptionLog(doc: Y.Doc): AdoptionRecord[] {
  return doc
    .getArray<AdoptionRecord>(ADOPTION_LOG)
    .toArray()
    .filter((r) => typeof r?.rowKey === 'string' && RECORDED_DECISIONS.includes(r.decision));
}

/** The latest decision on each row (by row key or any of its paragraphs). */
export function latestDecisions(doc: Y.Doc): Map<string, AdoptionRecord> {
  const latest = new Map<string, AdoptionRecord>();
  for (const record of readAdoptionLog(doc)) {
    latest.set(record.rowKey, record);
    for (const pids of Object.values(record.pids)) for (const pid of pids) latest.set(pid, record);
  }
  return latest;
}
