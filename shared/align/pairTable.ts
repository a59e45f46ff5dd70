import type { Band } from './band.js';
import type { Postings, PreparedDocument } from './document.js';

/**
 * What one source paragraph and one target paragraph share, for every pair a link inside the
 * band can contain: anchor weight in common and how their numbering compares. Filled from
 * the target's postings (token → paragraphs), so only pairs that share something are touched,
 * and the dynamic program only adds up table entries.
 */
export interface PairTable {
  /** Pairs (p, q) with lo[p] <= q < hi[p] are stored, p and q local to the region. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly offset: Int32Array;
  readonly shared: Float64Array;
  readonly sharedExpected: Float64Array;
  /** Weight of lexicon concepts in common (not in `shared`), capped per link by the coster: single precision is plenty. */
  readonly lexical: Float32Array;
  readonly flags: Uint8Array;
}

export const SAME_NUMBER = 1;
/** The source paragraph's label appears in the target paragraph (as its label or inside it). */
export const SOURCE_LABEL_IN_TARGET = 4;
export const TARGET_LABEL_IN_SOURCE = 8;

/** Links hold at most this many paragraphs on a side. */
export const MAX_GROUP = 3;

/** Fills the table for the pairs reachable from the band of a region starting at (s0, t0). */
export function buildPairTable(doc: PreparedDocument, s0: number, t0: number, band: Band): PairTable {
  const rows = band.rows;
  const lo = new Int32Array(rows);
  const hi = new Int32Array(rows);
  const offset = new Int32Array(rows);
  let size = 0;
  for (let p = 0; p < rows; p++) {
    // A link ending at cell (i, j) pairs p in [i-3, i) with q in [j-3, j): reach that far.
    lo[p] = Math.max(0, band.lo[p + 1]! - MAX_GROUP);
    hi[p] = Math.min(band.columns, band.hi[Math.min(rows, p + MAX_GROUP)]!);
    offset[p] = size;
    size += Math.max(0, hi[p]! - lo[p]!);
  }
  const table: PairTable = {
    lo,
    hi,
    offset,
    shared: new Float64Array(size),
    sharedExpected: new Float64Array(size),
    lexical: new Float32Array(size),
    flags: new Uint8Array(size),
  };
  for (let p = 0; p < rows; p++) fillRow(doc, table, p, s0 + p, t0);
  return table;
}

/** Index of pair (p, q) in the table's arrays, or -1 when it was not computed. */
export function findPair(table: PairTable, p: number, q: number): number {
  if (p < 0 || p >= table.lo.length) return -1;
  const lo = table.lo[p]!;
  if (q < lo || q >= table.hi[p]!) return -1;
  return table.offset[p]! + q - lo;
}

function fillRow(doc: PreparedDocument, table: PairTable, p: number, source: number, t0: number): void {
  const from = t0 + table.lo[p]!;
  const to = t0 + table.hi[p]!;
  // Pair index of target paragraph q (global) in this row.
  const base = table.offset[p]! - from;
  const { shared, sharedExpected, lexical, flags } = table;
  const { start, items } = doc.target.tokenPostings;
  for (const token of doc.source.tokens[source]!) {
    const weight = doc.tokenWeight[token]!;
    const expected = weight * doc.tokenExpected[token]!;
    const into = doc.tokenLexical[token] ? lexical : shared;
    const end = start[token + 1] ?? 0;
    for (let k = lowerBound(items, start[token] ?? 0, end, from); k < end && items[k]! < to; k++) {
      const at = base + items[k]!;
      into[at] = into[at]! + weight;
      if (expected > 0) sharedExpected[at] = sharedExpected[at]! + expected;
    }
  }
  for (const key of doc.source.labelIds[source]!) {
    markRange(flags, base, doc.target.labelPostings, key, from, to, SAME_NUMBER | SOURCE_LABEL_IN_TARGET);
    markRange(flags, base, doc.target.mentionPostings, key, from, to, SOURCE_LABEL_IN_TARGET);
  }
  for (const key of doc.source.mentionIds[source]!) {
    markRange(flags, base, doc.target.labelPostings, key, from, to, TARGET_LABEL_IN_SOURCE);
  }
}

// An id past the end of the postings is one the other side never has.
function markRange(flags: Uint8Array, base: number, postings: Postings, id: number, from: number, to: number, flag: number): void {
  const { start, items } = postings;
  const end = start[id + 1] ?? 0;
  for (let k = lowerBound(items, start[id] ?? 0, end, from); k < end && items[k]! < to; k++) {
    const at = base + items[k]!;
    flags[at] = flags[at]! | flag;
  }
}

/** First position in items[low, high) (ascending) whose value is at least `value`. */
function lowerBound(items: Int32Array, low: number, high: number, value: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
