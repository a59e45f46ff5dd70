import { canonicaliseNumber, extractAnchors, type Anchor, type AnchorKind } from '../align/anchors.js';
import { normalizeText } from '../align/normalize.js';
import { detectAlphabet, findInnerNumberings, listNumberingKeys, parseNumbering, shareNumber, type Alphabet, type Numbering } from '../align/numbering.js';

/**
 * The check the secretariat works through before freezing a declaration: every row must have
 * every language, be agreed and not changed since, and say the same numbers, dates, addresses
 * and carried-over names in each language, with balanced brackets and quotes.
 */
export interface ConcordanceRow {
  /** Alignment row id. */
  readonly id: string;
  /** 1-based position in reading order. */
  readonly number: number;
  /** `draft`, `bracketed`, `agreed-ad-referendum` or `agreed`. */
  readonly status: string;
  /** Languages changed since the row was agreed. */
  readonly staleLanguages: readonly string[];
  /** Per language, the row's paragraphs (NFC). */
  readonly text: Readonly<Record<string, readonly string[]>>;
  /** Per language, how many suggestions await a decision in the row (absent: none). */
  readonly pendingSuggestions?: Readonly<Record<string, number>>;
}

export interface ConcordanceInput {
  readonly languages: readonly string[];
  readonly rows: readonly ConcordanceRow[];
}

/** Anchor kinds worth a reviewer's time; months and acronyms are too often rephrased. */
export type ConcordanceAnchorKind = 'number' | 'date' | 'email' | 'url' | 'name';

interface RowRef {
  /** Row id. */
  readonly row: string;
  readonly number: number;
}

/** One thing to look at before freezing, tied to a row. */
export type ConcordanceIssue =
  | (RowRef & { readonly kind: 'missing-counterpart'; readonly missing: readonly string[] })
  | (RowRef & { readonly kind: 'stale'; readonly langs: readonly string[] })
  | (RowRef & { readonly kind: 'not-agreed'; readonly status: string })
  /** Label per language that has text; null when that language's first paragraph has none. */
  | (RowRef & { readonly kind: 'numbering'; readonly labels: Readonly<Record<string, string | null>> })
  | (RowRef & {
      readonly kind: 'anchor';
      readonly anchorKind: ConcordanceAnchorKind;
      /** As written in the first language that has it. */
      readonly value: string;
      readonly presentIn: readonly string[];
      readonly absentFrom: readonly string[];
    })
  /** `mark` is the bracket or quote left without a partner. */
  | (RowRef & { readonly kind: 'unbalanced'; readonly lang: string; readonly mark: string })
  /** Suggestions nobody has accepted or rejected yet; `langs` are the columns they are in. */
  | (RowRef & { readonly kind: 'pending-suggestions'; readonly count: number; readonly langs: readonly string[] });

/** Stable identifier of an issue, for React keys and tests. */
export function concordanceIssueKey(issue: ConcordanceIssue): string {
  const base = `${issue.row}:${issue.kind}`;
  switch (issue.kind) {
    case 'anchor':
      return `${base}:${issue.anchorKind}:${issue.presentIn.join(',')}:${issue.value}`;
    case 'unbalanced':
      return `${base}:${issue.lang}:${issue.mark}`;
    default:
      return base;
  }
}

