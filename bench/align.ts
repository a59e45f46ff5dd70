import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignParagraphs, realignAround, type Para } from '../shared/align/align.js';
import { compareLinks } from '../shared/align/linkMetrics.js';
import { deleteParagraph, mergeParagraphs, paragraphsOf, splitParagraph, type Bitext, type GoldLink } from '../shared/align/testing/perturb.js';
import { buildDeletionSweep, buildEvaluationSet, evaluateCase } from '../shared/align/testing/evaluationSet.js';
import { checked, type Figure } from './figure.js';
import { median, round, timeRuns } from './measure.js';

const FIXTURE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const FIXTURES = join(FIXTURE_ROOT, 'assises-12');

/**
 * Measures the alignment engine: a cold and a warm full alignment of 1,000 × 1,000 paragraphs,
 * and re-alignment after a one-character edit in a 300-paragraph declaration.
 */
export async function benchAlign(): Promise<Figure[]> {
  const large = synthesise(1000);
  const coldStart = performance.now();
  const coldLinks = alignParagraphs(large);
  const cold = performance.now() - coldStart;
  const warm = median(timeRuns(5, () => void alignParagraphs(large)));
  const f1 = compareLinks(coldLinks, large.gold).f1;

  const declaration = synthesise(300);
  const previous = alignParagraphs(declaration);
  const edits = Array.from({ length: 50 }, (_, k) => timeEdit(declaration, previous, k));
  return [
    { name: 'align 1,000 × 1,000 paragraphs (cold: first reading of the texts)', value: round(cold), unit: 'ms', target: 'well under a second' },
    { name: 'align 1,000 × 1,000 paragraphs (warm, median of 5)', value: round(warm), unit: 'ms', target: 'well under a second' },
    checked({ name: 'F1 of that alignment against its reference', value: round(f1, 3), unit: '', target: '≥ 0.95' }, (v) => v >= 0.95),
    { name: 're-align after a one-character edit, 300 paragraphs (median of 50)', value: round(median(edits), 2), unit: 'ms', target: 'a few milliseconds' },
    ...benchEvaluationSet(),
    ...benchDeletionSweep(),
  ];
}

/**
 * The deletion sweep (evaluationSet.ts buildDeletionSweep): how many of its cases reach the
 * issue's .95, and its mean F1 against Gale & Church's on the same cases.
 */
export function benchDeletionSweep(): Figure[] {
  const read = (path: string) => readFileSync(join(FIXTURE_ROOT, path), 'utf8');
  const results = buildDeletionSweep(read).map(evaluateCase);
  const reaching = results.filter((r) => r.f1 >= r.floor - 5e-4).length;
  const mean = (pick: (r: (typeof results)[number]) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const baseline = mean((r) => r.baseline);
  return [
    checked(
      { name: `deletion sweep (${results.length} cases, 10 % deleted): cases with F1 ≥ 0.95`, value: reaching, unit: 'cases', target: `= ${results.length}` },
      (v) => v === results.length,
    ),
    checked(
      {
        name: 'deletion sweep: mean F1',
        value: round(
          mean((r) => r.f1),
          4,
        ),
        unit: '',
        target: `≥ 0.95 (Gale–Church ${round(baseline, 3)})`,
      },
      (v) => v >= Math.max(0.95, baseline),
    ),
  ];
}

/**
 * Issue 18's evaluation set: exact-link F1 per case, held to the Gale & Church baseline's F1
 * on the same case and to the issue's floor for its kind.
 */
export function benchEvaluationSet(): Figure[] {
  const read = (path: string) => readFileSync(join(FIXTURE_ROOT, path), 'utf8');
  return buildEvaluationSet(read).map((c) => {
    const r = evaluateCase(c);
    const floor = Math.max(r.floor, r.baseline);
    const target = `≥ ${round(floor, 3)} (Gale–Church ${round(r.baseline, 3)}${r.floor > 0 ? `, issue ${r.floor}` : ''})`;
    return checked({ name: `F1 ${c.name}`, value: round(r.f1, 3), unit: '', target }, (v) => v >= floor - 5e-4);
  });
}

/**
 * A long declaration made from the Assises one: its 17 paragraph pairs repeated with
 * renumbered sections and shifted dates, then a few drafting accidents (merges, splits,
 * deletions) so the path leaves the diagonal.
 */
export function synthesise(paragraphs: number): Bitext {
  const fr = paragraphsOf(readFileSync(join(FIXTURES, 'final-declaration.fr.txt'), 'utf8'), 'fr').map((p) => p.text);
  const vi = paragraphsOf(readFileSync(join(FIXTURES, 'final-declaration.vi.txt'), 'utf8'), 'vi').map((p) => p.text);
  const source: Para[] = [];
  const target: Para[] = [];
  const gold: GoldLink[] = [];
  for (let k = 0; source.length < paragraphs; k++) {
    const i = k % fr.length;
    const pass = Math.floor(k / fr.length);
    gold.push({ source: [source.length], target: [target.length] });
    source.push({ id: `s${k}`, text: vary(fr[i]!, pass) });
    target.push({ id: `t${k}`, text: vary(vi[i]!, pass) });
  }
  let doc: Bitext = { source, target, gold };
  // Accidents from the end backwards, so earlier indices stay valid.
  for (let at = paragraphs - 40; at > 20; at -= 97) {
    doc = mergeParagraphs(doc, 'target', at);
    doc = deleteParagraph(doc, 'source', at - 7);
    doc = splitParagraph(doc, 'source', at - 15);
  }
  return doc;
}

// Same change on both sides, as a real declaration's sections differ: other numbers, other dates.
function vary(text: string, pass: number): string {
  if (pass === 0) return text;
  return text
    .replace(/^(\d+)((?:\.\d+)*\.)/u, (_, n: string, rest: string) => `${Number(n) + pass * 5}${rest}`)
    .replace(/20(2[0-9])/gu, (_, y: string) => `20${(Number(y) + pass) % 100}`)
    .replace(/\b1([3-6])\b/gu, (_, d: string) => `${((Number(d) + pass) % 28) + 1}`);
}

/** Times re-alignment after a one-character edit of source paragraph (37·k mod n). */
function timeEdit(doc: Bitext, previous: ReturnType<typeof alignParagraphs>, k: number): number {
  const at = (k * 37) % doc.source.length;
  const para = doc.source[at]!;
  const edited = { ...para, text: `${para.text.slice(0, 10)}x${para.text.slice(11)}` };
  const source = doc.source.map((p, i) => (i === at ? edited : p));
  const start = performance.now();
  realignAround(previous, { source, target: doc.target }, [at], []);
  return performance.now() - start;
}

// Standalone: `npx tsx bench/align.ts` prints the table.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  void benchAlign().then((results) => console.table(results));
}
