import { fail, ok, type Result } from '../model/result.js';
import type { Region } from './region.js';
import type { Link } from './types.js';

/**
 * Fixed links (confirmed by a person, or drawn by hand) are never moved. Links with both
 * sides cut the document into independent regions; one-sided ones ("this paragraph has no
 * counterpart") stay inside their region as forced steps.
 */

/** Checks that fixed links name real paragraphs, each at most once, and do not cross. */
export function checkFixedLinks(fixed: readonly Link[], sourceCount: number, targetCount: number): Result<readonly Link[]> {
  const sourceOwner = new Int32Array(sourceCount).fill(-1);
  const targetOwner = new Int32Array(targetCount).fill(-1);
  for (const [index, link] of fixed.entries()) {
    const problem = checkSide(link.source, sourceCount, sourceOwner, index, 'source') ?? checkSide(link.target, targetCount, targetOwner, index, 'target');
    if (problem) return fail(`fixed link ${index}: ${problem}`);
    if (link.source.length === 0 && link.target.length === 0) return fail(`fixed link ${index}: both sides are empty`);
  }
  const twoSided = fixed.filter((l) => l.source.length > 0 && l.target.length > 0).sort((x, y) => x.source[0]! - y.source[0]!);
  for (let k = 1; k < twoSided.length; k++) {
    if (twoSided[k]!.target[0]! < twoSided[k - 1]!.target[0]!) return fail('fixed links cross each other');
  }
  return ok(fixed);
}

/** A stretch of both columns: source [s0, s1) against target [t0, t1). */
export interface Span {
  readonly s0: number;
  readonly s1: number;
  readonly t0: number;
  readonly t1: number;
}

/** Splits a span of the document into the regions between the two-sided fixed links inside it. */
export function regionsBetween(fixed: readonly Link[], span: Span): { regions: Region[]; anchors: Link[] } {
  const anchors = fixed.filter((l) => l.source.length > 0 && l.target.length > 0).sort((x, y) => x.source[0]! - y.source[0]!);
  const oneSided = fixed.filter((l) => l.source.length === 0 || l.target.length === 0);
  const regions: Region[] = [];
  let s = span.s0;
  let t = span.t0;
  for (let k = 0; k <= anchors.length; k++) {
    const anchor = anchors[k];
    const s1 = anchor ? anchor.source[0]! : span.s1;
    const t1 = anchor ? anchor.target[0]! : span.t1;
    const forced = oneSided.filter((l) => (l.source.length > 0 ? within(l.source, s, s1) : within(l.target, t, t1)));
    regions.push({ s0: s, s1, t0: t, t1, forced, betweenFixed: fixed.length > 0 });
    if (anchor) {
      s = anchor.source[anchor.source.length - 1]! + 1;
      t = anchor.target[anchor.target.length - 1]! + 1;
    }
  }
  return { regions, anchors };
}

function checkSide(indices: readonly number[], count: number, owner: Int32Array, index: number, side: string): string | undefined {
  for (const [k, i] of indices.entries()) {
    if (!Number.isInteger(i) || i < 0 || i >= count) return `${side} index ${i} is outside the document`;
    if (k > 0 && i !== indices[k - 1]! + 1) return `${side} indices are not consecutive`;
    if (owner[i]! >= 0) return `${side} paragraph ${i} is also in fixed link ${owner[i]}`;
    owner[i] = index;
  }
  return undefined;
}

function within(indices: readonly number[], start: number, end: number): boolean {
  return indices[0]! >= start && indices[0]! < end;
}
