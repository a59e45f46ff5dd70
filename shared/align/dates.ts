/**
 * Dates survive translation but not their spelling: `13 avril 2023`, `ngày 13 tháng 4 năm 2023`,
 * `13/4/2023` and `2023年4月13日` are one date. Each is read into a canonical `2023-04-13`
 * (or `2023-04` for a month) so the two columns can be compared.
 */
export interface FoundDates {
  /** Canonical dates (`2023-04-13`) and months (`2023-04`), in reading order, with their spelling. */
  readonly dates: readonly { readonly value: string; readonly raw: string }[];
  /** The text with every date blanked, so its digits are not counted again as plain numbers. */
  readonly rest: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1,
  février: 2,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const NAME = `(?<!\\p{L})(${MONTH_NAMES})(?!\\p{L})\\.?`;
// After a day with no year the month may end the sentence: its full stop is not the abbreviation's.
const BARE_NAME = `(?<!\\p{L})(${MONTH_NAMES})(?!\\p{L})`;
const DAY_SUFFIX = '(?:er|st|nd|rd|th|e)?';

type DateReader = { readonly pattern: RegExp; readonly read: (m: RegExpExecArray) => readonly string[] | string | undefined };

// Between the days of a range or list: `15 et 16`, `13 au 16`, `15 and 16`, `13 - 16`, `15 và 16`, `13 đến ngày 16`.
const DAY_JOIN = '\\s*(?:[-–—]|\\s(?:et|au|à|and|to|through|y|al|a|và|đến|tới)\\s)\\s*';

// Longest forms first: a range before the full date at its end, a full date before the
// month-and-year inside it.
const READERS: readonly DateReader[] = [
  // Every day a range or list writes is a date, in every language: `les 15 et 16 mai 2025` and
  // `2025年5月15日及び16日` both give 15 and 16 May, not one date and a stray number each.
  {
    pattern: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:及び|および|と|から|[-–~〜・、])\s*(\d{1,2})\s*日/gu,
    read: (m) => dayRange(m[1], m[2], m[3], m[4]),
  },
  {
    pattern: new RegExp(`ngày\\s+(\\d{1,2})${DAY_JOIN}(?:ngày\\s+)?(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s*,?\\s*năm\\s+(\\d{4})`, 'giu'),
    read: (m) => dayRange(m[4], m[3], m[1], m[2]),
  },
  {
    pattern: new RegExp(`(?<![\\d/.-])(\\d{1,2})${DAY_JOIN}(?:ngày\\s+)?(\\d{1,2})([/.])(\\d{1,2})\\3(\\d{4})(?![\\d/.-]*\\d)`, 'giu'),
    read: (m) => dayRange(m[5], m[4], m[1], m[2]),
  },
  {
    pattern: new RegExp(`(?<!\\d)(\\d{1,2})${DAY_SUFFIX}${DAY_JOIN}(\\d{1,2})${DAY_SUFFIX}\\s+(?:de\\s+)?${NAME},?\\s+(?:de\\s+)?(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => dayRange(m[4], monthOf(m[3]), m[1], m[2]),
  },
  {
    pattern: new RegExp(`${NAME}\\s+(\\d{1,2})${DAY_SUFFIX}${DAY_JOIN}(\\d{1,2})${DAY_SUFFIX},?\\s+(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => dayRange(m[4], monthOf(m[1]), m[2], m[3]),
  },
  { pattern: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu, read: (m) => ymd(m[1], m[2], m[3]) },
  { pattern: /(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/gu, read: (m) => ymd(m[1], m[2], m[3]) },
  { pattern: /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})/giu, read: (m) => ymd(m[3], m[2], m[1]) },
  {
    pattern: /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]*\d)/gu,
    // A two-digit year only after slashes: `3.1.12` is a clause reference, not 3 January 2012.
    read: (m) => (m[2] !== '/' && m[4]?.length === 2 ? undefined : dayFirst(m[1], m[3], m[4])),
  },
  {
    pattern: new RegExp(`(?<!\\d)(\\d{1,2})${DAY_SUFFIX}\\s+(?:de\\s+)?${NAME},?\\s+(?:de\\s+)?(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => ymd(m[3], monthOf(m[2]), m[1]),
  },
  {
    pattern: new RegExp(`${NAME}\\s+(\\d{1,2})${DAY_SUFFIX},?\\s+(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => ymd(m[3], monthOf(m[1]), m[2]),
  },
  { pattern: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月/gu, read: (m) => ym(m[1], m[2]) },
  { pattern: /tháng\s+(\d{1,2})\s*(?:\/|,)?\s*năm\s+(\d{4})/giu, read: (m) => ym(m[2], m[1]) },
  { pattern: /(?<![\d/.-])(\d{1,2})\/(\d{4})(?![\d/])/gu, read: (m) => ym(m[2], m[1]) },
  { pattern: new RegExp(`${NAME}\\s+(?:de\\s+|of\\s+)?(\\d{4})(?!\\d)`, 'giu'), read: (m) => ym(m[2], monthOf(m[1])) },
  // Last, a day and month whose year the text leaves to the reader (`le 15 mai`, `5月15日`): `--05-15`.
  {
    pattern: /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:及び|および|と|から|[-–~〜・、])\s*(\d{1,2})\s*日/gu,
    read: (m) => dayRange(undefined, m[1], m[2], m[3]),
  },
  { pattern: /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu, read: (m) => md(m[1], m[2]) },
  {
    pattern: new RegExp(`ngày\\s+(\\d{1,2})${DAY_JOIN}(?:ngày\\s+)?(\\d{1,2})\\s+tháng\\s+(\\d{1,2})(?!\\d)`, 'giu'),
    read: (m) => dayRange(undefined, m[3], m[1], m[2]),
  },
  { pattern: /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?!\d)/giu, read: (m) => md(m[2], m[1]) },
  {
    pattern: new RegExp(`(?<![\\d.,])(\\d{1,2})${DAY_SUFFIX}${DAY_JOIN}(\\d{1,2})${DAY_SUFFIX}\\s+(?:de\\s+)?${BARE_NAME}`, 'giu'),
    read: (m) => dayRange(undefined, monthOf(m[3]), m[1], m[2]),
  },
  { pattern: new RegExp(`(?<![\\d.,])(\\d{1,2})${DAY_SUFFIX}\\s+(?:de\\s+)?${BARE_NAME}`, 'giu'), read: (m) => md(monthOf(m[2]), m[1]) },
  {
    pattern: new RegExp(`${NAME}\\s+(\\d{1,2})${DAY_SUFFIX}(?![\\d.,]*\\d)`, 'giu'),
    // Month first is English, which capitalises its months: `you may 15 times` is no date.
    read: (m) => (/^\p{Lu}/u.test(m[1] ?? '') ? md(monthOf(m[1]), m[2]) : undefined),
  },
];

