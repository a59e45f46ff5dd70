import { extractDates } from './dates.js';
import { foldDiacritics } from './normalize.js';

/**
 * Tokens that survive translation unchanged or nearly so: numbers, dates, e-mail addresses,
 * URLs, acronyms and capitalised names. A token found in one paragraph of each column ties
 * them together; numbers and dates missing from the other side count a little against a link.
 */
export interface Anchor {
  /** Comparable across languages: `date:2023-04-13`, `num:12`, `name:hanoi`. */
  readonly key: string;
  readonly kind: AnchorKind;
  /** What a reviewer would recognise: `2023-04-13`, `12`, `Hà Nội`. */
  readonly display: string;
}

export type AnchorKind = 'url' | 'email' | 'date' | 'month' | 'day' | 'number' | 'acronym' | 'name' | 'formula' | 'term';

/** How much one shared token of a kind says, before rarity in the document is taken into account. */
export const ANCHOR_KIND_WEIGHT: Readonly<Record<AnchorKind, number>> = {
  url: 3,
  email: 3,
  date: 3,
  month: 1.5,
  // A day and month without the year (`le 15 mai`): one of twelve months, one of thirty days.
  day: 2,
  number: 1,
  acronym: 1.5,
  name: 1,
  // A letter's salutation or close (formulas.ts): one of each per letter, in every translation.
  formula: 1.5,
  // A concept of the built-in lexicon (lexicon.ts): less than a name, as common words are, and
  // capped per link (linkCost.ts MAX_LEXICAL_BONUS), so it settles ties between pairings the
  // lengths find alike without outweighing numbers, dates or lengths.
  term: 0.75,
};

/**
 * How surely a faithful translation carries a kind over, so how much its absence on the other
 * side counts against a link, per unit of weight. Names and acronyms are often translated
 * (`ODD` is `SDG`): they only count for. Lexicon concepts missing from the other side count
 * apart, capped (linkCost.ts).
 */
export function carriedOver(kind: AnchorKind): number {
  return kind === 'name' || kind === 'acronym' || kind === 'term' ? 0 : 1;
}

/**
 * Kinds written in the same figures in every language: dates, addresses, links. Numbers are
 * often spelt out (`3泊` is `ba đêm`, `15分` is `mười lăm phút`); these are not, so a paragraph
 * that has one where the other side's has none at all is most likely another paragraph.
 */
export function isVerbatim(kind: AnchorKind): boolean {
  return kind === 'date' || kind === 'month' || kind === 'day' || kind === 'url' || kind === 'email';
}

