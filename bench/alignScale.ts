import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignParagraphs, type Para } from '../shared/align/align.js';
import { compareLinks } from '../shared/align/linkMetrics.js';
import { deleteParagraph, mergeParagraphs, paragraphsOf, splitParagraph, type Bitext, type GoldLink } from '../shared/align/testing/perturb.js';
import { checked, type Figure } from './figure.js';
import { round } from './measure.js';

/**
 * Issue 18's scale target: 30,000 × 30,000 paragraphs (about 5 MB a side) aligned in at most
 * 20 s and 1 GiB, whether the columns translate each other or not. Each case runs in a child
 * process of its own so that its peak resident memory is its own.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const TIME_LIMIT_S = 20;
const MEMORY_LIMIT_MB = 1024;

export async function benchAlignScale(paragraphs = 30_000): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const kind of ['parallel', 'shuffled'] as const) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), kind, String(paragraphs)], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      seconds: number;
      cpuSeconds: number;
      peakMb: number;
      sourceMb: number;
      targetMb: number;
      f1: number;
      rows: number;
      columns: number;
    };
    const name = `align ${r.rows.toLocaleString('en')} × ${r.columns.toLocaleString('en')} paragraphs, ${kind} (${r.sourceMb} MB / ${r.targetMb} MB)`;
    figures.push(checked({ name: `${name}: time`, value: r.seconds, unit: 's', target: `≤ ${TIME_LIMIT_S} s` }, (v) => v <= TIME_LIMIT_S));
    figures.push({ name: `${name}: CPU time (user + system; the machine may be shared)`, value: r.cpuSeconds, unit: 's' });
    figures.push(checked({ name: `${name}: peak RSS`, value: r.peakMb, unit: 'MB', target: `≤ ${MEMORY_LIMIT_MB} MB` }, (v) => v <= MEMORY_LIMIT_MB));
    if (kind === 'parallel') figures.push(checked({ name: `${name}: F1`, value: r.f1, unit: '', target: '≥ 0.95' }, (v) => v >= 0.95));
  }
  return figures;
}

/** A long bitext made of the evaluation texts (fr → vi), repeated with shifted numbers, and drafting accidents. */
export function synthesiseLarge(paragraphs: number): Bitext {
  const pairs: [string, string][] = [];
  for (const doc of ['align/charter', 'align/invitation', 'assises-12/final-declaration']) {
    const fr = paragraphsOf(readFileSync(join(FIXTURES, `${doc}.fr.txt`), 'utf8'), 'fr');
    const vi = paragraphsOf(readFileSync(join(FIXTURES, `${doc}.vi.txt`), 'utf8'), 'vi');
    fr.forEach((p, k) => pairs.push([p.text, vi[k]!.text]));
  }
  const source: Para[] = [];
  const target: Para[] = [];
  const gold: GoldLink[] = [];
  for (let k = 0; source.length < paragraphs; k++) {
    const [fr, vi] = pairs[k % pairs.length]!;
    const pass = Math.floor(k / pairs.length);
    gold.push({ source: [k], target: [k] });
    source.push({ id: `s${k}`, text: shift(fr, pass) });
    target.push({ id: `t${k}`, text: shift(vi, pass) });
  }
  let doc: Bitext = { source, target, gold };
  for (let at = paragraphs - 40; at > 20; at -= 211) {
    doc = mergeParagraphs(doc, 'target', at);
    doc = deleteParagraph(doc, 'source', at - 7);
    doc = splitParagraph(doc, 'source', at - 15);
  }
  return doc;
}

// Each pass is another section: other numbers, on both sides alike.
function shift(text: string, pass: number): string {
  return pass === 0 ? text : text.replace(/\d+/gu, (n) => String(Number(n) + pass));
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Child process: `node --import tsx bench/alignScale.ts parallel|shuffled N` prints one JSON line.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const kind = process.argv[2] ?? 'parallel';
  const n = Number(process.argv[3] ?? 30_000);
  if (kind === 'parallel' || kind === 'shuffled') {
    const doc = synthesiseLarge(n);
    const target = kind === 'shuffled' ? shuffled(doc.target, 7) : doc.target;
    const mb = (paras: readonly Para[]) => round(paras.reduce((s, p) => s + Buffer.byteLength(p.text) + 2, 0) / 1e6, 1);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const links = alignParagraphs({ source: doc.source, target });
    const seconds = round((performance.now() - start) / 1000, 1);
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = round((cpu.user + cpu.system) / 1e6, 1);
    const f1 = kind === 'parallel' ? round(compareLinks(links, doc.gold).f1, 3) : NaN;
    const peakMb = round(process.resourceUsage().maxRSS / 1024, 0);
    process.stdout.write(
      `${JSON.stringify({ seconds, cpuSeconds, peakMb, sourceMb: mb(doc.source), targetMb: mb(target), f1, rows: doc.source.length, columns: target.length })}\n`,
    );
  } else {
    void benchAlignScale(n).then((figures) => console.table(figures));
  }
}
