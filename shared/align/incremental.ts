import { alignDocument, alignSpan, withMeasuredLength } from './alignDocument.js';
import { prepareDocument, type PreparedDocument } from './document.js';
import { checkFixedLinks, type Span } from './fixedLinks.js';
import { alignRegion } from './region.js';
import type { AlignInput, Link } from './types.js';

/**
 * Incremental re-alignment: after an edit only a window of links around the changed
 * paragraphs is aligned again, and inside it the links that were there before are preferred
 * (dp.ts KEEP_LINK_BONUS). Every other link is returned as the very same object, so fixing a
 * typo never re-wires rows elsewhere and costs a window, not a document.
 */

/** Links on each side of a changed link that are re-aligned with it. */
export const WINDOW_MARGIN = 2;

/**
 * Re-aligns the links around edited paragraphs when the paragraphs themselves stayed in place
 * (same count on each side; `changedSource`/`changedTarget` are indices whose text changed).
 * Falls back to a full alignment when `previous` does not cover `input` exactly.
 */
export function realignAround(previous: readonly Link[], input: AlignInput, changedSource: readonly number[], changedTarget: readonly number[]): Link[] {
  const fixed = checkedFixed(input);
  const doc = prepareDocument(input);
  if (!coversExactly(previous, input.source.length, input.target.length)) return alignDocument(doc, fixed);
  const dirty = markDirtyLinks(previous, changedSource, changedTarget, input.source.length, input.target.length);
  markUnkeptFixed(previous, fixed, dirty);
  // The previous links measure the length model as the full alignment's second pass did.
  return realignWindows(withMeasuredLength(doc, previous), previous, dirty, fixed);
}

/**
 * Re-aligns after any edit, paragraphs inserted, deleted, split, merged or moved included:
 * paragraphs are followed by id from `before` to `after`, links whose paragraphs all survive
 * (still consecutive and in order) are kept, with their indices renumbered, and the rest is
 * aligned again in windows around the changes.
 */
export function realignAfterEdit(previous: readonly Link[], before: AlignInput, after: AlignInput): Link[] {
  const fixed = checkedFixed(after);
  const doc = prepareDocument(after);
  const sourceMap = indexById(before.source, after.source);
  const targetMap = indexById(before.target, after.target);
  if (!sourceMap || !targetMap || !coversExactly(previous, before.source.length, before.target.length)) return alignDocument(doc, fixed);
  const kept = keepSurvivingLinks(previous, sourceMap, targetMap);
  const { links, dirty } = coverWithGaps(kept, after.source.length, after.target.length);
  const changedSource = findChangedParagraphs(before.source, after.source);
  const changedTarget = findChangedParagraphs(before.target, after.target);
  const edited = markDirtyLinks(links, changedSource, changedTarget, after.source.length, after.target.length);
  edited.forEach((isDirty, k) => (dirty[k] ||= isDirty));
  markUnkeptFixed(links, fixed, dirty);
  return realignWindows(withMeasuredLength(doc, links), links, dirty, fixed);
}

function checkedFixed(input: AlignInput): readonly Link[] {
  const fixed = input.fixed ?? [];
  const checked = checkFixedLinks(fixed, input.source.length, input.target.length);
  if (!checked.ok) throw new RangeError(checked.reason);
  return fixed;
}

/** True when the links hold every paragraph exactly once, consecutively, in reading order. */
export function coversExactly(links: readonly Link[], sourceCount: number, targetCount: number): boolean {
  let s = 0;
  let t = 0;
  for (const link of links) {
    for (const i of link.source) if (i !== s++) return false;
    for (const j of link.target) if (j !== t++) return false;
    if (link.source.length === 0 && link.target.length === 0) return false;
  }
  return s === sourceCount && t === targetCount;
}

function markDirtyLinks(
  links: readonly Link[],
  changedSource: readonly number[],
  changedTarget: readonly number[],
  sourceCount: number,
  targetCount: number,
): boolean[] {
  const dirty = links.map(() => false);
  const sourceOwner = mapOwners(links, sourceCount, 'source');
  const targetOwner = mapOwners(links, targetCount, 'target');
  for (const i of changedSource) if (i >= 0 && i < sourceCount) dirty[sourceOwner[i]!] = true;
  for (const j of changedTarget) if (j >= 0 && j < targetCount) dirty[targetOwner[j]!] = true;
  return dirty;
}

function mapOwners(links: readonly Link[], count: number, side: 'source' | 'target'): Int32Array {
  const owner = new Int32Array(count);
  links.forEach((link, k) => {
    for (const i of link[side]) owner[i] = k;
  });
  return owner;
}

// A fixed link the previous alignment did not have yet (just confirmed, or drawn by hand)
// re-wires the links it overlaps.
function markUnkeptFixed(links: readonly Link[], fixed: readonly Link[], dirty: boolean[]): void {
  if (fixed.length === 0) return;
  const present = new Set(links.map(signLink));
  const sourceOwner = mapOwners(
    links,
    links.reduce((n, l) => n + l.source.length, 0),
    'source',
  );
  const targetOwner = mapOwners(
    links,
    links.reduce((n, l) => n + l.target.length, 0),
    'target',
  );
  for (const link of fixed) {
    if (present.has(signLink(link))) continue;
    const owners = [...link.source.map((i) => sourceOwner[i]!), ...link.target.map((j) => targetOwner[j]!)];
    // Everything between the links it takes paragraphs from, or the windows would cut it in two.
    for (let k = Math.min(...owners); k <= Math.max(...owners); k++) dirty[k] = true;
  }
}

