import { describe, expect, it } from 'vitest';
import { DEFAULT_ROW_STATE } from '../../shared/model/alignment';
import type { ParagraphId } from '../../shared/model/ids';
import { countRows, type RowMarks, rowMatches, stepInFilter, suggestionsBySide } from './rowFilter';
import type { RowInfo } from './rowInfo';

const info = (index: number): RowInfo => ({
  row: { key: `r${index}`, cells: { fr: [`p-${index}` as ParagraphId], vi: [`q-${index}` as ParagraphId] } },
  index,
  state: DEFAULT_ROW_STATE,
  stored: null,
  stale: [],
  missing: [],
  texts: {},
  review: false,
});

describe('the "with suggestions" filter', () => {
  const infos = [0, 1, 2, 3, 4].map(info);
  const marks: Record<string, RowMarks> = {
    r1: { openThreads: 0, objections: 0, suggestions: { fr: 2 } },
    r3: { openThreads: 0, objections: 0, suggestions: { vi: 1, fr: 0 } },
    r4: { openThreads: 0, objections: 0, suggestions: { fr: 0 } },
  };
  const marksOf = (key: string): RowMarks => marks[key] ?? { openThreads: 0, objections: 0 };

  it('holds the rows with a pending suggestion, and counts them by the delegation that made them', () => {
    expect(infos.filter((i) => rowMatches('suggestions', i, marksOf(i.row.key))).map((i) => i.index)).toEqual([1, 3]);
    expect(countRows(infos, marksOf).suggestions).toBe(2);
    expect(suggestionsBySide(infos, marksOf)).toEqual({ fr: 2, vi: 1 });
  });

  it('walks from one such row to the next, wrapping around', () => {
    const matches = (i: RowInfo) => rowMatches('suggestions', i, marksOf(i.row.key));
    expect(stepInFilter(infos, 1, 1, matches)?.index).toBe(3);
    expect(stepInFilter(infos, 3, 1, matches)?.index).toBe(1);
    expect(stepInFilter(infos, 1, -1, matches)?.index).toBe(3);
  });
});
