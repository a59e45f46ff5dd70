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
