import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paragraphsOf } from '../shared/align/testing/perturb.js';
import type { CanonicalRow, CanonicalText } from '../shared/compare/canonical.js';
import { compareTexts } from '../shared/compare/compare.js';
import { renderComparisonHtml } from '../shared/compare/renderHtml.js';
import { renderComparisonDocx } from '../server/compareExport/comparisonDocx.js';
import { checked, type Figure } from './figure.js';
import { median, round, timeRuns } from './measure.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'assises-12');
const ROWS = 300;
const RUNS = 20;

/** The edits the newer version carries, so the bench can check the comparison found them. */
const EDITED = 30;
const MOVED = [50, 150, 250];
const REMOVED = [20, 120, 220];
const RECREATED = [80, 180];
const ADDED = 3;

/**
 * Measures comparing two versions of a 300-row French–Vietnamese declaration (about 10 % of rows
 * edited, a few moved, added, removed, re-created), and rendering that comparison as HTML and DOCX.
 */
export async function benchCompare(): Promise<Figure[]> {
  const from = synthesiseDeclaration(ROWS);
  const to = editDeclaration(from);
  const coldStart = performance.now();
  const comparison = compareTexts(from, to);
  const cold = performance.now() - coldStart;
  const warm = median(timeRuns(RUNS, () => void compareTexts(from, to)));
  const meta = { title: from.title, fromLabel: 'v1', toLabel: 'v2', languages: from.languages };
  const html = median(timeRuns(RUNS, () => void renderComparisonHtml(comparison, meta)));
  const docxTimes: number[] = [];
  for (let k = 0; k < 5; k++) {
    const start = performance.now();
    await renderComparisonDocx(comparison, meta);
    docxTimes.push(performance.now() - start);
  }
  const s = comparison.summary;
  return [
    { name: `compare two versions, ${ROWS} rows × 2 languages (cold: first run)`, value: round(cold), unit: 'ms', target: 'a small fraction of a second' },
    {
      name: `compare two versions, ${ROWS} rows × 2 languages (warm, median of ${RUNS})`,
      value: round(warm),
      unit: 'ms',
      target: 'a small fraction of a second',
    },
    { name: `render that comparison as HTML (median of ${RUNS})`, value: round(html), unit: 'ms', target: 'a small fraction of a second' },
    { name: 'render that comparison as DOCX (median of 5)', value: round(median(docxTimes)), unit: 'ms', target: 'well under a second' },
    // The edits are known, so each count has one right value.
    exactly('rows found changed or moved (edited in place + moved)', s.rowsChanged + s.rowsMoved, EDITED + RECREATED.length + MOVED.length),
    exactly('rows found added', s.rowsAdded, ADDED),
    exactly('rows found removed', s.rowsRemoved, REMOVED.length),
    exactly('rows flagged out of step', s.outOfStep, EDITED / 3),
  ];
}

function exactly(name: string, value: number, expected: number): Figure {
  return checked({ name, value, unit: 'rows', target: `= ${expected}` }, (v) => v === expected);
}

/** A long declaration made from the Assises one: its paragraph pairs repeated, renumbered. */
export function synthesiseDeclaration(rows: number): CanonicalText {
  const fr = paragraphsOf(readFileSync(join(FIXTURES, 'final-declaration.fr.txt'), 'utf8'), 'fr').map((p) => p.text);
  const vi = paragraphsOf(readFileSync(join(FIXTURES, 'final-declaration.vi.txt'), 'utf8'), 'vi').map((p) => p.text);
  const pairs = Math.min(fr.length, vi.length);
  return {
    title: 'Déclaration finale',
    languages: ['fr', 'vi'],
    rows: Array.from({ length: rows }, (_, k) => {
      const pass = Math.floor(k / pairs);
      return rowOf(`r${k}`, { fr: renumber(fr[k % pairs]!, pass), vi: renumber(vi[k % pairs]!, pass) });
    }),
  };
}

/**
 * The next version: every tenth row edited (one in three in French only, so out of step), three
 * rows moved, three removed, three added, two deleted and typed again with an extra word.
 */
function editDeclaration(from: CanonicalText): CanonicalText {
  const rows = from.rows.map((row, k) => {
    if (RECREATED.includes(k)) return rowOf(`new-${k}`, { fr: addWord(textOf(row, 'fr'), 'également'), vi: addWord(textOf(row, 'vi'), 'cũng') });
    if (k % 10 !== 3) return row;
    const frenchOnly = Math.floor(k / 10) % 3 === 0;
    return withTexts(row, { fr: addWord(textOf(row, 'fr'), 'notamment'), vi: frenchOnly ? textOf(row, 'vi') : addWord(textOf(row, 'vi'), 'đặc biệt') });
  });
  const moved = MOVED.map((k) => rows[k]!);
  const kept = rows.filter((_, k) => !MOVED.includes(k) && !REMOVED.includes(k));
  moved.forEach((row, n) => kept.splice(10 + n * 60, 0, row));
  for (let n = 0; n < ADDED; n++) {
    kept.splice(
      40 + n * 90,
      0,
      rowOf(`added-${n}`, {
        fr: `Article additionnel ${n + 1} : les collectivités s’engagent à se revoir en 202${n + 6}.`,
        vi: `Điều bổ sung ${n + 1}: các địa phương cam kết gặp lại năm 202${n + 6}.`,
      }),
    );
  }
  return { ...from, rows: kept };
}

function rowOf(id: string, texts: Record<string, string>): CanonicalRow {
  return { id, cells: Object.fromEntries(Object.entries(texts).map(([lang, text]) => [lang, [{ pid: `${id}-${lang}`, text }]])) };
}

function withTexts(row: CanonicalRow, texts: Record<string, string>): CanonicalRow {
  const cells = Object.fromEntries(Object.entries(row.cells).map(([lang, list]) => [lang, list.map((cell) => ({ ...cell, text: texts[lang] ?? cell.text }))]));
  return { ...row, cells };
}

function textOf(row: CanonicalRow, lang: string): string {
  return (row.cells[lang] ?? []).map((cell) => cell.text).join('\n');
}

// A drafting edit: one word slipped in after the fifth.
function addWord(text: string, word: string): string {
  const words = text.split(' ');
  words.splice(5, 0, word);
  return words.join(' ');
}

// Each repetition renumbers its sections, as a longer declaration's would be.
function renumber(text: string, pass: number): string {
  return pass === 0 ? text : text.replace(/^(\d+)\./u, (_, n: string) => `${Number(n) + pass * 10}.`);
}

// Standalone: `npx tsx bench/compare.ts` prints the table.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  void benchCompare().then((results) => console.table(results));
}