/** Lists what keeps the declaration from being concordant, row by row in reading order. */
export function checkConcordance(input: ConcordanceInput): ConcordanceIssue[] {
  const rows = [...input.rows].sort((a, b) => a.number - b.number);
  const cells = rows.map((row) => new Map(input.languages.map((lang) => [lang, readCell(row.text[lang] ?? [])])));
  const alphabets = new Map(input.languages.map((lang) => [lang, detectAlphabet(cells.flatMap((c) => c.get(lang)!.numberings))]));
  const names = indexNames(input.languages, cells);
  const issues: ConcordanceIssue[] = [];
  rows.forEach((row, index) => {
    const ref: RowRef = { row: row.id, number: row.number };
    const rowCells = cells[index]!;
    const withText = input.languages.filter((lang) => rowCells.get(lang)!.hasText);
    const missing = input.languages.filter((lang) => !rowCells.get(lang)!.hasText);
    if (withText.length > 0 && missing.length > 0) issues.push({ ...ref, kind: 'missing-counterpart', missing });
    const stale = orderLanguages([...new Set(row.staleLanguages)], input.languages);
    if (stale.length > 0) issues.push({ ...ref, kind: 'stale', langs: stale });
    if (row.status !== 'agreed') issues.push({ ...ref, kind: 'not-agreed', status: row.status });
    const present = withText.map((lang) => ({ lang, cell: rowCells.get(lang)! }));
    const numbering = compareNumbering(present, alphabets);
    if (numbering) issues.push({ ...ref, kind: 'numbering', labels: numbering });
    for (const anchor of compareAnchors(present, (a, b, key) => carriesName(names, a, b, key, index))) issues.push({ ...ref, ...anchor });
    for (const { lang, cell } of present) {
      for (const mark of new Set(cell.unbalanced)) issues.push({ ...ref, kind: 'unbalanced', lang, mark });
    }
    // A pending suggestion is wording someone still expects an answer on: freeze only once it has one.
    const pending = Object.entries(row.pendingSuggestions ?? {}).filter(([, n]) => n > 0);
    if (pending.length > 0) {
      const langs = orderLanguages(
        pending.map(([lang]) => lang),
        input.languages,
      );
      issues.push({ ...ref, kind: 'pending-suggestions', count: pending.reduce((sum, [, n]) => sum + n, 0), langs });
    }
  });
  return issues;
}

/** What the check reads from one language's paragraphs of a row. */
interface Cell {
  readonly hasText: boolean;
  /** Of the first paragraph with text. */
  readonly numbering: Numbering | undefined;
  /** Of every paragraph with text, for guessing the column's alphabet. */
  readonly numberings: readonly (Numbering | undefined)[];
  /** Unique by key, in reading order, numbering labels left out. */
  readonly anchors: readonly Anchor[];
  /** `num:` keys of the labels, own and inner: they are structure, not content. */
  readonly labelNumbers: ReadonlySet<string>;
  /** First unpartnered mark of each paragraph that has one. */
  readonly unbalanced: readonly string[];
}

function readCell(paragraphs: readonly string[]): Cell {
  const anchors = new Map<string, Anchor>();
  const labelNumbers = new Set<string>();
  const numberings: (Numbering | undefined)[] = [];
  const unbalanced: string[] = [];
  for (const raw of paragraphs) {
    const text = normalizeText(raw);
    if (text === '' || isInvisible(text)) continue;
    const numbering = parseNumbering(raw, text);
    numberings.push(numbering);
    // Same cut as the aligner's: the label's digits are numbering, not content.
    const body = numbering && text.startsWith(numbering.label) ? text.slice(numbering.length) : text;
    for (const label of [numbering, ...findInnerNumberings(text)]) {
      const key = label && labelNumberKey(label);
      if (key) labelNumbers.add(key);
    }
    for (const found of extractAnchors(body)) {
      const anchor = found.kind === 'email' ? trimEmail(found) : found;
      if (!anchors.has(anchor.key)) anchors.set(anchor.key, anchor);
    }
    const mark = findUnbalancedMark(text);
    if (mark !== undefined) unbalanced.push(mark);
  }
  return { hasText: numberings.length > 0, numbering: numberings[0], numberings, anchors: [...anchors.values()], labelNumbers, unbalanced };
}

/**
 * Japanese writes an address against its words (`詳細はinfo@example.orgまで`) and extractAnchors
 * takes those letters in; addresses in a declaration are ASCII, so the kana and kanji go.
 */
function trimEmail(anchor: Anchor): Anchor {
  const display = anchor.display.replace(/^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+$/gu, '');
  return display === anchor.display ? anchor : { ...anchor, key: `email:${display.toLowerCase()}`, display };
}

// Zero-width characters survive normalizeText's trim yet show nothing.
function isInvisible(text: string): boolean {
  return /^[\s\u200b-\u200d\u2060\ufeff]*$/u.test(text);
}

/** `3.1.` gives `num:3.1`, `Điều 5` gives `num:5`; letters and roman numerals have no digits to hide. */
function labelNumberKey(numbering: Numbering): string | undefined {
  const values: string[] = [];
  for (const part of numbering.parts) {
    if (part.kind !== 'arabic' && part.kind !== 'unit') return undefined;
    values.push(part.value);
  }
  return `num:${canonicaliseNumber(values.join('.'))}`;
}

function orderLanguages(langs: readonly string[], order: readonly string[]): string[] {
  const rank = (lang: string): number => (order.includes(lang) ? order.indexOf(lang) : order.length);
  return [...langs].sort((a, b) => rank(a) - rank(b));
}

