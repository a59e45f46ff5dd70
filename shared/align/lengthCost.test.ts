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
    expect(negLogErfc(3)).toBeCloseTo(-Math.log(2.2090497e-5), 4);
  });

  it('measures its ratio and spread on linked pairs, robustly: many pairs move it, a few cannot collapse it', () => {
    const pairs: [number, number][] = [
      [500, 400],
      [300, 250],
      [800, 630],
      [200, 165],
      [650, 520],
      [420, 330],
    ];
    const many = Array.from({ length: 6 }, () => pairs).flat();
    const fitted = fitLengthModel(many, initialLengthModel(1, 1));
    expect(fitted.ratio).toBeCloseTo(0.8, 1);
    // Short heading pairs fit almost exactly; they must not narrow the spread to nothing.
    const headings: [number, number][] = [
      [30, 30],
      [28, 28],
      [31, 31],
      [26, 26],
      [40, 40],
    ];
    expect(fitLengthModel(headings, initialLengthModel(1, 1)).variance).toBeGreaterThanOrEqual(3);
    expect(fitLengthModel(pairs.slice(0, 2), model)).toBe(model);
  });

  it('does not take the ratio from the totals when the columns obviously do not correspond', () => {
    expect(initialLengthModel(10_000, 300, 100, 3).ratio).toBe(1);
    expect(initialLengthModel(1000, 850, 20, 19).ratio).toBeCloseTo(0.85, 5);
  });
});