function signLink(link: Link): string {
  return `${link.source.join(',')}|${link.target.join(',')}`;
}

/**
 * Aligns again the windows of links around dirty ones. Two-sided fixed links are never part of
 * a window: they split it, and come back unchanged; one-sided ones inside a window are forced.
 */
function realignWindows(doc: PreparedDocument, links: readonly Link[], dirty: readonly boolean[], fixed: readonly Link[]): Link[] {
  const fixedBySignature = new Map(fixed.map((f) => [signLink(f), f]));
  const fixedAt = links.map((l) => fixedBySignature.get(signLink(l)));
  const splits = fixedAt.map((f) => f !== undefined && f.source.length > 0 && f.target.length > 0);
  const inWindow = widenWindows(dirty, WINDOW_MARGIN);
  const result: Link[] = [];
  let s = 0;
  let t = 0;
  for (let k = 0; k < links.length; ) {
    const link = links[k]!;
    if (!inWindow[k] || splits[k]) {
      result.push(fixedAt[k] ?? link);
      s += link.source.length;
      t += link.target.length;
      k++;
      continue;
    }
    const start = k;
    const s0 = s;
    const t0 = t;
    while (k < links.length && inWindow[k] && !splits[k]) {
      s += links[k]!.source.length;
      t += links[k]!.target.length;
      k++;
    }
    result.push(...realignSegment(doc, links.slice(start, k), { s0, s1: s, t0, t1: t }, fixed));
  }
  return result;
}

function realignSegment(doc: PreparedDocument, previous: readonly Link[], span: Span, fixed: readonly Link[]): Link[] {
  const inside = fixed.filter((l) => overlaps(l.source, span.s0, span.s1) || overlaps(l.target, span.t0, span.t1));
  const oneSided = inside.every((l) => l.source.length === 0 || l.target.length === 0);
  if (oneSided) return alignRegion(doc, { ...span, forced: inside, previous });
  // A two-sided fixed link new to this window: align the window around it, like a small document.
  return alignSpan(doc, inside, span);
}

function overlaps(indices: readonly number[], start: number, end: number): boolean {
  return indices.some((i) => i >= start && i < end);
}

function widenWindows(dirty: readonly boolean[], margin: number): boolean[] {
  const inWindow = dirty.map(() => false);
  dirty.forEach((isDirty, k) => {
    if (!isDirty) return;
    for (let w = Math.max(0, k - margin); w <= Math.min(dirty.length - 1, k + margin); w++) inWindow[w] = true;
  });
  return inWindow;
}

/** Where each paragraph of `before` is in `after` (-1 when deleted); undefined when ids repeat. */
function indexById(before: readonly { id: string }[], after: readonly { id: string }[]): Int32Array | undefined {
  const index = new Map<string, number>();
  for (const [k, p] of after.entries()) {
    if (index.has(p.id)) return undefined;
    index.set(p.id, k);
  }
  if (new Set(before.map((p) => p.id)).size !== before.length) return undefined;
  return Int32Array.from(before, (p) => index.get(p.id) ?? -1);
}

function findChangedParagraphs(before: readonly { id: string; text: string }[], after: readonly { id: string; text: string }[]): number[] {
  const textBefore = new Map(before.map((p) => [p.id, p.text]));
  const changed: number[] = [];
  after.forEach((p, k) => {
    if (textBefore.get(p.id) !== p.text) changed.push(k);
  });
  return changed;
}

function keepSurvivingLinks(previous: readonly Link[], sourceMap: Int32Array, targetMap: Int32Array): Link[] {
  const kept: Link[] = [];
  let lastSource = -1;
  let lastTarget = -1;
  for (const link of previous) {
    const source = link.source.map((i) => sourceMap[i]!);
    const target = link.target.map((j) => targetMap[j]!);
    if (!isRun(source) || !isRun(target)) continue;
    // A moved paragraph would make the kept links cross: such a link is aligned again.
    if ((source.length > 0 && source[0]! <= lastSource) || (target.length > 0 && target[0]! <= lastTarget)) continue;
    if (source.length > 0) lastSource = source[source.length - 1]!;
    if (target.length > 0) lastTarget = target[target.length - 1]!;
    const same = source.every((i, k) => i === link.source[k]) && target.every((j, k) => j === link.target[k]);
    kept.push(same ? link : { ...link, source, target });
  }
  return kept;
}

function isRun(indices: readonly number[]): boolean {
  return indices.every((i, k) => i >= 0 && (k === 0 || i === indices[k - 1]! + 1));
}

/** Puts the paragraphs no kept link holds into one-sided links, in order, and marks those dirty. */
function coverWithGaps(kept: readonly Link[], sourceCount: number, targetCount: number): { links: Link[]; dirty: boolean[] } {
  const links: Link[] = [];
  const dirty: boolean[] = [];
  let s = 0;
  let t = 0;
  const fillTo = (sEnd: number, tEnd: number): void => {
    for (; s < sEnd; s++) {
      links.push({ source: [s], target: [], score: 0, evidence: [] });
      dirty.push(true);
    }
    for (; t < tEnd; t++) {
      links.push({ source: [], target: [t], score: 0, evidence: [] });
      dirty.push(true);
    }
  };
  for (const link of kept) {
    fillTo(link.source[0] ?? s, link.target[0] ?? t);
    links.push(link);
    dirty.push(false);
    s += link.source.length;
    t += link.target.length;
  }
  fillTo(sourceCount, targetCount);
  return { links, dirty };
}