// URLs are ASCII (anything else is percent-encoded), which also stops them at Japanese text.
const URL =
  /(?:https?:\/\/|www\.)[\w\-.~:/?#[\]@!$&'()*+,;=%]+|(?<![\p{L}\p{N}@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|int|gov|edu|eu|fr|vn|jp|uk|info)(?:\/[\w\-.~/?#%=&+]*)?(?![\p{L}\p{N}])/giu;
const MAY_HAVE_URL = /www\.|:\/\/|\.(?:org|com|net|int|gov|edu|eu|fr|vn|jp|uk|info)\b/iu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const SPACED_THOUSANDS = /(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]?\d)/gu;
const NUMBER = /\d+(?:[.,]\d+)*/gu;
const ACRONYM = /(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}[\p{Lu}\p{N}&]*(?![\p{L}])/gu;
const NAME_RUN = /(?<![\p{L}\p{M}'’-])\p{Lu}[\p{L}\p{M}'’-]*(?: \p{Lu}[\p{L}\p{M}'’-]*)*/gu;

/** Finds the anchors of a normalized paragraph text (numbering label already removed). */
export function extractAnchors(text: string): Anchor[] {
  const anchors: Anchor[] = [];
  let rest = text;
  // Cheap tests first: most paragraphs have no address and many no digit at all.
  if (rest.includes('@')) rest = takeAll(rest, EMAIL, (raw) => anchors.push({ key: `email:${raw.toLowerCase()}`, kind: 'email', display: raw }));
  if (MAY_HAVE_URL.test(rest)) rest = takeAll(rest, URL, (raw) => anchors.push({ key: `url:${canonicaliseUrl(raw)}`, kind: 'url', display: trimUrl(raw) }));
  if (/\d/u.test(rest)) {
    const found = extractDates(rest);
    for (const { value, raw } of found.dates) anchors.push({ key: `date:${value}`, kind: dateKind(value), display: raw });
    rest = found.rest;
  }
  const shouting = isMostlyCapitals(rest);
  if (!shouting) rest = takeAll(rest, ACRONYM, (raw) => anchors.push({ key: `name:${foldDiacritics(raw)}`, kind: 'acronym', display: raw }));
  if (/\d/u.test(rest)) {
    rest = takeAll(rest, SPACED_THOUSANDS, (raw) => anchors.push(makeNumberAnchor(raw.replace(/ /gu, ''))));
    rest = takeAll(rest, NUMBER, (raw) => anchors.push(makeNumberAnchor(raw)));
  }
  if (!shouting) for (const name of findNames(rest)) anchors.push(name);
  return anchors;
}

/** `2023-04-13` is a date, `2023-04` a month, `--04-13` a day of a month in no particular year. */
function dateKind(value: string): AnchorKind {
  return value.startsWith('--') ? 'day' : value.length === 7 ? 'month' : 'date';
}

function takeAll(text: string, pattern: RegExp, take: (raw: string) => void): string {
  return text.replace(pattern, (raw) => {
    take(raw);
    return ' ';
  });
}

function makeNumberAnchor(raw: string): Anchor {
  return { key: `num:${canonicaliseNumber(raw)}`, kind: 'number', display: raw };
}

/** `1.000`, `1,000` and `1 000` are one thousand; `3,5` and `3.5` are three and a half. */
export function canonicaliseNumber(raw: string): string {
  const [head = '', ...tail] = raw.split(/[.,]/u);
  const first = head.replace(/^0+(?=\d)/u, '');
  const thousands = tail.length > 0 && first !== '0' && first.length <= 3 && tail.every((g) => g.length === 3);
  return thousands ? first + tail.join('') : [first, ...tail].join('.');
}

// Sentence punctuation after an address is not part of it.
function trimUrl(raw: string): string {
  return raw.replace(/[.,;:!?)\]]+$/u, '');
}

function canonicaliseUrl(raw: string): string {
  return trimUrl(raw)
    .toLowerCase()
    .replace(/^https?:\/\//u, '')
    .replace(/^www\./u, '')
    .replace(/\/$/u, '');
}

// A heading in capitals (`DECLARATION FINALE`) is not a row of acronyms and names.
function isMostlyCapitals(text: string): boolean {
  return !/\p{Ll}\p{Ll}/u.test(text) && /\p{Lu}\p{Lu}\p{Lu}/u.test(text);
}

/**
 * Runs of capitalised words, folded: `Hà Nội` and `Hanoï` both give `hanoi`. Vietnamese writes
 * a name as several capitalised syllables, so every run of two or three neighbours is joined too.
 */
function findNames(text: string): Anchor[] {
  const names: Anchor[] = [];
  // Only a single space continues a run: `Việt Nam - Pháp` is two names.
  for (const run of text.matchAll(NAME_RUN)) pushNameRun(run[0].split(' '), names);
  return names;
}

function pushNameRun(run: readonly string[], names: Anchor[]): void {
  for (let start = 0; start < run.length; start++) {
    for (let size = 1; size <= 3 && start + size <= run.length; size++) {
      const words = run.slice(start, start + size);
      const key = foldDiacritics(words.join('')).replace(/[^\p{L}\p{N}]/gu, '');
      // Short single words are mostly sentence starts (`Le`, `Nous`, `Hà`) rather than names.
      if (key.length < (size === 1 ? 4 : 5)) continue;
      names.push({ key: `name:${key}`, kind: 'name', display: words.join(' ') });
    }
  }
}
