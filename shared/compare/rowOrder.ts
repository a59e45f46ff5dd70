import type { RowPair } from './rowMatching.js';

/** One line of the comparison: a row of either version or of both, by index. */
export interface RowSlot {
  readonly from: number | null;
  readonly to: number | null;
  /** A matched row whose place relative to the other matched rows changed. */
  readonly moved: boolean;
}

/**
 * Lays the rows of both versions out in reading order of the newer one. A matched pair off the
 * longest increasing run of old positions has moved; a removed row goes back where it stood:
 * right after the newer row matched to the nearest older row before it that did not move.
 */
export function arrangeRows(pairs: readonly RowPair[], fromCount: number, toCount: number): RowSlot[] {
  const byTo = [...pairs].sort((a, b) => a.to - b.to);
  const inPlace = longestIncreasingRun(byTo.map((pair) => pair.from));
  const slotOfTo = new Map<number, RowSlot>();
  const anchorOfFrom = new Map<number, number>();
  byTo.forEach((pair, k) => {
    const moved = !inPlace.has(k);
    slotOfTo.set(pair.to, { from: pair.from, to: pair.to, moved });
    if (!moved) anchorOfFrom.set(pair.from, pair.to);
  });
  const removedAfter = placeRemovedRows(pairs, fromCount, anchorOfFrom);
  const slots: RowSlot[] = [...(removedAfter.get(-1) ?? [])];
  for (let j = 0; j < toCount; j++) {
    slots.push(slotOfTo.get(j) ?? { from: null, to: j, moved: false });
    slots.push(...(removedAfter.get(j) ?? []));
  }
  return slots;
}

/** Groups removed rows by the newer row they follow (-1: before the first row), in old order. */
function placeRemovedRows(pairs: readonly RowPair[], fromCount: number, anchorOfFrom: ReadonlyMap<number, number>): Map<number, RowSlot[]> {
  const matched = new Set(pairs.map((pair) => pair.from));
  const removedAfter = new Map<number, RowSlot[]>();
  let anchor = -1;
  for (let i = 0; i < fromCount; i++) {
    const to = anchorOfFrom.get(i);
    if (to !== undefined) anchor = to;
    if (matched.has(i)) continue;
    const group = removedAfter.get(anchor) ?? [];
    group.push({ from: i, to: null, moved: false });
    removedAfter.set(anchor, group);
  }
  return removedAfter;
}

/** Positions (into `values`) of one longest strictly increasing subsequence, O(n log n). */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[len] = position of the smallest last value of a run of length len + 1
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, k) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]!]! < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[k] = tails[low - 1]!;
    tails[low] = k;
  });
  const run = new Set<number>();
  for (let k = tails.at(-1) ?? -1; k >= 0; k = previous[k]!) run.add(k);
  return run;
}
