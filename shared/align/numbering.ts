import { normalizeText } from './normalize.js';

/**
 * Paragraph numbering: `1.`, `3.1.`, `II.`, `a)`, `(b)`, `Article 5`, `Điều 5`, `第5条`, `一、`.
 * A number is the strongest cheap evidence there is: translators keep it, so the same number
 * on both sides almost proves a link and different numbers almost disprove it.
 */
export interface Numbering {
  /** The label as written (normalized), e.g. `3.1.` or `Điều 5`. */
  readonly label: string;
  /** What the label counts in; letters are kept raw because alphabets order them differently. */
  readonly parts: readonly NumberPart[];
  /** Code units of the normalized text the label and the space after it take. */
  readonly length: number;
}

export type NumberPart =
  | { readonly kind: 'arabic'; readonly value: string }
  | { readonly kind: 'roman'; readonly value: number }
  | { readonly kind: 'letter'; readonly value: string }
  | { readonly kind: 'unit'; readonly unit: string; readonly value: string };

/** Which alphabet orders letter labels: Vietnamese lists run a, b, c, d, đ, e, g… */
export type Alphabet = 'latin' | 'vietnamese';

// Words that introduce a numbered unit, grouped by what they mean, so `Article 5`, `Điều 5` and `第5条` agree.
const UNIT_WORDS: Readonly<Record<string, string>> = {
  article: 'article',
  'art.': 'article',
  điều: 'article',
  dieu: 'article',
  artículo: 'article',
  artikel: 'article',
  chapitre: 'chapter',
  chapter: 'chapter',
  chương: 'chapter',
  chuong: 'chapter',
  capítulo: 'chapter',
  section: 'section',
  mục: 'section',
  muc: 'section',
  '§': 'section',
  partie: 'part',
  part: 'part',
  phần: 'part',
  phan: 'part',
  titre: 'title',
  title: 'title',
  annexe: 'annex',
  annex: 'annex',
  'phụ lục': 'annex',
  khoản: 'clause',
  khoan: 'clause',
  paragraphe: 'clause',
  paragraph: 'clause',
};
const JAPANESE_UNITS: Readonly<Record<string, string>> = {
  条: 'article',
  章: 'chapter',
  節: 'section',
  部: 'part',
  編: 'title',
  項: 'clause',
  款: 'clause',
};

const UNIT_LABEL =
  /^(article|art\.|điều|dieu|artículo|artikel|chapitre|chapter|chương|chuong|capítulo|section|mục|muc|§|partie|part|phần|phan|titre|title|annexe|annex|phụ lục|khoản|khoan|paragraphe|paragraph)\s*(premier|1er|\d{1,4}(?:\.\d{1,3})*|[ivxlcdm]{1,7})(?![\p{L}\p{N}])\s*[.:)\-–—]?\s*/iu;
const JAPANESE_LABEL = /^第\s*(\d{1,4}|[一二三四五六七八九十百〇]+)\s*([条章節部編項款])(?:\s*の\s*(\d{1,3}|[一二三四五六七八九十]+))?\s*/u;
const PAREN_LABEL = /^\(\s*(\d{1,3}|[a-zđ]|[ivxlcdm]{1,6})\s*\)\s*/iu;
const DOTTED_LABEL = /^(\d{1,3}(?:\.\d{1,3})*)(?:\s*([.)、:])|\s*([-–—])(?=\s)|(?=\s))\s*/u;
const ROMAN_LABEL = /^([ivxlcdm]{1,7})\s*([.)\-–—:])(?=\s|$)\s*/iu;
const LETTER_LABEL = /^([a-zđ])\s*([.)])(?=\s|$)\s*/iu;
const KANJI_LABEL = /^([一二三四五六七八九十]+)\s*[、.]\s*/u;
const CIRCLED_LABEL = /^\s*([\u2460-\u2473])\s*/u;

/** Reads the numbering at the start of a paragraph, if it has one (pass `normalized` when already computed). */
export function parseNumbering(rawText: string, normalized = normalizeText(rawText)): Numbering | undefined {
  // NFKC turns ① into a bare 1, which would no longer read as a label: look before normalizing.
  const circled = CIRCLED_LABEL.exec(rawText);
  if (circled) {
    const value = String(circled[1]!.charCodeAt(0) - 0x2460 + 1);
    return { label: value, parts: [{ kind: 'arabic', value }], length: /^\d+\s*/u.exec(normalized)?.[0].length ?? 0 };
  }
  return parseNormalizedNumbering(normalized);
}

