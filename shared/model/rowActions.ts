import type * as Y from 'yjs';
import { ALIGNMENT_MAP, DEFAULT_ROW_STATE, ROW_STATE_MAP, fingerprintText, readRowStates, type RowState, type RowStatus, type StoredRow } from './alignment.js';
import type { Row } from './rows.js';

/** The Yjs array recording what was decided about rows, in order (the plenary's adoption log, reopenings). */
export const ROW_HISTORY = 'adoption';
/** The decision a reopening is recorded under in the row history. */
export const REOPENED = 'reopened';

/** The text of each language of a row, as the people agreeing on it read it. */
export type CellTexts = Readonly<Record<string, readonly string[]>>;

function manualRow(cells: Readonly<Record<string, readonly string[]>>): StoredRow {
  return { cells, origin: 'manual', score: 1, evidence: [{ kind: 'fixed', detail: 'drawn by hand' }] };
}

/** Makes sure the row exists in the stored alignment (a row of unplaced paragraphs becomes manual). */
function ensureStored(doc: Y.Doc, row: Row): string {
  const map = doc.getMap(ALIGNMENT_MAP);
  if (!map.has(row.key)) map.set(row.key, manualRow(row.cells));
  return row.key;
}

/**
 * Records that every language of the row says the same thing, now: each side's fingerprint is
 * kept, so that a later change on either side flags the row stale on both.
 */
export function confirmRow(doc: Y.Doc, row: Row, texts: CellTexts, by: string, origin: unknown): void {
  doc.transact(() => {
    const key = ensureStored(doc, row);
    const states = doc.getMap(ROW_STATE_MAP);
    const previous = readRowStates(doc).get(key) ?? DEFAULT_ROW_STATE;
    const fingerprints = Object.fromEntries(Object.keys(row.cells).map((lang) => [lang, fingerprintText(texts[lang] ?? [])]));
    // The texts themselves too: a later change shows, in place, what changed since (stale rows).
    const agreedTexts = Object.fromEntries(Object.keys(row.cells).map((lang) => [lang, [...(texts[lang] ?? [])]]));
    states.set(key, { ...previous, confirmed: { fingerprints, by, at: Date.now(), texts: agreedTexts } } satisfies RowState);
  }, origin);
}

/**
 * Records that one language of a confirmed row now reads `texts` by consent of the sides (a
 * consent suggestion the server applied): that language's fingerprint and agreed text follow,
 * the other languages stay as they were confirmed. A row that is not confirmed is left alone.
 */
export function reconfirmLanguage(doc: Y.Doc, rowKey: string, lang: string, texts: readonly string[], by: string, at: number, origin: unknown): void {
  const previous = readRowStates(doc).get(rowKey);
  if (!previous?.confirmed) return;
  const confirmed = previous.confirmed;
  doc.transact(() => {
    doc.getMap(ROW_STATE_MAP).set(rowKey, {
      ...previous,
      confirmed: {
        ...confirmed,
        fingerprints: { ...confirmed.fingerprints, [lang]: fingerprintText(texts) },
        by,
        at,
        ...(confirmed.texts ? { texts: { ...confirmed.texts, [lang]: [...texts] } } : {}),
      },
    } satisfies RowState);
  }, origin);
}

/** Sets the row's status; "agreed" also confirms the row as it reads now. */
export function setRowStatus(doc: Y.Doc, row: Row, status: RowStatus, texts: CellTexts, by: string, origin: unknown): void {
  doc.transact(() => {
    const key = ensureStored(doc, row);
    const previous = readRowStates(doc).get(key) ?? DEFAULT_ROW_STATE;
    doc.getMap(ROW_STATE_MAP).set(key, { ...previous, status } satisfies RowState);
    if (status === 'agreed' || status === 'agreed-ad-referendum') confirmRow(doc, row, texts, by, origin);
  }, origin);
}

/** Joins a row with the next one, by hand: the aligner will not split them again. */
export function mergeRows(doc: Y.Doc, first: Row, second: Row, origin: unknown): void {
  doc.transact(() => {
    const map = doc.getMap(ALIGNMENT_MAP);
    const langs = new Set([...Object.keys(first.cells), ...Object.keys(second.cells)]);
    const cells = Object.fromEntries([...langs].map((l) => [l, [...(first.cells[l] ?? []), ...(second.cells[l] ?? [])]]));
    map.delete(second.key);
    map.set(first.key, manualRow(cells));
    doc.getMap(ROW_STATE_MAP).delete(second.key);
  }, origin);
}

/** Splits a row by hand: the n-th paragraph of each language goes to the n-th new row. */
export function splitRow(doc: Y.Doc, row: Row, origin: unknown): void {
  const langs = Object.keys(row.cells);
  const height = Math.max(...langs.map((l) => row.cells[l]!.length));
  if (height < 2) return;
  doc.transact(() => {
    const map = doc.getMap(ALIGNMENT_MAP);
    map.delete(row.key);
    doc.getMap(ROW_STATE_MAP).delete(row.key);
    for (let i = 0; i < height; i++) {
      const cells = Object.fromEntries(langs.map((l) => [l, row.cells[l]![i] ? [row.cells[l]![i]!] : []]));
      const first = langs.map((l) => cells[l]![0]).find(Boolean)!;
      map.set(`m:${first}`, manualRow(cells));
    }
  }, origin);
}

/** Gives a hand-drawn row back to the aligner (its status and confirmation are dropped too). */
export function releaseRow(doc: Y.Doc, row: Row, origin: unknown): void {
  doc.transact(() => {
    doc.getMap(ALIGNMENT_MAP).delete(row.key);
    doc.getMap(ROW_STATE_MAP).delete(row.key);
  }, origin);
}

/**
 * Takes a row back to draft, for direct editing (the secretariat's "Reopen row"): its status and
 * agreement go, so that edits are no longer proposals needing both sides' consent and nothing is
 * flagged stale. Recorded in the row history with who and when, beside the plenary's decisions.
 */
export function reopenRow(doc: Y.Doc, row: Row, by: string, at: number, origin: unknown): void {
  doc.transact(() => {
    const key = ensureStored(doc, row);
    doc.getMap(ROW_STATE_MAP).set(key, DEFAULT_ROW_STATE);
    const pids = Object.fromEntries(Object.entries(row.cells).map(([lang, ps]) => [lang, [...ps]]));
    doc.getArray(ROW_HISTORY).push([{ rowKey: row.key, pids, decision: REOPENED, at, by }]);
  }, origin);
}
