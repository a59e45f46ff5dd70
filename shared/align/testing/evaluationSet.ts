import { alignParagraphs } from '../align.js';
import { compareLinks } from '../linkMetrics.js';
import { alignGaleChurch } from './galeChurch.js';
import {
  breakParagraph,
  deleteFraction,
  mergeParagraphs,
  paragraphsOf,
  parallelBitext,
  removeParagraphs,
  splitParagraph,
  stripNumbering,
  type Bitext,
  type GoldLink,
} from './perturb.js';

/**
 * The held-out style evaluation set of issue 18: parallel texts in French, Vietnamese,
 * English and Japanese (test/fixtures/align and the Assises declaration), as written and after
 * deliberate drafting accidents, each case with the floor the issue sets for its kind. Every
 * case must also reach a plain Gale & Church aligner (`galeChurch.ts`).
 */
export interface EvaluationCase {
  readonly name: string;
  readonly doc: Bitext;
  /** The floor for this kind of case (0 when only the baseline applies). */
  readonly floor: number;
}

/** Reads a fixture file by its path under test/fixtures (the caller does the I/O). */
export type ReadFixture = (path: string) => string;

const LANGS = ['fr', 'vi', 'en', 'ja'] as const;
type Lang = (typeof LANGS)[number];
const PAIRS: readonly [Lang, Lang][] = [
  ['vi', 'fr'],
  ['fr', 'vi'],
  ['vi', 'en'],
  ['vi', 'ja'],
  ['fr', 'en'],
  ['fr', 'ja'],
  ['en', 'ja'],
];

/** Chapter and article headings in the four languages (`Article 4 – Admission`, `Điều 4`, `第4条（加盟）`). */
export const HEADING = /^(?:Chapter|Chapitre|Chương|Article|Điều)\s+[\dIVX]+\b|^第\d+[章条]/u;

export function buildEvaluationSet(read: ReadFixture): EvaluationCase[] {
  const text = (doc: string, lang: Lang) => paragraphsOf(read(`align/${doc}.${lang}.txt`), `${lang}`);
  const bitext = (doc: string, s: Lang, t: Lang) => parallelBitext(text(doc, s), text(doc, t));
  const cases: EvaluationCase[] = [];
  const add = (name: string, doc: Bitext, floor: number) => cases.push({ name, doc, floor });

  for (const [s, t] of PAIRS) add(`invitation ${s}→${t}`, bitext('invitation', s, t), 0.96);
  // Paragraphs split at a sentence end and broken mid-sentence, in one language only.
  const splitInvitation = (d: Bitext) => breakParagraph(splitParagraph(splitParagraph(d, 'source', 7), 'source', 5), 'source', 4, 0.6);
  add('invitation vi→fr, split paragraphs in the source', splitInvitation(bitext('invitation', 'vi', 'fr')), 0.96);
  add('invitation ja→en, split paragraphs in the source', splitInvitation(bitext('invitation', 'ja', 'en')), 0.96);
  add('invitation en→vi, split paragraphs in the source', splitInvitation(bitext('invitation', 'en', 'vi')), 0.96);
  add(
    'invitation fr→ja, two paragraphs merged in the target',
    mergeParagraphs(mergeParagraphs(bitext('invitation', 'fr', 'ja'), 'target', 9), 'target', 2),
    0.96,
  );

  for (const [s, t] of PAIRS) add(`charter ${s}→${t}, with headings`, bitext('charter', s, t), 0.99);
  for (const [s, t] of PAIRS) {
    const bare = removeParagraphs(
      removeParagraphs(bitext('charter', s, t), 'source', (p) => HEADING.test(p.text)),
      'target',
      (p) => HEADING.test(p.text),
    );
    add(`charter ${s}→${t}, without headings`, bare, 0.98);
  }
  add(
    'charter vi→en, headings removed from the target only',
    removeParagraphs(bitext('charter', 'vi', 'en'), 'target', (p) => HEADING.test(p.text)),
    0,
  );
  add(
    'charter en→ja, one paragraph broken mid-sentence and two merged',
    mergeParagraphs(breakParagraph(bitext('charter', 'en', 'ja'), 'source', 14, 0.45), 'target', 11),
    0,
  );

  for (const [s, t, seed] of [
    ['fr', 'ja', 7],
    ['vi', 'en', 11],
    ['ja', 'vi', 5],
    ['en', 'fr', 3],
  ] as const) {
    add(`charter ${s}→${t}, 10 % of the target deleted`, deleteFraction(bitext('charter', s, t), 'target', 0.1, seed), 0.95);
  }
  add('invitation fr→vi, 10 % of the source deleted', deleteFraction(bitext('invitation', 'fr', 'vi'), 'source', 0.1, 9), 0.95);

  const assises: Bitext = {
    source: paragraphsOf(read('assises-12/final-declaration.fr.txt'), 'fr'),
    target: paragraphsOf(read('assises-12/final-declaration.vi.txt'), 'vi'),
    gold: (JSON.parse(read('assises-12/final-declaration.gold.json')) as { links: GoldLink[] }).links,
  };
  add('assises fr→vi', assises, 0);
  add('assises fr→vi, unnumbered', stripNumbering(assises), 0);
  add('assises fr→vi, 10 % of the target deleted', deleteFraction(assises, 'target', 0.1, 4), 0.95);
  add('assises fr→vi, unnumbered, 10 % of the source deleted', deleteFraction(stripNumbering(assises), 'source', 0.1, 8), 0.95);
  add(
    'assises fr→vi, unnumbered, two paragraphs broken mid-sentence',
    breakParagraph(breakParagraph(stripNumbering(assises), 'target', 9), 'source', 4, 0.4),
    0,
  );
  return cases;
}

