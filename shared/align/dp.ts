import { findCell, isOnClippedEdge, type Band } from './band.js';
import type { LinkCoster } from './linkCost.js';

/** One link of the best path: source [p, p+a) against target [q, q+b), local to the region. */
export interface Step {
  readonly p: number;
  readonly a: number;
  readonly q: number;
  readonly b: number;
  /** Index into the forced links when the step is one of them. */
  readonly forced: number;
}

/** A one-sided link the path must take as it is (a confirmed "no counterpart"). */
export interface ForcedSpan {
  readonly side: 'source' | 'target';
  readonly start: number;
  readonly size: number;
}

export interface Solution {
  readonly steps: Step[];
  /** True when the path ran along the band's edge: a wider band might find a better one. */
  readonly touchesEdge: boolean;
}

/** Link shapes tried at every cell (source count, target count), 1:1 first so that ties go to the plainest reading. */
const SHAPE_SOURCE = Int32Array.of(1, 1, 0, 2, 1, 2, 3, 1);
const SHAPE_TARGET = Int32Array.of(1, 0, 1, 1, 2, 2, 1, 3);

/** Bonus for re-drawing a link that was there before: small edits must not re-wire rows. */
export const KEEP_LINK_BONUS = 1.5;

/** Keys previous links so the solver can recognise them in O(1). */
export function keyStep(p: number, a: number, q: number, b: number, columns: number): number {
  return ((p * 4 + a) * (columns + 1) + q) * 4 + b;
}

/**
 * Finds the cheapest sequence of links from (0, 0) to (rows, columns) inside the band
 * (Gale & Church's dynamic program). Forced spans are the only way across their paragraphs.
 */
export function solveBand(band: Band, coster: LinkCoster, forced: readonly ForcedSpan[], keep: ReadonlySet<number> | undefined): Solution {
  const { rows, columns } = band;
  const lockedSource = findNextLocked(rows, forced, 'source');
  const lockedTarget = findNextLocked(columns, forced, 'target');
  const forcedEndingSource = indexForcedEndings(rows, forced, 'source');
  const forcedEndingTarget = indexForcedEndings(columns, forced, 'target');
  const cost = new Float64Array(band.size).fill(Infinity);
  const back = new Int32Array(band.size);
  cost[0] = 0;
  for (let i = 0; i <= rows; i++) {
    const lo = band.lo[i]!;
    const hi = band.hi[i]!;
    for (let j = lo; j <= hi; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let choice = 0;
      for (let s = 0; s < SHAPE_SOURCE.length; s++) {
        const a = SHAPE_SOURCE[s]!;
        const b = SHAPE_TARGET[s]!;
        if (a > i || b > j) continue;
        // Paragraphs of a forced span can only be crossed by that span.
        if (a > 0 && lockedSource[i - a]! < i) continue;
        if (b > 0 && lockedTarget[j - b]! < j) continue;
        const from = findCell(band, i - a, j - b);
        if (from < 0) continue;
        const before = cost[from]!;
        if (before === Infinity) continue;
        const kept = keep?.has(keyStep(i - a, a, j - b, b, columns));
        const limit = best - before + (kept ? KEEP_LINK_BONUS : 0);
        let total = before + coster.costBelow(i - a, a, j - b, b, limit);
        if (kept) total -= KEEP_LINK_BONUS;
        if (total < best) {
          best = total;
          choice = s;
        }
      }
      const forcedSource = forcedEndingSource[i]!;
      if (forcedSource >= 0) {
        const from = findCell(band, i - forced[forcedSource]!.size, j);
        if (from >= 0 && cost[from]! < best) {
          best = cost[from]!;
          choice = -1 - forcedSource;
        }
      }
      const forcedTarget = forcedEndingTarget[j]!;
      if (forcedTarget >= 0) {
        const from = findCell(band, i, j - forced[forcedTarget]!.size);
        if (from >= 0 && cost[from]! < best) {
          best = cost[from]!;
          choice = -1 - forcedTarget;
        }
      }
      const at = band.offset[i]! + j - lo;
      cost[at] = best;
      back[at] = choice;
    }
  }
  return traceBack(band, back, cost, forced);
}

function traceBack(band: Band, back: Int32Array, cost: Float64Array, forced: readonly ForcedSpan[]): Solution {
  const steps: Step[] = [];
  let touchesEdge = false;
  let i = band.rows;
  let j = band.columns;
  if (cost[findCell(band, i, j)]! === Infinity) throw new Error('alignment grid has no path: band is not connected');
  while (i > 0 || j > 0) {
    if (isOnClippedEdge(band, i, j)) touchesEdge = true;
    const choice = back[findCell(band, i, j)]!;
    let a: number;
    let b: number;
    if (choice < 0) {
      const span = forced[-1 - choice]!;
      a = span.side === 'source' ? span.size : 0;
      b = span.side === 'target' ? span.size : 0;
    } else {
      a = SHAPE_SOURCE[choice]!;
      b = SHAPE_TARGET[choice]!;
    }
    i -= a;
    j -= b;
    steps.push({ p: i, a, q: j, b, forced: choice < 0 ? -1 - choice : -1 });
  }
  steps.reverse();
  return { steps, touchesEdge };
}

function findNextLocked(length: number, forced: readonly ForcedSpan[], side: ForcedSpan['side']): Int32Array {
  const locked = new Uint8Array(length);
  for (const span of forced) if (span.side === side) locked.fill(1, span.start, span.start + span.size);
  const next = new Int32Array(length + 1);
  next[length] = length;
  for (let k = length - 1; k >= 0; k--) next[k] = locked[k] ? k : next[k + 1]!;
  return next;
}

function indexForcedEndings(length: number, forced: readonly ForcedSpan[], side: ForcedSpan['side']): Int32Array {
  const endings = new Int32Array(length + 1).fill(-1);
  forced.forEach((span, index) => {
    if (span.side === side) endings[span.start + span.size] = index;
  });
  return endings;
}
