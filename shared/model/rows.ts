import type { LanguageCode, ParagraphId } from './ids.js';

/**
 * A row of the side-by-side view: the paragraphs of each language that render against each
 * other. A language with no paragraph in the row has an empty cell (a missing counterpart).
 */
export interface Row {
  /** Stable while the row's paragraphs are. */
  readonly key: string;
  readonly cells: Readonly<Record<string, readonly ParagraphId[]>>;
}

export interface Column {
  readonly lang: LanguageCode;
  readonly pids: readonly ParagraphId[];
}

/** Forms rows from the columns' paragraphs; the alignment engine provides another one. */
export type RowSource = (columns: readonly Column[]) => Row[];

/** The simplest rule: the n-th paragraph of every language is one row (1:1 by position). */
export const rowsByPosition: RowSource = (columns) => {
  const length = Math.max(0, ...columns.map((c) => c.pids.length));
  const rows: Row[] = [];
  for (let i = 0; i < length; i++) {
    const cells: Record<string, ParagraphId[]> = {};
    for (const c of columns) cells[c.lang] = i < c.pids.length ? [c.pids[i]!] : [];
    rows.push({ key: Object.values(cells).flat().join('|'), cells });
  }
  return rows;
};
