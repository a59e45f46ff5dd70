import { alignParagraphs } from '../align/align.js';
import { UNSURE_BELOW } from '../model/alignment.js';
import { composeRows } from '../model/rowComposition.js';

export { UNSURE_BELOW };
/** When more than this share of the rows are unsure, the columns are not translations of each other. */
const UNRELATED_SHARE = 0.7;
/** Too few rows to tell a translation from two unrelated texts. */
const MIN_ROWS_TO_JUDGE = 4;

/** What the aligner thinks of one language's column against the first language's. */
export interface UnsureRows {
  /** The first language of the declaration, that every other is aligned against. */
  readonly pivot: string;
  readonly lang: string;
  /** How many rows the import makes (all languages together). */
  readonly rows: number;
  /** Runs of the rows where this language's links are unsure, 1-based and inclusive, in reading order. */
  readonly ranges: readonly (readonly [number, number])[];
  /** Most of this language's rows are unsure: the columns do not look like translations of each other. */
  readonly unrelated: boolean;
}

/**
 * Aligns each language's paragraphs against the first language's and composes the rows, as
 * the import will, and reports per language the rows it is unsure of, numbered as the
 * declaration will number them. Languages with no paragraphs are left out.
 */
export function findUnsureRows(textsByLang: Readonly<Record<string, readonly string[]>>, languages: readonly string[]): UnsureRows[] {
  const [pivot, ...others] = languages;
  const pivotTexts = pivot === undefined ? [] : (textsByLang[pivot] ?? []);
  if (pivotTexts.length === 0) return [];
  const source = pivotTexts.map((text, i) => ({ id: `s${i}`, text }));
  const perLanguage = others.flatMap((lang) => {
    const texts = textsByLang[lang] ?? [];
    if (texts.length === 0) return [];
    return [{ lang, links: alignParagraphs({ source, target: texts.map((text, i) => ({ id: `t${i}`, text })) }) }];
  });
  // With three languages, a row is as the import composes it: a merge in one language joins rows for all.
  const rows = composeRows(pivot!, pivotTexts.length, perLanguage);
  return perLanguage.map(({ lang }) => {
    const scores = rows.map((row) => row.scores[lang]);
    const unsure = scores.map((score) => score !== undefined && score < UNSURE_BELOW);
    const judged = scores.filter((score) => score !== undefined).length;
    const count = unsure.filter(Boolean).length;
    return {
      pivot: pivot!,
      lang,
      rows: rows.length,
      ranges: toRanges(unsure),
      unrelated: judged >= MIN_ROWS_TO_JUDGE && count > UNRELATED_SHARE * judged,
    };
  });
}

function toRanges(flags: readonly boolean[]): [number, number][] {
  const ranges: [number, number][] = [];
  flags.forEach((flag, k) => {
    if (!flag) return;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === k) last[1] = k + 1;
    else ranges.push([k + 1, k + 1]);
  });
  return ranges;
}