/** Like parseNumbering, for text already through normalizeText. */
export function parseNormalizedNumbering(text: string): Numbering | undefined {
  return (
    parseUnitLabel(text) ??
    parseJapaneseLabel(text) ??
    parseParenLabel(text) ??
    parseDottedLabel(text) ??
    parseRomanLabel(text) ??
    parseLetterLabel(text) ??
    parseKanjiLabel(text)
  );
}

/**
 * Labels that open a sentence inside the paragraph (`… suivantes : 3.1. Conscientes…`): when two
 * numbered paragraphs were merged on one side, the second number survives there.
 */
export function findInnerNumberings(text: string): Numbering[] {
  const found: Numbering[] = [];
  const boundary = /[.:;!?»)。：]\s+/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const numbering = parseNormalizedNumbering(text.slice(match.index + match[0].length));
    // Only structured labels: a lone `a.` or `5.` after a full stop is too often ordinary text.
    if (numbering && isDistinctive(numbering)) found.push(numbering);
  }
  return found;
}

/** Canonical keys of a label; two labels name the same number when they share a key. */
export function listNumberingKeys(numbering: Numbering, alphabet: Alphabet): string[] {
  const variants = numbering.parts.map((part) => listPartKeys(part, alphabet));
  let keys = [''];
  for (const options of variants) keys = keys.flatMap((prefix) => options.map((o) => (prefix ? `${prefix}.${o}` : o)));
  return keys;
}

/** True when both labels count the same thing: any shared key. */
export function shareNumber(a: readonly string[], b: readonly string[]): boolean {
  for (const key of a) if (b.includes(key)) return true;
  return false;
}

/** Guesses a column's alphabet from its letter labels: any `đ)` means Vietnamese ordering. */
export function detectAlphabet(numberings: readonly (Numbering | undefined)[]): Alphabet {
  for (const n of numberings) {
    if (n?.parts.some((p) => p.kind === 'letter' && p.value === 'đ')) return 'vietnamese';
  }
  return 'latin';
}

function listPartKeys(part: NumberPart, alphabet: Alphabet): string[] {
  switch (part.kind) {
    case 'arabic':
      return [`n${Number(part.value)}`];
    case 'roman':
      return [`r${part.value}`];
    case 'unit':
      return [`${part.unit}${part.value}`];
    case 'letter': {
      const keys = [`a${orderLetter(part.value, alphabet)}`];
      // `i)`, `v)`, `x)` may be letters or roman numerals; either reading may be the other side's.
      const roman = readRoman(part.value);
      if (roman !== undefined) keys.push(`r${roman}`);
      return keys;
    }
  }
}

const VIETNAMESE_ORDER = 'abcdđeghiklmnopqrstuvxy';

function orderLetter(letter: string, alphabet: Alphabet): number {
  const lower = letter.toLowerCase();
  if (alphabet === 'vietnamese') {
    const index = VIETNAMESE_ORDER.indexOf(lower);
    if (index >= 0) return index + 1;
  }
  return lower === 'đ' ? 5 : lower.charCodeAt(0) - 96;
}

function isDistinctive(numbering: Numbering): boolean {
  const first = numbering.parts[0];
  if (first?.kind === 'unit') return true;
  return numbering.parts.length > 1 || /[()]/u.test(numbering.label);
}

function parseUnitLabel(text: string): Numbering | undefined {
  const match = UNIT_LABEL.exec(text);
  if (!match) return undefined;
  const unit = UNIT_WORDS[match[1]!.toLowerCase()] ?? 'article';
  const raw = match[2]!;
  const value = readUnitNumber(raw);
  if (value === undefined) return undefined;
  return { label: match[0].trim(), parts: [{ kind: 'unit', unit, value }], length: match[0].length };
}

function readUnitNumber(raw: string): string | undefined {
  const lower = raw.toLowerCase();
  if (lower === 'premier' || lower === '1er') return '1';
  if (/^\d/u.test(raw)) return canonicaliseDotted(raw);
  // Only capitals count as a numeral here: `Part civil…` or `Phần l…` are words.
  const roman = raw === raw.toUpperCase() ? readRoman(raw) : undefined;
  return roman === undefined ? undefined : String(roman);
}

