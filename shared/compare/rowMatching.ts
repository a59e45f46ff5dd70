/**
 * Which row of the older version became which row of the newer one. Paragraph ids survive
 * editing, so they decide first; a row whose paragraphs were all re-created (deleted and typed
 * again, re-imported) is recognised by its words instead.
 */

/** What matching needs to know of a row. */
export interface MatchableRow {
  /** The `pid` of every paragraph of the row, all languages together. */
  readonly pids: readonly string[];
  /** The row's text as matching reads it; asked only of rows that pids left unmatched. */
  readonly describe: () => RowText;
}

/** A row's text, reduced for matching. */
export interface RowText {
  /** The row's comparison keys, all languages, tagged by language: equal iff the texts compare equal. */
  readonly fingerprint: string;
  /** The row's distinct words, tagged by language (`fr:amplifie`), for similarity. */
  readonly words: ReadonlySet<string>;
}

/** A row of the older version (`from`, an index) matched to a row of the newer one (`to`). */
export interface RowPair {
  readonly from: number;
  readonly to: number;
}

/** Rows re-created with other ids still match when their words are this similar (Dice). */
export const SIMILARITY_THRESHOLD = 0.5;

/** Row indices already matched, per version. */
type Taken = { readonly from: Set<number>; readonly to: Set<number> };

interface Candidate {
  readonly from: number;
  readonly to: number;
  readonly score: number;
  readonly distance: number;
}

/** Pairs rows of two versions one-to-one: by shared paragraph ids, then same text, then similar words. */
export function matchRows(from: readonly MatchableRow[], to: readonly MatchableRow[]): RowPair[] {
  const taken = { from: new Set<number>(), to: new Set<number>() };
  const pairs: RowPair[] = [];
  const accept = (candidates: Candidate[]): void => acceptGreedily(candidates, taken, pairs);
  accept(pidCandidates(from, to));
  accept(fingerprintCandidates(from, to, taken));
  accept(similarityCandidates(from, to, taken));
  return pairs.sort((a, b) => a.to - b.to);
}

/** Every pair of rows sharing a pid, scored by how many they share. */
function pidCandidates(from: readonly MatchableRow[], to: readonly MatchableRow[]): Candidate[] {
  const rowOfPid = new Map<string, number>();
  from.forEach((row, i) => row.pids.forEach((pid) => rowOfPid.set(pid, i)));
  const candidates: Candidate[] = [];
  to.forEach((row, j) => {
    const shared = new Map<number, number>();
    for (const pid of row.pids) {
      const i = rowOfPid.get(pid);
      if (i !== undefined) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    for (const [i, count] of shared) candidates.push({ from: i, to: j, score: count, distance: distanceOf(i, j, from.length, to.length) });
  });
  return candidates;
}

/** Unmatched rows with the very same text (a row deleted and pasted back). */
function fingerprintCandidates(from: readonly MatchableRow[], to: readonly MatchableRow[], taken: Taken): Candidate[] {
  const rowsOfText = new Map<string, number[]>();
  for (const i of openRows(from, taken.from)) {
    const { fingerprint } = from[i]!.describe();
    rowsOfText.set(fingerprint, [...(rowsOfText.get(fingerprint) ?? []), i]);
  }
  const candidates: Candidate[] = [];
  for (const j of openRows(to, taken.to)) {
    for (const i of rowsOfText.get(to[j]!.describe().fingerprint) ?? [])
      candidates.push({ from: i, to: j, score: 1, distance: distanceOf(i, j, from.length, to.length) });
  }
  return candidates;
}

/** Unmatched rows whose words overlap enough (Dice coefficient over language-tagged words). */
function similarityCandidates(from: readonly MatchableRow[], to: readonly MatchableRow[], taken: Taken): Candidate[] {
  const candidates: Candidate[] = [];
  const openTo = openRows(to, taken.to);
  for (const i of openRows(from, taken.from)) {
    for (const j of openTo) {
      const score = diceOf(from[i]!.describe().words, to[j]!.describe().words);
      if (score >= SIMILARITY_THRESHOLD) candidates.push({ from: i, to: j, score, distance: distanceOf(i, j, from.length, to.length) });
    }
  }
  return candidates;
}

/** Rows not matched yet that have words: a row without text has nothing to be recognised by. */
function openRows(rows: readonly MatchableRow[], used: ReadonlySet<number>): number[] {
  return rows.flatMap((row, i) => (used.has(i) || row.describe().words.size === 0 ? [] : [i]));
}

/** Best score first; among equals the pair nearest its old place, so repeated texts pair in order. */
function acceptGreedily(candidates: Candidate[], taken: Taken, pairs: RowPair[]): void {
  candidates.sort((a, b) => b.score - a.score || a.distance - b.distance || a.to - b.to);
  for (const { from, to } of candidates) {
    if (taken.from.has(from) || taken.to.has(to)) continue;
    taken.from.add(from);
    taken.to.add(to);
    pairs.push({ from, to });
  }
}

function diceOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}

// Relative position, so that a version with many more rows still pairs rows near each other.
function distanceOf(i: number, j: number, fromCount: number, toCount: number): number {
  return Math.abs(i / Math.max(fromCount, 1) - j / Math.max(toCount, 1));
}
