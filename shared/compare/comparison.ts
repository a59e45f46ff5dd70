/**
 * The comparison of two versions as it crosses the wire (`GET …/compare`, DESIGN "compare"):
 * plain data, typed once here for the server, the client and the exports.
 */

import type { SuggestionBy } from '../negotiation/suggestionTracks.js';
import type { TextSpan } from './canonical.js';

/** What happened to one run of tokens between the two versions. */
export type WordOp = 'equal' | 'insert' | 'delete';

/** A run of consecutive tokens with the same op; `equal` runs show the newer text. */
export interface WordChange {
  readonly op: WordOp;
  readonly text: string;
  /** Raised stretches of `text` (1ᵉʳ, XXIᵉ), UTF-16 offsets into it; absent when none. */
  readonly superscripts?: readonly TextSpan[];
  /**
   * On a deletion and the insertion after it: the words are the same in both versions, only
   * their superscripts changed ("1er" became "1ᵉʳ"). Shown and counted as a change, but the
   * cross-language check reads the plain text and ignores it.
   */
  readonly formatting?: true;
  /** Only "with suggestions": a pending suggestion's proposed change, not a change between the versions. */
  readonly suggestion?: SuggestionBy;
}

/** What happened to a row as a whole. */
export type RowChange = 'equal' | 'changed' | 'added' | 'removed' | 'moved';

/** One row of the comparison, in reading order of the newer version. */
export interface ComparedRow {
  /** Row id in the older version; `null` for an added row. */
  readonly from: string | null;
  /** Row id in the newer version; `null` for a removed row. */
  readonly to: string | null;
  readonly change: RowChange;
  /** Per language, the tokens of both versions in order; paragraphs separated by a "\n" token. */
  readonly words: Readonly<Record<string, readonly WordChange[]>>;
  /** The row changed in some language but not in another that has text in both versions. */
  readonly outOfStep: boolean;
}

/** Per language, how many rows had that language's text added, removed or changed. */
export interface LanguageTally {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** A row whose translation may be out of date, and which of its languages did (not) change. */
export interface OutOfStepRow {
  readonly from: string;
  readonly to: string;
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
}

/** Counts for the top of a circulated comparison. */
export interface ComparisonSummary {
  readonly rowsAdded: number;
  readonly rowsRemoved: number;
  /** Rows changed in place (a moved row counts under `rowsMoved`, changed or not). */
  readonly rowsChanged: number;
  readonly rowsMoved: number;
  readonly rowsEqual: number;
  readonly perLanguage: Readonly<Record<string, LanguageTally>>;
  readonly outOfStep: number;
  readonly outOfStepRows: readonly OutOfStepRow[];
}

/** The whole comparison: rows aligned in reading order, and their summary. */
export interface Comparison {
  readonly rows: readonly ComparedRow[];
  readonly summary: ComparisonSummary;
}
