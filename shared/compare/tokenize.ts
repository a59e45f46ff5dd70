import { toNfc } from '../text/nfc.js';
import type { CanonicalCell } from './canonical.js';

/** The token that stands between two paragraphs of one row. */
export const PARAGRAPH_BREAK = '\n';

const WHITESPACE_RUN = /(\s+)/u;
const ONLY_WHITESPACE = /^\s+$/u;
// French typography puts these where a plain space would be; they must never show as a change.
const NON_BREAKING_SPACES = /[\u00A0\u202F]/gu;

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * Splits one paragraph into tokens: words as `Intl.Segmenter` sees them (a Vietnamese syllable
 * with its diacritics, a French word with its elision, a Japanese segment), each run of
 * whitespace, and each punctuation mark. The text is read NFC.
 */
export function tokenizeText(text: string, lang: string): string[] {
  const tokens: string[] = [];
  for (const { segment } of segmenterFor(lang).segment(toNfc(text))) {
    // ICU glues U+202F (and some other spaces) to the word next to it: `mot\u202F` would then
    // differ from `mot` followed by a space, so whitespace is cut out of every segment.
    if (!/\s/u.test(segment)) {
      tokens.push(segment);
      continue;
    }
    for (const piece of segment.split(WHITESPACE_RUN)) {
      if (piece !== '') pushMergingWhitespace(tokens, piece);
    }
  }
  return tokens;
}

/** The tokens of one row in one language: its paragraphs' tokens joined by a "\n" token. */
export function tokenizeCells(cells: readonly CanonicalCell[], lang: string): string[] {
  return joinParagraphs(cells.map((cell) => tokenizeText(cell.text, lang)));
}

/** Joins paragraphs' token lists with a "\n" token between each two. */
export function joinParagraphs(paragraphs: readonly (readonly string[])[]): string[] {
  const tokens: string[] = [];
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) tokens.push(PARAGRAPH_BREAK);
    for (const token of paragraph) tokens.push(token);
  });
  return tokens;
}

/** What two tokens must share to count as equal: the same NFC text, any space counting as a space. */
export function comparisonKey(token: string): string {
  // The hot path of a comparison: skip the regex for the many tokens that hold no such space.
  return token.includes('\u00A0') || token.includes('\u202F') ? token.replace(NON_BREAKING_SPACES, ' ') : token;
}

/** Whether a token is whitespace only (a space run or a paragraph break). */
export function isWhitespaceToken(token: string): boolean {
  return ONLY_WHITESPACE.test(token);
}

/** Whether a token carries a letter or a digit, i.e. is a word rather than spacing or punctuation. */
export function isWordToken(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

function pushMergingWhitespace(tokens: string[], piece: string): void {
  const last = tokens.at(-1);
  if (last !== undefined && isWhitespaceToken(last) && isWhitespaceToken(piece)) {
    tokens[tokens.length - 1] = last + piece;
  } else {
    tokens.push(piece);
  }
}

function segmenterFor(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (segmenter === undefined) {
    segmenter = createSegmenter(lang);
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

function createSegmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'word' });
  } catch {
    // A tag Intl refuses still deserves a comparison: the root locale segments every script.
    return new Intl.Segmenter(undefined, { granularity: 'word' });
  }
}
