import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEvaluationSet, buildUnrelatedPairs, evaluateCase, meanScore } from './testing/evaluationSet.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');

/**
 * Issue 18's evaluation set: each case must reach a plain Gale & Church aligner and the floor
 * the issue sets for its kind (invitation ≥ .96, charter ≥ .99 with headings and ≥ .98
 * without, 10 % deleted ≥ .95). `npm run bench` prints the same figures.
 */
/**
 * Cases still below their target (the bench prints them as MISSED), held at today's figure so
 * they cannot get worse. None at present: the last, `assises fr→vi, 10 % of the target
 * deleted` (.882), two signature lines lengths could not tell apart, is settled by the lexicon
 * (lexicon.ts): `L’ensemble des participants` shares `whole` and `participate` with `Toàn thể
 * các đại biểu tham dự Hội nghị`, `Les collectivités vietnamiennes et françaises` none.
 */
const KNOWN_BELOW: Readonly<Record<string, number>> = {};

describe('alignment beats Gale & Church on texts in French, Vietnamese, English and Japanese', () => {
  for (const c of buildEvaluationSet(read)) {
    const known = KNOWN_BELOW[c.name];
    if (known !== undefined) {
      it(`${c.name}: exact-link F1 no worse than today's ${known} (target not met yet)`, () => {
        expect(evaluateCase(c).f1).toBeGreaterThanOrEqual(known);
      });
      continue;
    }
    it(`${c.name}: exact-link F1 at least Gale–Church's${c.floor > 0 ? ` and ≥ ${c.floor}` : ''}`, () => {
      const result = evaluateCase(c);
      expect(result.f1).toBeGreaterThanOrEqual(result.baseline - 1e-9);
      expect(result.f1).toBeGreaterThanOrEqual(c.floor);
    });
  }
});

describe('link scores mean what they say', () => {
  const cases = buildEvaluationSet(read).filter((c) => /^(charter|invitation) [a-z]+→[a-z]+(, with headings)?$/u.test(c.name));
  it('average at least 0.8 on true translations', () => {
    for (const c of cases)
      expect(
        meanScore(
          c.doc.source.map((p) => p.text),
          c.doc.target.map((p) => p.text),
        ),
        c.name,
      ).toBeGreaterThanOrEqual(0.8);
  });

  it('average at most 0.5 on texts that are not translations of each other', () => {
    for (const u of buildUnrelatedPairs(read)) expect(meanScore(u.source, u.target), u.name).toBeLessThanOrEqual(0.5);
  });
});
