/**
 * Gale & Church (1993): a translation's length is proportional to its original's, with a
 * spread that grows with the length. Lengths are counted in characters, not words, so
 * languages written without spaces (Japanese) work. Both the proportion and the spread are
 * measured on the document itself, because they differ from one language pair (and one
 * translator) to the next.
 */

/** Target characters per source character, and the variance of the difference per character. */
export interface LengthModel {
  readonly ratio: number;
  readonly variance: number;
}

/**
 * Variance per character before the document has been measured. Gale & Church measured 6.8
 * between French and English sentences; whole paragraphs of a faithful declaration vary less
 * (3.7 between the French and Vietnamese Assises declaration).
 */
export const DEFAULT_VARIANCE = 5;
const MIN_VARIANCE = 2;
const MAX_VARIANCE = 16;
/** Fewer linked pairs than this say too little to measure a spread. */
const MIN_PAIRS_TO_FIT = 4;
/** Median of a chi-square variable with one degree of freedom: median(δ²) of a standard normal δ. */
const MEDIAN_CHI2_1 = 0.4549;

/** The model before any link is known: the ratio of the two columns' total lengths. */
export function initialLengthModel(sourceChars: number, targetChars: number): LengthModel {
  const ratio = sourceChars > 0 && targetChars > 0 ? targetChars / sourceChars : 1;
  return { ratio, variance: DEFAULT_VARIANCE };
}

/**
 * Measures the model on linked pairs (source characters, target characters). Unlike the ratio
 * of the columns' totals it is not thrown off by a long paragraph missing on one side; the
 * spread is read from the median, so the odd wrong link of a first pass does not widen it.
 */
export function fitLengthModel(pairs: readonly (readonly [number, number])[], fallback: LengthModel): LengthModel {
  let sourceTotal = 0;
  let targetTotal = 0;
  for (const [s, t] of pairs) {
    sourceTotal += s;
    targetTotal += t;
  }
  if (pairs.length < MIN_PAIRS_TO_FIT || sourceTotal <= 0 || targetTotal <= 0) return fallback;
  const ratio = targetTotal / sourceTotal;
  const squares = pairs.map(([s, t]) => lengthDelta(s, t, { ratio, variance: 1 }) ** 2).sort((a, b) => a - b);
  const median = squares[Math.floor(squares.length / 2)]!;
  const variance = Math.min(MAX_VARIANCE, Math.max(MIN_VARIANCE, median / MEDIAN_CHI2_1));
  return { ratio, variance };
}

/** True when two models would price links noticeably differently. */
export function differsFrom(a: LengthModel, b: LengthModel): boolean {
  return Math.abs(Math.log(a.ratio / b.ratio)) > 0.02 || Math.abs(Math.log(a.variance / b.variance)) > 0.35;
}

/**
 * How many standard deviations apart two lengths are, once the target length is brought to
 * source characters by the model's ratio.
 */
export function lengthDelta(sourceChars: number, targetChars: number, model: LengthModel): number {
  const scaledTarget = targetChars / model.ratio;
  const mean = (sourceChars + scaledTarget) / 2;
  if (mean <= 0) return 0;
  return (scaledTarget - sourceChars) / Math.sqrt(model.variance * mean);
}

/** -log P(|δ| at least this large) for a standard normal δ: 0 for equal lengths, growing like δ²/2. */
export function lengthCost(sourceChars: number, targetChars: number, model: LengthModel): number {
  return negLogErfc(Math.abs(lengthDelta(sourceChars, targetChars, model)) / Math.SQRT2);
}

/**
 * -log erfc(z) for z ≥ 0, computed in log space (Numerical Recipes' erfcc, relative error
 * below 1.2e-7) so that very different lengths give a large finite cost instead of Infinity.
 */
export function negLogErfc(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return z * z - poly - Math.log(t);
}
