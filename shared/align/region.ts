import { fullBand, makeBand, type Band } from './band.js';
import type { PreparedDocument } from './document.js';
import { solveBand, keyStep, type ForcedSpan, type Solution, type Step } from './dp.js';
import { explainLink } from './evidence.js';
import { LinkCoster } from './linkCost.js';
import { buildPairTable } from './pairTable.js';
import { measureMargins, scoreFromMargin } from './score.js';
import type { Evidence, Link } from './types.js';

/** A stretch of both columns to align on its own: source [s0, s1) against target [t0, t1). */
export interface Region {
  readonly s0: number;
  readonly s1: number;
  readonly t0: number;
  readonly t1: number;
  /** One-sided fixed links inside the region, in global indices: kept as they are. */
  readonly forced: readonly Link[];
  /** Links the region had before, in global indices: re-drawing them is preferred. */
  readonly previous?: readonly Link[];
  /** Both ends of the region touch fixed links (or the document's ends). */
  readonly betweenFixed?: boolean;
}

// Up to this many cells the whole grid is cheap enough; beyond, a band around the diagonal.
const FULL_GRID_CELLS = 160_000;
/** Half-width of the first band: the length diagonal of a translation rarely strays further. */
const INITIAL_BAND_WIDTH = 64;
/**
 * The band is widened (doubled) while the best path runs along its edge, but never past this
 * many cells: two texts that do not translate each other always touch the edge, and without
 * a ceiling the band would grow to the whole grid (30,000² cells, minutes and gigabytes).
 */
const MAX_BAND_CELLS = 4_000_000;

/** Aligns one region and returns its links in reading order, forced links included unchanged. */
export function alignRegion(doc: PreparedDocument, region: Region): Link[] {
  const rows = region.s1 - region.s0;
  const columns = region.t1 - region.t0;
  const forced = region.forced.map((link) => toForcedSpan(link, region));
  const keep = region.previous && indexPreviousLinks(region.previous, columns);
  let width = chooseInitialWidth(rows, columns);
  for (;;) {
    const band = chooseBand(doc, region, rows, columns, width);
    const pairs = buildPairTable(doc, region.s0, region.t0, band);
    const coster = new LinkCoster(doc, region.s0, region.t0, pairs);
    const solution: Solution = solveBand(band, coster, forced, keep);
    const wider = width * 2;
    const stop = !solution.touchesEdge || width >= Math.max(rows, columns) || (2 * wider + 1) * (rows + 1) > MAX_BAND_CELLS;
    if (stop || !looksParallel(solution.steps)) {
      return toLinks(doc, region, solution.steps, measureMargins(solution.steps, coster, rows, columns));
    }
    width = wider;
  }
}

/**
 * A path through a translation is mostly one-to-one links even where paragraphs are missing;
 * a path through texts that do not translate each other is not, and a wider band would only
 * find another arrangement of noise: it is not widened.
 */
const MIN_ONE_TO_ONE_SHARE = 0.7;

function looksParallel(steps: readonly Step[]): boolean {
  let oneToOne = 0;
  for (const step of steps) if (step.a === 1 && step.b === 1) oneToOne++;
  return oneToOne >= MIN_ONE_TO_ONE_SHARE * steps.length;
}

function chooseInitialWidth(rows: number, columns: number): number {
  const longest = Math.max(rows, columns);
  if ((rows + 1) * (columns + 1) <= FULL_GRID_CELLS) return longest;
  // The band follows the length diagonal, which already bends around paragraphs missing on
  // one side; widened when the path says otherwise, up to MAX_BAND_CELLS.
  return INITIAL_BAND_WIDTH;
}

function chooseBand(doc: PreparedDocument, region: Region, rows: number, columns: number, width: number): Band {
  if (width >= Math.max(rows, columns)) return fullBand(rows, columns);
  const sourcePrefix = doc.source.charPrefix.subarray(region.s0, region.s1 + 1);
  const targetPrefix = doc.target.charPrefix.subarray(region.t0, region.t1 + 1);
  return makeBand(sourcePrefix, targetPrefix, rows, columns, width);
}

function toForcedSpan(link: Link, region: Region): ForcedSpan {
  return link.source.length > 0
    ? { side: 'source', start: link.source[0]! - region.s0, size: link.source.length }
    : { side: 'target', start: link.target[0]! - region.t0, size: link.target.length };
}

// Keys of the previous links as solver steps, local to the region (they cover it in order).
function indexPreviousLinks(previous: readonly Link[], columns: number): Set<number> {
  const keys = new Set<number>();
  let p = 0;
  let q = 0;
  for (const link of previous) {
    const a = link.source.length;
    const b = link.target.length;
    keys.add(keyStep(p, a, q, b, columns));
    p += a;
    q += b;
  }
  return keys;
}

function toLinks(doc: PreparedDocument, region: Region, steps: readonly Step[], margins: readonly number[]): Link[] {
  return steps.map((step, k): Link => {
    if (step.forced >= 0) return region.forced[step.forced]!;
    const source = listIndices(region.s0 + step.p, step.a);
    const target = listIndices(region.t0 + step.q, step.b);
    const evidence: Evidence[] = explainLink(doc, source, target);
    if (region.betweenFixed && steps.length === 1 && step.a > 0 && step.b > 0) {
      evidence.push({ kind: 'fixed', detail: 'the only paragraphs left between two fixed links' });
    }
    return { source, target, score: roundScore(scoreFromMargin(margins[k]!)), evidence };
  });
}

function listIndices(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => start + k);
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
