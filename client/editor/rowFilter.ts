import type { RowInfo } from './rowInfo';

/** The selections of rows a negotiator walks through, memoQ-style. */
export const ROW_FILTERS = ['all', 'notAgreed', 'stale', 'bracketed', 'comments', 'missing', 'lowConfidence', 'objections', 'suggestions'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

/** What a row carries besides its own info: its open threads, objections and pending suggestions. */
export interface RowMarks {
  readonly openThreads: number;
  readonly objections: number;
  /** Pending suggestions by the side that made them (a language code, or `secretariat`). */
  readonly suggestions?: Readonly<Record<string, number>>;
}

const NONE: RowMarks = { openThreads: 0, objections: 0 };

/** How many suggestions await a decision in a row. */
export function pendingCount(marks: RowMarks): number {
  return Object.values(marks.suggestions ?? {}).reduce((sum, n) => sum + n, 0);
}

/** Pending suggestions over all rows by the side that made them, for the filter's label ("FR 2 · VI 1"). */
export function suggestionsBySide(infos: readonly RowInfo[], marksOf: (key: string) => RowMarks): Record<string, number> {
  const out: Record<string, number> = {};
  for (const info of infos) for (const [side, n] of Object.entries(marksOf(info.row.key).suggestions ?? {})) out[side] = (out[side] ?? 0) + n;
  return out;
}

export function rowMatches(filter: RowFilter, info: RowInfo, marks: RowMarks = NONE): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'notAgreed':
      return info.state.status !== 'agreed' && info.state.status !== 'agreed-ad-referendum';
    case 'stale':
      return info.stale.length > 0;
    case 'bracketed':
      return info.state.status === 'bracketed';
    case 'comments':
      return marks.openThreads > 0;
    case 'missing':
      return info.missing.length > 0;
    case 'lowConfidence':
      return info.review;
    case 'objections':
      return marks.objections > 0;
    case 'suggestions':
      return pendingCount(marks) > 0;
  }
}

/** How many rows each filter holds. */
export function countRows(infos: readonly RowInfo[], marksOf: (key: string) => RowMarks): Record<RowFilter, number> {
  const counts = Object.fromEntries(ROW_FILTERS.map((f) => [f, 0])) as Record<RowFilter, number>;
  for (const info of infos) {
    const marks = marksOf(info.row.key);
    for (const f of ROW_FILTERS) if (rowMatches(f, info, marks)) counts[f]++;
  }
  return counts;
}

/**
 * The next (or previous) row of the filter after row `from` (an index; -1 before the first),
 * wrapping around; null when the filter holds no row.
 */
export function stepInFilter(infos: readonly RowInfo[], from: number, direction: 1 | -1, matches: (info: RowInfo) => boolean): RowInfo | null {
  const n = infos.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + direction * step) % n) + n) % n;
    if (matches(infos[i]!)) return infos[i]!;
  }
  return null;
}
