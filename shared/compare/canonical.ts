/**
 * The text of one version of a declaration as the comparison reads it: rows in reading order,
 * each holding, per language, the paragraphs that translate one another. Other code (versions,
 * the live document) produces it; the comparison never looks at the editor or the store.
 */

/** A stretch of a paragraph's text, as UTF-16 offsets into it; `to` is exclusive. */
export interface TextSpan {
  readonly from: number;
  readonly to: number;
}

/** One paragraph: its stable id (`pid`) and its NFC text. */
export interface CanonicalCell {
  readonly pid: string;
  readonly text: string;
  /** Superscript stretches of `text` (12es, XXIe siècle), for renderers; absent when none. */
  readonly superscripts?: readonly TextSpan[];
}

/** One row of the bilingual table; a language may have `[]` here (missing counterpart). */
export interface CanonicalRow {
  readonly id: string;
  readonly cells: Readonly<Record<string, readonly CanonicalCell[]>>;
  readonly status?: string;
  /** Languages changed since the row was agreed (absent in versions stored before this was kept). */
  readonly stale?: readonly string[];
}

/** A whole version: title, languages in column order, rows in reading order. */
export interface CanonicalText {
  readonly title: string;
  readonly languages: readonly string[];
  readonly rows: readonly CanonicalRow[];
}
