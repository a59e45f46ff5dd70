import type { ComparedRow, ComparisonSummary, LanguageTally, OutOfStepRow } from './comparison.js';
import { classifyLanguageChange, splitLanguagesByChange } from './languageChange.js';

/** Counts rows by change, per language, and lists the rows whose translation may be out of date. */
export function summarizeRows(rows: readonly ComparedRow[], languages: readonly string[]): ComparisonSummary {
  const count = (change: ComparedRow['change']): number => rows.filter((row) => row.change === change).length;
  return {
    rowsAdded: count('added'),
    rowsRemoved: count('removed'),
    rowsChanged: count('changed'),
    rowsMoved: count('moved'),
    rowsEqual: count('equal'),
    perLanguage: Object.fromEntries(languages.map((lang) => [lang, tallyLanguage(rows, lang)])),
    outOfStep: rows.filter((row) => row.outOfStep).length,
    outOfStepRows: rows.flatMap(describeOutOfStep),
  };
}

function tallyLanguage(rows: readonly ComparedRow[], lang: string): LanguageTally {
  const tally = { added: 0, removed: 0, changed: 0 };
  for (const row of rows) {
    const change = classifyLanguageChange(row.words[lang] ?? []);
    if (change === 'added' || change === 'removed' || change === 'changed') tally[change]++;
  }
  return tally;
}

function describeOutOfStep(row: ComparedRow): OutOfStepRow[] {
  if (!row.outOfStep || row.from === null || row.to === null) return [];
  return [{ from: row.from, to: row.to, ...splitLanguagesByChange(row.words) }];
}
