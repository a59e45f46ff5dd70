import type { RowInfo } from './rowInfo';

/** The selections of rows a negotiator walks through, memoQ-style. */
export const ROW_FILTERS = ['all', 'notAgreed', 'stale', 'bracketed', 'comments', 'missing', 'lowConfidence', 'objections'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

/** What a row carries besides its own info: its open threads and objections. */
export interface RowMarks {
  readonly openThreads: number;
  readonly objections: number;
}

const NONE: RowMarks = { openThreads: 0, objections: 0 };

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
