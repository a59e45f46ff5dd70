/**
 * Gale & Church (1993): a translation's length is proportional to its original's, with a
 * spread that grows with the length. Lengths are counted in characters, not words, so
 * languages written without spaces (Japanese) work. Both the proportion and the spread are
 * measured on the document itself, because they differ from one language pair (and one
 * translator) to the next.
 */

/** Target length units per source unit, and the variance of the difference per unit. */
export interface LengthModel {
  readonly ratio: number;
  readonly variance: number;
}

/**
 * Variance per length unit before the document has been measured. Gale & Church measured 6.8
 * between French and English sentences; whole paragraphs of a faithful declaration vary less
 * (3.7 between the French and Vietnamese Assises declaration).
 */
export const DEFAULT_VARIANCE = 5;
/**
 * A measured spread is never narrower than this: short headings (`Article 4` / `Điều 4`) fit
 * almost exactly and would otherwise talk the model into pricing every real paragraph as an outlier.
 */
const MIN_VARIANCE = 3;
const MAX_VARIANCE = 16;
/** Pairs shorter than this (mean length units) say nothing about the spread. */
const MIN_FIT_LENGTH = 25;
/** How many pairs' worth of belief the default model keeps against a measurement. */
const PRIOR_PAIRS = 6;
/** Share of the pairs, the worst fitting, left out of a fit: the odd wrong link of a first pass. */
const TRIM = 0.2;
/** E[δ² | δ² below its 80th percentile] for a standard normal δ: scales the trimmed mean back. */
const TRIMMED_CHI2_MEAN = 0.4377;
/**
 * With scripts weighted (normalize.ts measureLength) translations run at a ratio near one; a
 * ratio of totals outside these bounds says the columns do not hold the same text, not that
 * one language is three times wordier.
 */
const MIN_TOTAL_RATIO = 0.6;
const MAX_TOTAL_RATIO = 1.7;
/** Paragraph counts further apart than this factor: the totals do not correspond either. */
const MAX_COUNT_FACTOR = 2;

/**
 * The model before any link is known: the ratio of the columns' total lengths when the two
 * columns plausibly hold the same text, else one (lengths are script-weighted, so one is the
 * neutral guess). With 100 paragraphs against 3, the totals say nothing about the translation.
 */
export function initialLengthModel(sourceLength: number, targetLength: number, sourceCount = 1, targetCount = 1): LengthModel {
  const ratio = sourceLength > 0 && targetLength > 0 ? targetLength / sourceLength : 1;
  const counts = Math.max(sourceCount, targetCount) / Math.max(1, Math.min(sourceCount, targetCount));
  const corresponds = ratio >= MIN_TOTAL_RATIO && ratio <= MAX_TOTAL_RATIO && counts <= MAX_COUNT_FACTOR;
  return { ratio: corresponds ? ratio : 1, variance: DEFAULT_VARIANCE };
}

/**
 * Measures the model on linked pairs (source length, target length), robustly: pairs too short
 * to say anything are left out, the ratio is the total ratio of the pairs once the most
 * lopsided fifth is trimmed, the spread is the trimmed mean of δ², and both are pulled towards
 * the fallback by PRIOR_PAIRS pairs' worth of belief, so that a few pairs cannot collapse them.
 */
export function fitLengthModel(pairs: readonly (readonly [number, number])[], fallback: LengthModel): LengthModel {
  const usable = pairs.filter(([s, t]) => s > 0 && t > 0 && (s + t) / 2 >= MIN_FIT_LENGTH);
  if (usable.length < 3) return fallback;
  const byRatio = [...usable].sort((a, b) => Math.abs(Math.log(a[1] / a[0] / fallback.ratio)) - Math.abs(Math.log(b[1] / b[0] / fallback.ratio)));
  const kept = byRatio.slice(0, Math.max(3, Math.ceil(usable.length * (1 - TRIM))));
  let sourceTotal = 0;
  let targetTotal = 0;
  for (const [s, t] of kept) {
    sourceTotal += s;
    targetTotal += t;
  }
  const n = kept.length;
  const measuredRatio = targetTotal / sourceTotal;
  const ratio = Math.exp((n * Math.log(measuredRatio) + PRIOR_PAIRS * Math.log(fallback.ratio)) / (n + PRIOR_PAIRS));
  const squares = usable.map(([s, t]) => lengthDelta(s, t, { ratio, variance: 1 }) ** 2).sort((a, b) => a - b);
  const trimmed = squares.slice(0, Math.max(3, Math.ceil(squares.length * (1 - TRIM))));
  const measuredVariance = trimmed.reduce((sum, x) => sum + x, 0) / trimmed.length / TRIMMED_CHI2_MEAN;
  const variance = (trimmed.length * measuredVariance + PRIOR_PAIRS * fallback.variance) / (trimmed.length + PRIOR_PAIRS);
  return { ratio, variance: Math.min(MAX_VARIANCE, Math.max(MIN_VARIANCE, variance)) };
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
  return lengthCostOfZ(Math.abs(lengthDelta(sourceChars, targetChars, model)) / Math.SQRT2);
}

/** The length cost for |δ|/√2 = z. */
export function lengthCostOfZ(z: number): number {
  const narrow = negLogErfc(z);
  if (z < 1) return narrow;
  // A mixture: most links follow the model, a few are free renderings (`Trân trọng./.` for
  // `Veuillez agréer, Madame, l’expression…`) whose lengths differ three times as much.
  const wide = negLogErfc(z / LOOSE_SPREAD);
  const a = -narrow + Math.log(1 - LOOSE_SHARE);
  const b = -wide + Math.log(LOOSE_SHARE);
  const top = Math.max(a, b);
  return -(top + Math.log(Math.exp(a - top) + Math.exp(b - top)));
}

/**
 * A cheap lower bound of lengthCostOfZ (no logarithm): -log erfc(z) ≥ z² for z ≥ 0.6, and the
 * mixture is at least its cheaper component's cost minus log 2. Lets the dynamic program drop
 * hopeless candidates without pricing them.
 */
export function lengthCostLowerBound(z: number): number {
  if (z < 1) return 0;
  const wide = z / LOOSE_SPREAD;
  return Math.min(z * z, (wide >= 0.6 ? wide * wide : 0) + LOOSE_COST) - Math.LN2;
}

/** Share of links that are free renderings, and how much wider their length spread is. */
const LOOSE_SHARE = 0.05;
const LOOSE_SPREAD = 3;
const LOOSE_COST = -Math.log(LOOSE_SHARE);

/**
 * -log erfc(z) for z ≥ 0, computed in log space (Numerical Recipes' erfcc, relative error
 * below 1.2e-7) so that very different lengths give a large finite cost instead of Infinity.
 */
export function negLogErfc(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return z * z - poly - Math.log(t);
}
