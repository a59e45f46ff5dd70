import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignParagraphs, realignAfterEdit, realignAround, type AlignInput, type Link, type Para } from './align.js';

/** Pieces of declarations, numbering, anchors and typography, so random texts hit every rule. */
const PIECES = [
  '1. ',
  '3.1. ',
  '3.1 ',
  'II. ',
  'a) ',
  '(b) ',
  'đ) ',
  'Article 5 ',
  'Điều 5. ',
  '第5条 ',
  '一、',
  '①',
  '（２）',
  'Nous, collectivités, ',
  'Chúng tôi ',
  '双方は、',
  'Now, therefore,',
  'Với nhận thức rằng:',
  '13 avril 2023',
  'ngày 13 tháng 4 năm 2023',
  '13/4/2023',
  '2023年4月13日',
  'April 13, 2023',
  'Hanoï',
  'Hà Nội',
  'UCLG',
  'ODD',
  'contact@uclg.org',
  'https://www.uclg.org/fr',
  '1 000',
  '20\u00a0%',
  '\u00a0: ',
  '«\u202fvilles\u202f»',
  ' ; ',
  '. ',
  '\n',
  '',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const SHAPES = ['1:1', '1:1', '1:1', '1:0', '0:1', '2:1', '1:2', '2:2', '1:3', '3:1'] as const;

/**
 * A random document: a random sequence of link shapes fixes how many paragraphs each side has;
 * some of those links are handed to the engine as fixed, the others are for it to find.
 */
const documents = fc.array(fc.tuple(fc.constantFrom(...SHAPES), fc.boolean(), fc.integer({ min: 0, max: 9 })), { maxLength: 30 }).chain((plan) => {
  let s = 0;
  let t = 0;
  const fixed: Link[] = [];
  for (const [shape, , roll] of plan) {
    const [a, b] = shape.split(':').map(Number) as [number, number];
    const link: Link = { source: range(s, a), target: range(t, b), score: 1, evidence: [{ kind: 'fixed', detail: 'test' }] };
    if (roll === 0) fixed.push(link);
    s += a;
    t += b;
  }
  return fc
    .record({
      source: fc.array(text, { minLength: s, maxLength: s }),
      target: fc.array(text, { minLength: t, maxLength: t }),
    })
    .map(({ source, target }): AlignInput => ({ source: paras('s', source), target: paras('t', target), fixed }));
});

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => start + k);
}

function paras(tag: string, texts: readonly string[]): Para[] {
  return texts.map((text, i) => ({ id: `${tag}${i}`, text }));
}

/** Every paragraph of both sides in exactly one link, in order; fixed links present as given. */
function expectValidAlignment(links: readonly Link[], input: AlignInput): void {
  let s = 0;
  let t = 0;
  for (const link of links) {
    expect(link.source.length + link.target.length).toBeGreaterThan(0);
    for (const i of link.source) expect(i).toBe(s++);
    for (const j of link.target) expect(j).toBe(t++);
    expect(link.score).toBeGreaterThanOrEqual(0);
    expect(link.score).toBeLessThanOrEqual(1);
  }
  expect(s).toBe(input.source.length);
  expect(t).toBe(input.target.length);
  for (const f of input.fixed ?? []) expect(links).toContain(f);
}

describe('alignment of any input', () => {
  it('covers every paragraph of both sides exactly once, in reading order, around the fixed links', () => {
    fc.assert(
      fc.property(documents, (input) => {
        expectValidAlignment(alignParagraphs(input), input);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(documents, (input) => {
        expect(alignParagraphs(input)).toEqual(alignParagraphs(input));
      }),
      { numRuns: 50 },
    );
  });

  it('stays valid after re-aligning around edited paragraphs', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.nat(), { maxLength: 4 }), text, (input, picks, replacement) => {
        const previous = alignParagraphs(input);
        const changed = picks.filter((k) => k < input.source.length);
        const edited = { ...input, source: input.source.map((p, i) => (changed.includes(i) ? { ...p, text: replacement } : p)) };
        expectValidAlignment(realignAround(previous, edited, changed, []), edited);
      }),
      { numRuns: 200 },
    );
  });

  it('stays valid after re-aligning through insertions and deletions', () => {
    fc.assert(
      fc.property(documents, fc.nat(), fc.nat(), text, (input, deleteAt, insertAt, inserted) => {
        const previous = alignParagraphs(input);
        const kept = input.source.filter((_, i) => input.source.length === 0 || i !== deleteAt % input.source.length);
        const at = insertAt % (kept.length + 1);
        const source = [...kept.slice(0, at), { id: 'new', text: inserted }, ...kept.slice(at)];
        const after: AlignInput = { source, target: input.target };
        expectValidAlignment(realignAfterEdit(previous, { source: input.source, target: input.target }, after), after);
      }),
      { numRuns: 200 },
    );
  });

  it('stays valid on a long random document, where the dynamic program runs in a band', () => {
    const [input] = fc
      .sample(fc.record({ source: fc.array(text, { minLength: 700, maxLength: 700 }), target: fc.array(text, { minLength: 450, maxLength: 450 }) }), {
        numRuns: 1,
        seed: 42,
      })
      .map(({ source, target }): AlignInput => ({ source: paras('s', source), target: paras('t', target) }));
    expectValidAlignment(alignParagraphs(input!), input!);
  });
});
