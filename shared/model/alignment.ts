import type * as Y from 'yjs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Column, Row } from './rows.js';
import type { ParagraphId } from './ids.js';
import { toNfc } from '../text/nfc.js';

/** The Yjs map holding the rows (row id → `StoredRow`): written by the server's aligner and the secretariat. */
export const ALIGNMENT_MAP = 'alignment';
/** The Yjs map holding each row's status and agreement (row id → `RowState`). */
export const ROW_STATE_MAP = 'rowState';

export const ROW_STATUSES = ['draft', 'bracketed', 'agreed-ad-referendum', 'agreed'] as const;
/** Where a row stands in the negotiation; shared by every language of the row. */
export type RowStatus = (typeof ROW_STATUSES)[number];

export interface RowEvidence {
  readonly kind: string;
  readonly detail: string;
}

/** A row of the alignment: which paragraphs of each language render against each other. */
export interface StoredRow {
  /** Language → paragraph ids, in reading order; a missing or empty entry is a missing counterpart. */
  readonly cells: Readonly<Record<string, readonly string[]>>;
  /** `manual` rows were drawn by a person: the aligner never changes them. */
  readonly origin: 'auto' | 'manual';
  readonly score: number;
  readonly evidence: readonly RowEvidence[];
}

/** What people decided about a row. */
export interface RowState {
  readonly status: RowStatus;
  /** Set when both (all) sides were confirmed: each language's fingerprint at that moment. */
  readonly confirmed: {
    readonly fingerprints: Readonly<Record<string, string>>;
    readonly by: string;
    readonly at: number;
    /** Each language's paragraphs as agreed (absent on rows confirmed before it was kept). */
    readonly texts?: Readonly<Record<string, readonly string[]>>;
  } | null;
}

export const DEFAULT_ROW_STATE: RowState = { status: 'draft', confirmed: null };

export function readAlignment(doc: Y.Doc): Map<string, StoredRow> {
  const rows = new Map<string, StoredRow>();
  doc.getMap(ALIGNMENT_MAP).forEach((value, key) => {
    if (isStoredRow(value)) rows.set(key, value);
  });
  return rows;
}

export function readRowStates(doc: Y.Doc): Map<string, RowState> {
  const states = new Map<string, RowState>();
  doc.getMap(ROW_STATE_MAP).forEach((value, key) => {
    const v = value as Partial<RowState> | null;
    if (v && (ROW_STATUSES as readonly string[]).includes(v.status as string)) {
      states.set(key, { status: v.status as RowStatus, confirmed: v.confirmed ?? null });
    }
  });
  return states;
}

function isStoredRow(value: unknown): value is StoredRow {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredRow>;
  return typeof v.cells === 'object' && v.cells !== null && (v.origin === 'auto' || v.origin === 'manual');
}

/** A short fingerprint of a cell's text, to notice that it changed after it was agreed. */
export function fingerprintText(texts: readonly string[]): string {
  return bytesToHex(sha256(utf8ToBytes(toNfc(texts.join('\n'))))).slice(0, 24);
}

/** Languages whose text changed since the row was confirmed (empty when not confirmed). */
export function staleLanguages(state: RowState | undefined, cellTexts: Readonly<Record<string, readonly string[]>>): string[] {
  if (!state?.confirmed) return [];
  return Object.keys(state.confirmed.fingerprints).filter((lang) => fingerprintText(cellTexts[lang] ?? []) !== state.confirmed!.fingerprints[lang]);
}

/**
 * The rows to show, in reading order, from the stored alignment and the paragraphs each column
 * has now: ids no longer present are dropped, and paragraphs no stored row covers get a row of
 * their own (until the aligner places them). Rows are merged column by column, so that every
 * column reads in its own order.
 */
export function rowsFromAlignment(stored: ReadonlyMap<string, StoredRow>, columns: readonly Column[]): Row[] {
  const present = new Map(columns.map((c) => [c.lang as string, new Set<string>(c.pids)]));
  const rowOf = new Map<string, string>(); // pid → row key
  const cells = new Map<string, Record<string, ParagraphId[]>>();
  for (const [key, row] of stored) {
    const kept: Record<string, ParagraphId[]> = {};
    let any = false;
    for (const c of columns) {
      const pids = (row.cells[c.lang] ?? []).filter((p) => present.get(c.lang)!.has(p) && !rowOf.has(p)) as ParagraphId[];
      kept[c.lang] = pids;
      for (const p of pids) rowOf.set(p, key);
      any ||= pids.length > 0;
    }
    if (any) cells.set(key, kept);
  }
  for (const c of columns) {
    for (const pid of c.pids) {
      if (rowOf.has(pid)) continue;
      const key = `u:${pid}`;
      rowOf.set(pid, key);
      cells.set(key, Object.fromEntries(columns.map((col) => [col.lang, col.lang === c.lang ? [pid] : []])));
    }
  }
  // Merge the columns: take a row when it heads every column it appears in.
  const heads = columns.map(() => 0);
  const emitted = new Set<string>();
  const order: string[] = [];
  const headRow = (i: number): string | null => {
    const column = columns[i]!;
    while (heads[i]! < column.pids.length && emitted.has(rowOf.get(column.pids[heads[i]!]!)!)) heads[i]!++;
    return heads[i]! < column.pids.length ? rowOf.get(column.pids[heads[i]!]!)! : null;
  };
  for (;;) {
    const candidates = columns.map((_, i) => headRow(i));
    if (candidates.every((c) => c === null)) break;
    const ready = candidates.find((key) => key !== null && columns.every((c, i) => (cells.get(key)![c.lang] ?? []).length === 0 || candidates[i] === key));
    // Crossed links (one column reads a before b, another b before a): take the first column's head.
    const next = ready ?? candidates.find((c) => c !== null)!;
    emitted.add(next);
    order.push(next);
  }
  return order.map((key) => ({ key, cells: cells.get(key)! }));
}

/**
 * Below this score a row the aligner drew is unsure: the import names it, and the workspace
 * lists it under "Rows that need a look". Here rather than beside the aligner, which the
 * client does not load.
 */
export const UNSURE_BELOW = 0.6;