interface PresentCell {
  readonly lang: string;
  readonly cell: Cell;
}

/** Labels per language when two languages number the row differently, else undefined. */
function compareNumbering(present: readonly PresentCell[], alphabets: ReadonlyMap<string, Alphabet>): Record<string, string | null> | undefined {
  if (present.length < 2) return undefined;
  // `M. Nguyễn Văn An` parses as a letter label: against an unnumbered paragraph, a lone capital
  // initial is far more likely an abbreviation (M., S.) than a number the other side dropped.
  const doubtful = (n: Numbering | undefined): boolean => n === undefined || /^\p{Lu}\.$/u.test(n.label);
  if (present.every(({ cell }) => doubtful(cell.numbering)) && present.some(({ cell }) => !cell.numbering)) return undefined;
  const keys = present.map(({ lang, cell }) => (cell.numbering ? numberValueKeys(cell.numbering, alphabets.get(lang) ?? 'latin') : null));
  const agree = keys.every((k) => (k === null ? keys[0] === null : keys[0] !== null && shareNumber(keys[0]!, k)));
  if (agree) return undefined;
  return Object.fromEntries(present.map(({ lang, cell }) => [lang, cell.numbering?.label ?? null]));
}

/**
 * Keys of a label by value: `II.` and `2.` count the same (Japanese `二、` is read as a roman
 * numeral, and a heading style is not a difference of substance), letters and units stay apart.
 */
function numberValueKeys(numbering: Numbering, alphabet: Alphabet): string[] {
  return listNumberingKeys(numbering, alphabet).map((key) =>
    key
      .split('.')
      .map((part) => part.replace(/^r(\d+)$/u, 'n$1'))
      .join('.'),
  );
}

type AnchorFinding = Omit<Extract<ConcordanceIssue, { kind: 'anchor' }>, keyof RowRef>;
type CarriesName = (from: string, to: string, key: string) => boolean;

// A day without its year (`le 15 mai`) is checked, and reported, as a date.
const CHECKED_KINDS: ReadonlySet<string> = new Set<AnchorKind>(['number', 'date', 'day', 'email', 'url', 'name']);

function compareAnchors(present: readonly PresentCell[], carries: CarriesName): AnchorFinding[] {
  if (present.length < 2) return [];
  const keysOf = new Map(present.map(({ lang, cell }) => [lang, new Set(cell.anchors.map((a) => a.key))]));
  const datePartsOf = new Map(present.map(({ lang, cell }) => [lang, new Set(cell.anchors.flatMap(listDateParts))]));
  const labelNumbers = new Set(present.flatMap(({ cell }) => [...cell.labelNumbers]));
  const isMissing = (anchor: Anchor, lang: string, presentIn: readonly string[]): boolean => {
    const keys = keysOf.get(lang)!;
    if (keys.has(anchor.key)) return false;
    switch (anchor.kind) {
      // `du 13 au 16 avril 2023` reads 13 as a number, `13/4/2023` as part of a date.
      case 'number':
        return !datePartsOf.get(lang)!.has(anchor.key);
      // A spelling the date reader does not know still leaves its year and day as plain numbers;
      // a language may also leave the year to the reader (`le 15 mai` for `15/5/2025`).
      case 'date': {
        const [year, , day] = listDateParts(anchor);
        return !(keys.has(year!) && keys.has(day!)) && !keys.has(`date:--${anchor.key.slice('date:YYYY-'.length)}`);
      }
      case 'day': {
        const [month, day] = listDateParts(anchor);
        const monthDay = anchor.key.slice('date:--'.length);
        return ![...keys].some((key) => key.startsWith('date:') && key.endsWith(`-${monthDay}`)) && !(keys.has(month!) && keys.has(day!));
      }
      case 'name':
        return presentIn.some((from) => carries(from, lang, anchor.key));
      default:
        return true;
    }
  };
  const found: (AnchorFinding & { readonly key: string })[] = [];
  const seen = new Set<string>();
  for (const { cell } of present) {
    for (const anchor of cell.anchors) {
      if (seen.has(anchor.key) || !CHECKED_KINDS.has(anchor.kind)) continue;
      seen.add(anchor.key);
      if (anchor.kind === 'number' && labelNumbers.has(anchor.key)) continue;
      const presentIn = present.filter(({ lang }) => keysOf.get(lang)!.has(anchor.key)).map(({ lang }) => lang);
      const absentFrom = present.filter(({ lang }) => isMissing(anchor, lang, presentIn)).map(({ lang }) => lang);
      if (absentFrom.length === 0) continue;
      const anchorKind = (anchor.kind === 'day' ? 'date' : anchor.kind) as ConcordanceAnchorKind;
      found.push({ key: anchor.key, kind: 'anchor', anchorKind, value: anchor.display, presentIn, absentFrom });
    }
  }
  // `Nguyễn Văn An` also yields `nguyen` and `vanan`: report the whole name once.
  const names = found.filter((f) => f.anchorKind === 'name').map((f) => f.key);
  return found
    .filter((f) => f.anchorKind !== 'name' || !names.some((other) => other !== f.key && other.includes(f.key.slice('name:'.length))))
    .map(({ key: _key, ...finding }) => finding);
}

