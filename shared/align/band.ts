/**
 * The cells of the alignment grid the dynamic program visits: for each source prefix i, the
 * target prefixes j in [lo[i], hi[i]]. A translation stays close to the diagonal drawn by
 * cumulative lengths, so a band around it holds the answer at a fraction of the cost of the
 * full grid; the caller widens it when the best path runs along its edge.
 */
export interface Band {
  readonly rows: number;
  readonly columns: number;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** offset[i] + (j - lo[i]) is the cell's index in flat arrays. */
  readonly offset: Int32Array;
  readonly size: number;
}

/** A band of half-width `width` around the length diagonal of a (rows × columns) grid. */
export function makeBand(sourcePrefix: ArrayLike<number>, targetPrefix: ArrayLike<number>, rows: number, columns: number, width: number): Band {
  const lo = new Int32Array(rows + 1);
  const hi = new Int32Array(rows + 1);
  let j = 0;
  for (let i = 0; i <= rows; i++) {
    const centre = findDiagonal(sourcePrefix, targetPrefix, rows, columns, i, j);
    j = centre;
    lo[i] = Math.max(0, centre - width);
    hi[i] = Math.min(columns, centre + width);
  }
  lo[0] = 0;
  hi[rows] = columns;
  connectRows(lo, hi, rows);
  return addOffsets(rows, columns, lo, hi);
}

/** Every cell of the grid. */
export function fullBand(rows: number, columns: number): Band {
  return addOffsets(rows, columns, new Int32Array(rows + 1), new Int32Array(rows + 1).fill(columns));
}

/** Index of cell (i, j) in the band's flat arrays, or -1 when outside. */
export function findCell(band: Band, i: number, j: number): number {
  if (i < 0 || i > band.rows) return -1;
  const lo = band.lo[i]!;
  if (j < lo || j > band.hi[i]!) return -1;
  return band.offset[i]! + j - lo;
}

/** True when (i, j) lies on an edge the band's width drew, not on the grid's own edge. */
export function isOnClippedEdge(band: Band, i: number, j: number): boolean {
  return (j === band.lo[i] && j > 0) || (j === band.hi[i] && j < band.columns);
}

function findDiagonal(sourcePrefix: ArrayLike<number>, targetPrefix: ArrayLike<number>, rows: number, columns: number, i: number, from: number): number {
  const sourceTotal = sourcePrefix[rows]! - sourcePrefix[0]!;
  const targetTotal = targetPrefix[columns]! - targetPrefix[0]!;
  // Without text (or with one empty side) fall back to the diagonal by paragraph count.
  if (sourceTotal <= 0 || targetTotal <= 0) return rows === 0 ? columns : Math.round((i * columns) / rows);
  const fraction = (sourcePrefix[i]! - sourcePrefix[0]!) / sourceTotal;
  let j = from;
  while (j < columns && (targetPrefix[j + 1]! - targetPrefix[0]!) / targetTotal <= fraction) j++;
  return j;
}

// Each row must reach into the next one, or no path could go down from it.
function connectRows(lo: Int32Array, hi: Int32Array, rows: number): void {
  for (let i = 1; i <= rows; i++) {
    if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!;
    if (hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!;
  }
  for (let i = 1; i <= rows; i++) if (hi[i - 1]! < lo[i]!) hi[i - 1] = lo[i]!;
}

function addOffsets(rows: number, columns: number, lo: Int32Array, hi: Int32Array): Band {
  const offset = new Int32Array(rows + 1);
  let size = 0;
  for (let i = 0; i <= rows; i++) {
    offset[i] = size;
    size += hi[i]! - lo[i]! + 1;
  }
  return { rows, columns, lo, hi, offset, size };
}