/**
 * The deletion cases many times over: every text in every ordered pair of its languages (and
 * the Assises declaration with and without numbering), 10 % of either side deleted with seeds
 * 1 to `seeds`. Held-out texts bring deletions in places the evaluation set did not pick.
 */
export function buildDeletionSweep(read: ReadFixture, seeds = 12): EvaluationCase[] {
  const text = (doc: string, lang: Lang) => paragraphsOf(read(`align/${doc}.${lang}.txt`), `${lang}`);
  const docs: [string, Bitext][] = [];
  for (const doc of ['charter', 'invitation']) {
    for (const s of LANGS) for (const t of LANGS) if (s !== t) docs.push([`${doc} ${s}→${t}`, parallelBitext(text(doc, s), text(doc, t))]);
  }
  const assises: Bitext = {
    source: paragraphsOf(read('assises-12/final-declaration.fr.txt'), 'fr'),
    target: paragraphsOf(read('assises-12/final-declaration.vi.txt'), 'vi'),
    gold: (JSON.parse(read('assises-12/final-declaration.gold.json')) as { links: GoldLink[] }).links,
  };
  docs.push(['assises fr→vi', assises], ['assises fr→vi, unnumbered', stripNumbering(assises)]);
  const cases: EvaluationCase[] = [];
  for (const [name, doc] of docs) {
    for (const side of ['source', 'target'] as const) {
      for (let seed = 1; seed <= seeds; seed++)
        cases.push({ name: `${name}, 10 % of the ${side} deleted (seed ${seed})`, doc: deleteFraction(doc, side, 0.1, seed), floor: 0.95 });
    }
  }
  return cases;
}

/** Two texts that are not translations of each other: their links should score low. */
export function buildUnrelatedPairs(read: ReadFixture): { name: string; source: readonly string[]; target: readonly string[] }[] {
  const texts = (doc: string, lang: string) =>
    paragraphsOf(read(doc.includes('/') ? doc.replace('LANG', lang) : `align/${doc}.${lang}.txt`), lang).map((p) => p.text);
  const assises = 'assises-12/final-declaration.LANG.txt';
  return [
    { name: 'invitation fr vs charter vi', source: texts('invitation', 'fr'), target: texts('charter', 'vi') },
    { name: 'charter en vs assises vi', source: texts('charter', 'en'), target: texts(assises, 'vi') },
    { name: 'assises fr vs invitation ja', source: texts(assises, 'fr'), target: texts('invitation', 'ja') },
    { name: 'charter ja vs invitation en', source: texts('charter', 'ja'), target: texts('invitation', 'en') },
  ];
}

export interface CaseResult {
  readonly name: string;
  readonly f1: number;
  readonly baseline: number;
  readonly floor: number;
  readonly meets: boolean;
}

/** Exact-link F1 (unmatched paragraphs counted as links) of the engine and of the baseline. */
export function evaluateCase(c: EvaluationCase): CaseResult {
  const links = alignParagraphs({ source: c.doc.source, target: c.doc.target });
  const f1 = compareLinks(links, c.doc.gold).f1;
  const baseline = compareLinks(
    alignGaleChurch(
      c.doc.source.map((p) => p.text),
      c.doc.target.map((p) => p.text),
    ),
    c.doc.gold,
  ).f1;
  return { name: c.name, f1, baseline, floor: c.floor, meets: f1 >= baseline - 1e-9 && f1 >= c.floor };
}

/** Mean link score of the engine on two texts. */
export function meanScore(source: readonly string[], target: readonly string[]): number {
  const links = alignParagraphs({
    source: source.map((text, i) => ({ id: `s${i}`, text })),
    target: target.map((text, i) => ({ id: `t${i}`, text })),
  });
  return links.reduce((sum, l) => sum + l.score, 0) / Math.max(1, links.length);
}