/** Finds the dates of a normalized text and blanks them out of it. */
export function extractDates(text: string): FoundDates {
  const found: { at: number; value: string; raw: string }[] = [];
  let rest = text;
  for (const { pattern, read } of READERS) {
    rest = rest.replace(pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const at = args[args.length - 2] as number;
      const got = read(match);
      const values = got === undefined ? [] : typeof got === 'string' ? [got] : got;
      if (values.length === 0) return match[0];
      for (const value of values) found.push({ at, value, raw: match[0].trim() });
      // Same length, so positions of later finds still give reading order.
      return ' '.repeat(match[0].length);
    });
  }
  found.sort((a, b) => a.at - b.at);
  return { dates: found.map(({ value, raw }) => ({ value, raw })), rest };
}

/** Both days of a range or list within one month, when the first comes before the second (no year: `--MM-DD`). */
function dayRange(year: string | undefined, month: string | undefined, first: string | undefined, last: string | undefined): readonly string[] | undefined {
  if (!(Number(first) < Number(last))) return undefined;
  const read = (day: string | undefined) => (year === undefined ? md(month, day) : ymd(year, month, day));
  const from = read(first);
  const to = read(last);
  return from === undefined || to === undefined ? undefined : [from, to];
}

/** A day of a month in no particular year, as ISO 8601 writes it: `--05-15`. */
function md(month: string | undefined, day: string | undefined): string | undefined {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `--${pad(m)}-${pad(d)}` : undefined;
}

function monthOf(name: string | undefined): string | undefined {
  const month = MONTHS[(name ?? '').toLowerCase()];
  return month === undefined ? undefined : String(month);
}

function dayFirst(day: string | undefined, month: string | undefined, year: string | undefined): string | undefined {
  // Day first is the rule in French, Vietnamese and British English; a month above 12 says otherwise.
  if (Number(month) > 12 && Number(day) <= 12) return ymd(year, day, month);
  return ymd(year, month, day);
}

function ymd(year: string | undefined, month: string | undefined, day: string | undefined): string | undefined {
  const m = Number(month);
  const d = Number(day);
  const y = fullYear(year);
  if (y === undefined || !(m >= 1 && m <= 12) || !(d >= 1 && d <= 31)) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function ym(year: string | undefined, month: string | undefined): string | undefined {
  const m = Number(month);
  const y = fullYear(year);
  if (y === undefined || !(m >= 1 && m <= 12)) return undefined;
  return `${y}-${pad(m)}`;
}

function fullYear(year: string | undefined): number | undefined {
  if (year === undefined || !/^\d+$/u.test(year)) return undefined;
  const y = Number(year);
  if (year.length === 2) return y < 70 ? 2000 + y : 1900 + y;
  return y >= 1000 && y <= 2999 ? y : undefined;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
