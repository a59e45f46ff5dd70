import type { CanonicalCell, TextSpan } from './canonical.js';
import { isWhitespaceToken, PARAGRAPH_BREAK } from './tokenize.js';

/**
 * Superscripts in the comparison: which characters of each token are raised (1ᵉʳ, XXIᵉ), carried
 * beside the tokens so that the word diff itself stays a diff of plain words.
 */

/** The raised stretches of one token, as offsets into the token; `[]` when it sits on the line. */
export type TokenRaise = readonly TextSpan[];

const ON_THE_LINE: TokenRaise = [];

/**
 * Where a row's superscripts fall on its tokens (one language, paragraphs joined by "\n" tokens),
 * or `undefined` when it has none. Offsets are only trusted when the tokens spell the stored
 * text exactly (it is stored NFC); otherwise the row compares as plain text.
 */
export function raiseTokens(cells: readonly CanonicalCell[], tokens: readonly string[]): TokenRaise[] | undefined {
  const spans: TextSpan[] = [];
  let offset = 0;
  for (const cell of cells) {
    for (const span of cell.superscripts ?? []) spans.push({ from: span.from + offset, to: span.to + offset });
    offset += cell.text.length + PARAGRAPH_BREAK.length;
  }
  if (spans.length === 0 || tokens.join('') !== cells.map((cell) => cell.text).join(PARAGRAPH_BREAK)) return undefined;
  const raises: TokenRaise[] = [];
  let start = 0;
  for (const token of tokens) {
    const end = start + token.length;
    const inside = spans.flatMap((span) => {
      const from = Math.max(span.from, start);
      const to = Math.min(span.to, end);
      return from < to ? [{ from: from - start, to: to - start }] : [];
    });
    raises.push(inside.length === 0 ? ON_THE_LINE : inside);
    start = end;
  }
  return raises;
}

/**
 * Whether a token reads the same in both versions, superscripts included. A raised space is
 * invisible, so whitespace never counts as reformatted.
 */
export function isSameRaise(token: string, a: TokenRaise | undefined, b: TokenRaise | undefined): boolean {
  const x = a ?? ON_THE_LINE;
  const y = b ?? ON_THE_LINE;
  if (x.length === 0 && y.length === 0) return true;
  if (isWhitespaceToken(token)) return true;
  return x.length === y.length && x.every((span, k) => span.from === y[k]!.from && span.to === y[k]!.to);
}

/** The superscripts of consecutive tokens as offsets into their joined text; adjacent spans merged. */
export function joinRaises(tokens: readonly string[], raises: readonly (TokenRaise | undefined)[]): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  tokens.forEach((token, k) => {
    for (const span of raises[k] ?? ON_THE_LINE) pushSpan(spans, { from: span.from + start, to: span.to + start });
    start += token.length;
  });
  return spans;
}

/** Spans of `second` shifted after a text of `length` characters, appended to `first`. */
export function concatSpans(first: readonly TextSpan[] | undefined, length: number, second: readonly TextSpan[] | undefined): TextSpan[] {
  const spans = [...(first ?? [])];
  for (const span of second ?? []) pushSpan(spans, { from: span.from + length, to: span.to + length });
  return spans;
}

/** The spans falling within `[from, to)` of a text, as offsets into that slice. */
export function sliceSpans(spans: readonly TextSpan[] | undefined, from: number, to: number): TextSpan[] {
  return (spans ?? []).flatMap((span) => {
    const a = Math.max(span.from, from);
    const b = Math.min(span.to, to);
    return a < b ? [{ from: a - from, to: b - from }] : [];
  });
}

function pushSpan(spans: TextSpan[], span: TextSpan): void {
  const last = spans.at(-1);
  if (last !== undefined && last.to === span.from) spans[spans.length - 1] = { from: last.from, to: span.to };
  else spans.push(span);
}
