import type { CanonicalRow, CanonicalText } from './canonical.js';
import type { ComparedRow, Comparison, RowChange, WordChange } from './comparison.js';
import { isOutOfStep } from './languageChange.js';
import { matchRows, type MatchableRow, type RowText } from './rowMatching.js';
import { raiseTokens, type TokenRaise } from './raisedTokens.js';
import { arrangeRows, type RowSlot } from './rowOrder.js';
import { summarizeRows } from './summary.js';
import { comparisonKey, isWordToken, joinParagraphs, tokenizeText } from './tokenize.js';
import { diffTokens, hasWordChanges } from './wordDiff.js';

export type { CanonicalCell, CanonicalRow, CanonicalText } from './canonical.js';
export type * from './comparison.js';

/** A row's tokens per language (every language of the comparison has an entry). */
type RowTokens = ReadonlyMap<string, readonly string[]>;

/** A row's tokens and, for the languages with superscripts, which characters are raised. */
interface TokenizedRow {
  readonly tokens: RowTokens;
  readonly raises: ReadonlyMap<string, readonly TokenRaise[]>;
}

/**
 * Compares two versions of a declaration word by word, in every language: rows matched across
 * versions and laid out in reading order of `to`, each with its word changes per language.
 */
export function compareTexts(from: CanonicalText, to: CanonicalText): Comparison {
  const languages = languagesOf(from, to);
  const tokenize = memoizeTokenizer();
  const fromTokens = from.rows.map((row) => tokenizeRow(row, languages, tokenize));
  const toTokens = to.rows.map((row) => tokenizeRow(row, languages, tokenize));
  const pairs = matchRows(
    from.rows.map((row, i) => describeRow(row, fromTokens[i]!.tokens)),
    to.rows.map((row, j) => describeRow(row, toTokens[j]!.tokens)),
  );
  const slots = arrangeRows(pairs, from.rows.length, to.rows.length);
  const rows = slots.map((slot) => compareSlot(slot, from, to, fromTokens, toTokens, languages));
  return { rows, summary: summarizeRows(rows, languages) };
}

/** Every language of `to` in its column order, then any that only `from` has. */
export function languagesOf(from: CanonicalText, to: CanonicalText): string[] {
  return [...to.languages, ...from.languages.filter((lang) => !to.languages.includes(lang))];
}

/** Splits text into tokens, one paragraph at a time. */
type Tokenizer = (text: string, lang: string) => readonly string[];

/**
 * Most paragraphs are the same in both versions, and word segmentation is the costliest step:
 * each distinct paragraph is segmented once per comparison.
 */
function memoizeTokenizer(): Tokenizer {
  const known = new Map<string, readonly string[]>();
  return (text, lang) => {
    const key = `${lang}\u0000${text}`;
    let tokens = known.get(key);
    if (tokens === undefined) {
      tokens = tokenizeText(text, lang);
      known.set(key, tokens);
    }
    return tokens;
  };
}

function tokenizeRow(row: CanonicalRow, languages: readonly string[], tokenize: Tokenizer): TokenizedRow {
  const tokens = new Map<string, readonly string[]>();
  const raises = new Map<string, readonly TokenRaise[]>();
  for (const lang of languages) {
    const cells = row.cells[lang] ?? [];
    const list = joinParagraphs(cells.map((cell) => tokenize(cell.text, lang)));
    tokens.set(lang, list);
    // Versions saved before superscripts existed have none: they compare as plain text.
    const raised = raiseTokens(cells, list);
    if (raised !== undefined) raises.set(lang, raised);
  }
  return { tokens, raises };
}

function describeRow(row: CanonicalRow, tokens: RowTokens): MatchableRow {
  const pids = Object.values(row.cells).flatMap((cells) => cells.map((cell) => cell.pid));
  let text: RowText | undefined;
  return { pids, describe: () => (text ??= describeText(tokens)) };
}

function describeText(tokens: RowTokens): RowText {
  const words = new Set<string>();
  const fingerprint: string[] = [];
  for (const [lang, list] of tokens) {
    fingerprint.push(lang);
    for (const token of list) fingerprint.push(comparisonKey(token));
    for (const token of list) if (isWordToken(token)) words.add(`${lang}:${comparisonKey(token).toLowerCase()}`);
  }
  return { fingerprint: fingerprint.join('\u0000'), words };
}

function compareSlot(
  slot: RowSlot,
  from: CanonicalText,
  to: CanonicalText,
  fromTokens: readonly TokenizedRow[],
  toTokens: readonly TokenizedRow[],
  languages: readonly string[],
): ComparedRow {
  const before = slot.from === null ? undefined : fromTokens[slot.from];
  const after = slot.to === null ? undefined : toTokens[slot.to];
  const words: Record<string, WordChange[]> = {};
  for (const lang of languages) {
    const raises = { from: before?.raises.get(lang), to: after?.raises.get(lang) };
    words[lang] = diffTokens(before?.tokens.get(lang) ?? [], after?.tokens.get(lang) ?? [], raises);
  }
  const matched = slot.from !== null && slot.to !== null;
  return {
    from: slot.from === null ? null : from.rows[slot.from]!.id,
    to: slot.to === null ? null : to.rows[slot.to]!.id,
    change: classifyRow(slot, words),
    words,
    outOfStep: matched && isOutOfStep(words),
  };
}

function classifyRow(slot: RowSlot, words: Readonly<Record<string, readonly WordChange[]>>): RowChange {
  if (slot.from === null) return 'added';
  if (slot.to === null) return 'removed';
  if (slot.moved) return 'moved';
  return Object.values(words).some(hasWordChanges) ? 'changed' : 'equal';
}
