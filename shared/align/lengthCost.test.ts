import { describe, expect, it } from 'vitest';
import { fitLengthModel, initialLengthModel, lengthCost, lengthDelta, negLogErfc } from './lengthCost.js';

describe('the Gale & Church length cost', () => {
  const model = { ratio: 0.8, variance: 5 };

  it('is zero for lengths in the document’s ratio and grows with the difference', () => {
    expect(lengthCost(500, 400, model)).toBeCloseTo(0, 5);
    const costs = [400, 450, 500, 600, 800].map((t) => lengthCost(500, t, model));
    for (let k = 1; k < costs.length; k++) expect(costs[k]!).toBeGreaterThan(costs[k - 1]!);
  });

  it('forgives the same absolute difference more in a long paragraph', () => {
    expect(lengthCost(1000, 850, model)).toBeLessThan(lengthCost(100, 30, model));
  });

  it('stays finite for absurd differences', () => {
    expect(Number.isFinite(lengthCost(5000, 1, model))).toBe(true);
    expect(negLogErfc(40)).toBeGreaterThan(1000);
    expect(lengthDelta(0, 0, model)).toBe(0);
  });

  it('matches -log erfc where it is known', () => {
    expect(negLogErfc(0)).toBeCloseTo(0, 6);
    expect(negLogErfc(1)).toBeCloseTo(-Math.log(0.157299207), 5);
    expect(negLogErfc(3)).toBeCloseTo(-Math.log(2.20904970e-5), 4);
  });

  it('measures its ratio and spread on linked pairs, not thrown off by a missing paragraph', () => {
    const pairs: [number, number][] = [[500, 400], [300, 250], [800, 630], [200, 165], [650, 520], [420, 330]];
    const fitted = fitLengthModel(pairs, initialLengthModel(1, 1));
    expect(fitted.ratio).toBeCloseTo(0.8, 1);
    // Japanese has no spaces and about a third of the French characters: the model follows.
    expect(fitLengthModel(pairs.map(([s, t]) => [s, t * 0.4]), initialLengthModel(1, 1)).ratio).toBeCloseTo(0.32, 1);
    expect(fitLengthModel(pairs.slice(0, 2), model)).toBe(model);
  });
});
