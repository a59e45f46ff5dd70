import type { PreparedDocument, PreparedSide } from './document.js';
import { regionsBetween, type Span } from './fixedLinks.js';
import { differsFrom, fitLengthModel } from './lengthCost.js';
import { alignRegion } from './region.js';
import { weighRelatedness } from './relatedness.js';
import type { Link } from './types.js';

/**
 * Aligns a prepared document around fixed links already checked with checkFixedLinks.
 * The first pass prices lengths with the ratio of the columns' totals; when the links it finds
 * measure a noticeably different ratio or spread (a long paragraph missing on one side skews
 * the totals), a second pass aligns again with the measured model, one step of EM.
 */
export function alignDocument(doc: PreparedDocument, fixed: readonly Link[]): Link[] {
  const first = alignOnce(doc, fixed);
  // Links between texts that do not translate each other measure nothing worth a second pass.
  const measured = looksLikeTranslation(first) ? withMeasuredLength(doc, first) : doc;
  const links = measured === doc ? first : alignOnce(measured, fixed);
  return weighRelatedness(measured, links, new Set(fixed));
}

/** Most links of a translation are one to one, even with paragraphs missing here and there. */
function looksLikeTranslation(links: readonly Link[]): boolean {
  let oneToOne = 0;
  for (const link of links) if (link.source.length === 1 && link.target.length === 1) oneToOne++;
  return oneToOne >= 0.7 * links.length;
}

/** The document with its length model measured on the given links (the same object when that changes little). */
export function withMeasuredLength(doc: PreparedDocument, links: readonly Link[]): PreparedDocument {
  const pairs: [number, number][] = [];
  for (const link of links) {
    if (link.source.length === 0 || link.target.length === 0) continue;
    pairs.push([countChars(doc.source, link.source), countChars(doc.target, link.target)]);
  }
  const length = fitLengthModel(pairs, doc.length);
  return differsFrom(length, doc.length) ? { ...doc, length } : doc;
}

function alignOnce(doc: PreparedDocument, fixed: readonly Link[]): Link[] {
  return alignSpan(doc, fixed, { s0: 0, s1: doc.source.paras.length, t0: 0, t1: doc.target.paras.length });
}

/** Aligns one span of the document around the fixed links inside it. */
export function alignSpan(doc: PreparedDocument, fixed: readonly Link[], span: Span): Link[] {
  const { regions, anchors } = regionsBetween(fixed, span);
  const links: Link[] = [];
  regions.forEach((region, k) => {
    links.push(...alignRegion(doc, region));
    const anchor = anchors[k];
    if (anchor) links.push(anchor);
  });
  return links;
}

function countChars(side: PreparedSide, indices: readonly number[]): number {
  let chars = 0;
  for (const i of indices) if (i >= 0 && i < side.features.length) chars += side.features[i]!.length;
  return chars;
}
