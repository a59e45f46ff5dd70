import { negLogErfc } from '../lengthCost.js';
import { countContentChars, normalizeText } from '../normalize.js';
import type { GoldLink } from './perturb.js';

/**
 * A plain Gale & Church (1993) aligner, the baseline the engine is held to (tests and bench
 * only). Character lengths without whitespace; the paper's shape priors and variance 6.8;
 * the expected ratio is the ratio of the columns' totals (the paper's c = 1 only holds for
 * European pairs, and Japanese against Latin text would otherwise never align). Lengths are
 * priced as in the paper's program, for unmatched paragraphs too.
 */
const PRIORS: readonly (readonly [number, number, number])[] = [
  [1, 1, 0.89],
  [1, 0, 0.0099],
  [0, 1, 0.0099],
  [2, 1, 0.089],
  [1, 2, 0.089],
  [2, 2, 0.011],
];
const VARIANCE = 6.8;

export function alignGaleChurch(source: readonly string[], target: readonly string[]): GoldLink[] {
  const sl = source.map((t) => countContentChars(normalizeText(t)));
  const tl = target.map((t) => countContentChars(normalizeText(t)));
  const sTotal = sl.reduce((a, b) => a + b, 0);
  const tTotal = tl.reduce((a, b) => a + b, 0);
  const c = sTotal > 0 && tTotal > 0 ? tTotal / sTotal : 1;
  const n = sl.length;
  const m = tl.length;
  const cost = new Float64Array((n + 1) * (m + 1)).fill(Infinity);
  const back = new Int8Array((n + 1) * (m + 1)).fill(-1);
  cost[0] = 0;
  const sum = (lengths: readonly number[], from: number, count: number) => {
    let total = 0;
    for (let k = 0; k < count; k++) total += lengths[from + k]!;
    return total;
  };
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let choice = -1;
      PRIORS.forEach(([a, b, prior], k) => {
        if (a > i || b > j) return;
        const before = cost[(i - a) * (m + 1) + (j - b)]!;
        if (before === Infinity) return;
        const ls = sum(sl, i - a, a);
        const lt = sum(tl, j - b, b);
        const mean = (ls + lt / c) / 2;
        const delta = mean > 0 ? (ls * c - lt) / Math.sqrt(mean * VARIANCE) : 0;
        const total = before - Math.log(prior) + negLogErfc(Math.abs(delta) / Math.SQRT2);
        if (total < best) {
          best = total;
          choice = k;
        }
      });
      cost[i * (m + 1) + j] = best;
      back[i * (m + 1) + j] = choice;
    }
  }
  const links: GoldLink[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [a, b] = PRIORS[back[i * (m + 1) + j]!]!;
    i -= a;
    j -= b;
    links.push({ source: Array.from({ length: a }, (_, k) => i + k), target: Array.from({ length: b }, (_, k) => j + k) });
  }
  return links.reverse();
}