function parseJapaneseLabel(text: string): Numbering | undefined {
  const match = JAPANESE_LABEL.exec(text);
  if (!match) return undefined;
  const main = String(readNumeral(match[1]!));
  const value = match[3] === undefined ? main : `${main}.${readNumeral(match[3])}`;
  return { label: match[0].trim(), parts: [{ kind: 'unit', unit: JAPANESE_UNITS[match[2]!] ?? 'article', value }], length: match[0].length };
}

function parseParenLabel(text: string): Numbering | undefined {
  const match = PAREN_LABEL.exec(text);
  if (!match) return undefined;
  const raw = match[1]!;
  const part: NumberPart = /^\d/u.test(raw)
    ? { kind: 'arabic', value: raw }
    : raw.length === 1
      ? { kind: 'letter', value: raw.toLowerCase() }
      : { kind: 'roman', value: readRoman(raw) ?? 0 };
  if (part.kind === 'roman' && part.value === 0) return undefined;
  return { label: match[0].trim(), parts: [part], length: match[0].length };
}

function parseDottedLabel(text: string): Numbering | undefined {
  const match = DOTTED_LABEL.exec(text);
  if (!match) return undefined;
  const path = match[1]!;
  const terminated = match[2] !== undefined || match[3] !== undefined;
  const rest = text.slice(match[0].length);
  // `3.1 Conscientes` is a label; `5 collectivités` or `3.5 millions` is just a number.
  if (!terminated && (!path.includes('.') || !/^[\p{Lu}\p{Lo}]/u.test(rest))) return undefined;
  // `2.` followed by a digit is more likely a date or a decimal than a label.
  if (/^\d/u.test(rest)) return undefined;
  const parts = path.split('.').map((value): NumberPart => ({ kind: 'arabic', value }));
  return { label: match[0].trim(), parts, length: match[0].length };
}

function parseRomanLabel(text: string): Numbering | undefined {
  const match = ROMAN_LABEL.exec(text);
  if (!match) return undefined;
  const raw = match[1]!;
  const value = readRoman(raw);
  if (value === undefined) return undefined;
  // One letter is a letter label that may also be a roman numeral; that is decided when comparing.
  if (raw.length === 1) return { label: match[0].trim(), parts: [{ kind: 'letter', value: raw.toLowerCase() }], length: match[0].length };
  // Mixed case (`Iv.`) is a word, not a numeral.
  if (raw !== raw.toUpperCase() && raw !== raw.toLowerCase()) return undefined;
  return { label: match[0].trim(), parts: [{ kind: 'roman', value }], length: match[0].length };
}

function parseLetterLabel(text: string): Numbering | undefined {
  const match = LETTER_LABEL.exec(text);
  if (!match) return undefined;
  return { label: match[0].trim(), parts: [{ kind: 'letter', value: match[1]!.toLowerCase() }], length: match[0].length };
}

function parseKanjiLabel(text: string): Numbering | undefined {
  const match = KANJI_LABEL.exec(text);
  if (!match) return undefined;
  // `一、` heads a top-level item, as `I.` or `1.` would in a European language.
  const value = readNumeral(match[1]!);
  return { label: match[0].trim(), parts: [{ kind: 'roman', value }], length: match[0].length };
}

function canonicaliseDotted(path: string): string {
  return path
    .split('.')
    .map((p) => String(Number(p)))
    .join('.');
}

const ROMAN_DIGITS: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Value of a well-formed roman numeral (`iv` = 4, `xii` = 12), or undefined. */
export function readRoman(raw: string): number | undefined {
  const lower = raw.toLowerCase();
  if (!/^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/u.test(lower) || lower === '') return undefined;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const value = ROMAN_DIGITS[lower[i]!] ?? 0;
    const next = ROMAN_DIGITS[lower[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const KANJI_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads `12`, `十二`, `二十三` or `百` as a number. */
function readNumeral(raw: string): number {
  if (/^\d+$/u.test(raw)) return Number(raw);
  let total = 0;
  let digit = 0;
  for (const ch of raw) {
    if (ch === '十' || ch === '百') {
      total += (digit || 1) * (ch === '十' ? 10 : 100);
      digit = 0;
    } else {
      digit = KANJI_DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}