/** `date:2023-04-16` gives `num:2023`, `num:4`, `num:16`, `date:--04-16` `num:4`, `num:16`: the numbers a date is made of. */
function listDateParts(anchor: Anchor): string[] {
  if (anchor.kind !== 'date' && anchor.kind !== 'month' && anchor.kind !== 'day') return [];
  return anchor.key
    .slice('date:'.length)
    .split('-')
    .filter((part) => part !== '')
    .map((part) => `num:${canonicaliseNumber(part)}`);
}

type NameIndex = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<number>>>;

/** Per language, the rows each name key appears in. */
function indexNames(languages: readonly string[], cells: readonly ReadonlyMap<string, Cell>[]): NameIndex {
  const index = new Map<string, Map<string, Set<number>>>();
  for (const lang of languages) {
    const byKey = new Map<string, Set<number>>();
    cells.forEach((rowCells, row) => {
      for (const anchor of rowCells.get(lang)!.anchors) {
        if (anchor.kind !== 'name') continue;
        const rows = byKey.get(anchor.key) ?? new Set<number>();
        rows.add(row);
        byKey.set(anchor.key, rows);
      }
    });
    index.set(lang, byKey);
  }
  return index;
}

/**
 * Whether `to` writes the name as `from` does, so its absence from a row is news. Names are
 * usually translated (`France` is `Pháp`, `vietnamiennes` is `Việt Nam`): the name must appear in
 * `to` in most other rows where `from` has it, or, for a name `from` uses once, somewhere in `to`.
 */
function carriesName(index: NameIndex, from: string, to: string, key: string, row: number): boolean {
  const inFrom = index.get(from)?.get(key) ?? new Set<number>();
  const inTo = index.get(to)?.get(key) ?? new Set<number>();
  let others = 0;
  let shared = 0;
  for (const other of inFrom) {
    if (other === row) continue;
    others++;
    if (inTo.has(other)) shared++;
  }
  return others === 0 ? inTo.size > 0 : shared * 2 > others;
}

const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '«': '»', '“': '”', '‘': '’', '「': '」', '『': '』' };
const OPENING: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CLOSING).map(([open, close]) => [close, open]));

/**
 * The first bracket or quote of a paragraph without a partner, if any. Crossed pairs (`( [ ) ]`)
 * count as unbalanced. `’` is also the apostrophe, so it only closes an open `‘` and never stands
 * out on its own; `"` opens or closes depending on whether one is open.
 */
export function findUnbalancedMark(text: string): string | undefined {
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    let opener: string | undefined;
    if (ch === '"') {
      if (!stack.includes('"')) {
        stack.push(ch);
        continue;
      }
      opener = '"';
    } else if (ch === '’') {
      // `l’Europe`: an apostrophe sits before a letter; a closing quote does not.
      if (!stack.includes('‘') || /[\p{L}\p{N}]/u.test(text[i + 1] ?? '')) continue;
      opener = '‘';
    } else if (CLOSING[ch] !== undefined) {
      stack.push(ch);
      continue;
    } else {
      opener = OPENING[ch];
      if (opener === undefined) continue;
      // `a)`, `2)`, `iv)` number items inside a sentence without any `(`.
      if (ch === ')' && stack.at(-1) !== '(' && isItemLabel(text.slice(Math.max(0, i - 10), i))) continue;
      if (!stack.includes(opener)) return ch;
    }
    const top = stack.pop();
    if (top !== opener) return top;
  }
  return stack[0];
}

function isItemLabel(before: string): boolean {
  return /(?<![\p{L}\p{N}])(?:\p{L}|\d{1,3}|[ivxlcdm]{2,6})$/iu.test(before);
}
