/** Walking through the changes of a comparison, as next/previous change does. */

/** The indices of the rows that differ between the two texts, in reading order. */
export function changedRowIndices(rows: readonly { readonly change: string }[]): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (row.change !== 'equal') out.push(i);
  });
  return out;
}

/**
 * The position of the change to show after one step in `direction`, among `total` changes;
 * from no current change, forward starts at the first and backward at the last; the ends wrap.
 */
export function stepChange(current: number | null, direction: 1 | -1, total: number): number | null {
  if (total === 0) return null;
  if (current === null) return direction === 1 ? 0 : total - 1;
  return (current + direction + total) % total;
}
