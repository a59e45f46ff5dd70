import type { PreparedDocument, PreparedSide } from './document.js';
import type { ParagraphFeatures } from './features.js';
import { lengthCostLowerBound, lengthCostOfZ, lengthDelta, type LengthModel } from './lengthCost.js';
import { findPair, SAME_NUMBER, SOURCE_LABEL_IN_TARGET, TARGET_LABEL_IN_SOURCE, type PairTable } from './pairTable.js';

/**
 * The cost of a candidate link, in nats (-log probability, lower is better): Gale & Church's
 * prior on the link's shape plus its length cost, adjusted by numbering, anchors and lead-ins.
 * Every weight is one named constant so the balance between kinds of evidence can be read.
 */

/**
 * -log of how often each shape occurs. Gale & Church counted sentences of finished
 * translations (89% 1:1, 1% 1:0 or 0:1); paragraphs of drafts under way lose and gain whole
 * paragraphs far more often, so a paragraph without counterpart costs no more than a merge:
 * a paragraph is joined to its neighbour's link only when the lengths or other evidence say so.
 */
export const SHAPE_COST: Readonly<Record<string, number>> = {
  '1:1': -Math.log(0.85),
  '1:0': -Math.log(0.03),
  '0:1': -Math.log(0.03),
  '2:1': -Math.log(0.03),
  '1:2': -Math.log(0.03),
  '2:2': -Math.log(0.01),
  '3:1': -Math.log(0.005),
  '1:3': -Math.log(0.005),
};
/** Cost of leaving one paragraph without counterpart. */
export const UNMATCHED_COST = SHAPE_COST['1:0']!;
/** Same number on both sides: nearly proof. */
export const SAME_NUMBER_BONUS = 4;
/**
 * Different numbers: strong counter-evidence, yet less than two unmatched paragraphs (7 nats),
 * so that a draft renumbered on one side only still aligns by its text and lengths.
 */
export const DIFFERENT_NUMBER_COST = 4;
/** One side numbered, the other not: translators rarely drop a number. */
export const ONE_SIDED_NUMBER_COST = 0.5;
/** A numbered paragraph inside a group whose other side shows no trace of that number. */
export const LOST_NUMBER_COST = 3;
/** Per unit of shared anchor weight (a token unique on both sides weighs its kind's weight). */
export const SHARED_ANCHOR_BONUS = 1.5;
/**
 * At most this many nats from lexicon concepts (lexicon.ts) per link, at SHARED_ANCHOR_BONUS per
 * unit: enough to choose between two short lines the lengths find alike, never enough to pull
 * a neighbour into a group because it shares more vocabulary (long paragraphs reach the cap
 * alone, so grouping gains nothing).
 */
export const MAX_LEXICAL_BONUS = 1.5;
/**
 * How surely a translation renders a lexicon concept with one of the lexicon's words (it lacks
 * synonyms; words get left out), and at most this many nats per link for the concepts one side
 * has and the other lacks: `Les collectivités vietnamiennes et françaises` is not part of `Làm
 * tại Hà Nội, ngày…`, which has none of its concepts, however well the lengths of the group fit.
 * Capped low: a paragraph replaced by another text must still read as unsure, not as surely alone.
 */
export const LEXICAL_CARRIED = 0.5;
export const MAX_LEXICAL_MISSING = 0.5;
/** Per unit of number or date weight found on one side only. */
export const MISSING_ANCHOR_COST = 0.3;
/**
 * Per unit of date, address or link weight on one side when the other side has none at all, on
 * top of MISSING_ANCHOR_COST: 1.8 nats in all for a date found once, enough to tell which of two
 * neighbours a date belongs to.
 */
export const LONE_VERBATIM_COST = 0.6;
/** A heading grouped with body text on one side (headings keep lines of their own; lead-ins are not body text). */
export const HEADING_IN_GROUP_COST = 2;
/** A lead-in heading a group it introduces. */
export const LEAD_IN_BONUS = 2;

/** Shape costs indexed by [source count][target count]. */
const SHAPES: readonly (readonly (number | undefined)[])[] = [
  [undefined, SHAPE_COST['0:1']],
  [SHAPE_COST['1:0'], SHAPE_COST['1:1'], SHAPE_COST['1:2'], SHAPE_COST['1:3']],
  [undefined, SHAPE_COST['2:1'], SHAPE_COST['2:2']],
  [undefined, SHAPE_COST['3:1']],
];

/** Prices links between paragraphs of one region; indices are local to the region. */
export class LinkCoster {
  private readonly source: PreparedSide;
  private readonly target: PreparedSide;
  private readonly length: LengthModel;
  private readonly tokenWeight: Float64Array;
  private readonly tokenExpected: Float64Array;
  private readonly tokenLexical: Uint8Array;

  constructor(
    doc: PreparedDocument,
    private readonly s0: number,
    private readonly t0: number,
    private readonly pairs: PairTable,
  ) {
    this.source = doc.source;
    this.target = doc.target;
    this.length = doc.length;
    this.tokenWeight = doc.tokenWeight;
    this.tokenExpected = doc.tokenExpected;
    this.tokenLexical = doc.tokenLexical;
  }

  /** Cost of linking source [p, p+a) with target [q, q+b). */
  cost(p: number, a: number, q: number, b: number): number {
    return this.costBelow(p, a, q, b, Infinity);
  }

  /**
   * The same cost, or Infinity as soon as it is sure not to be below `limit`: the shape and
   * length costs plus the largest bonus the evidence could give already decide most
   * candidates, so the dynamic program skips reading numbering and anchors for them.
   */
  costBelow(p: number, a: number, q: number, b: number, limit: number): number {
    const shape = SHAPES[a]?.[b];
    if (shape === undefined) return Infinity;
    if (a === 0 || b === 0) return shape;
    if (a === 2 && b === 2 && this.pairsStandAlone(p, q)) return Infinity;
    const sp = this.s0 + p;
    const tq = this.t0 + q;
    const sourceChars = this.source.charPrefix[sp + a]! - this.source.charPrefix[sp]!;
    const targetChars = this.target.charPrefix[tq + b]! - this.target.charPrefix[tq]!;
    const z = Math.abs(lengthDelta(sourceChars, targetChars, this.length)) / Math.SQRT2;
    let cost = shape + this.headingCost(sp, a) + this.headingCost(tq, b, true);
    const first = findPair(this.pairs, p, q);
    const flags = first < 0 ? 0 : this.pairs.flags[first]!;
    const leadIn = this.leadInBonus(sp, a, tq, b);
    const sourceAll = this.source.anchorPrefix[sp + a]! - this.source.anchorPrefix[sp]!;
    const targetAll = this.target.anchorPrefix[tq + b]! - this.target.anchorPrefix[tq]!;
    const sourceLexical = this.source.lexicalPrefix[sp + a]! - this.source.lexicalPrefix[sp]!;
    const targetLexical = this.target.lexicalPrefix[tq + b]! - this.target.lexicalPrefix[tq]!;
    // Most paragraphs hold some concept: for a 1:1 the table's own figure keeps the bound tight.
    const lexicalShared = a === 1 && b === 1 ? (first < 0 ? 0 : this.pairs.lexical[first]!) : Math.min(sourceLexical, targetLexical);
    const lexicalBest = Math.min(MAX_LEXICAL_BONUS, SHARED_ANCHOR_BONUS * lexicalShared);
    const bestBonus = (flags & SAME_NUMBER ? SAME_NUMBER_BONUS : 0) + leadIn + SHARED_ANCHOR_BONUS * Math.min(sourceAll, targetAll) + lexicalBest;
    if (cost + lengthCostLowerBound(z) - bestBonus >= limit) return Infinity;
    cost += lengthCostOfZ(z);
    if (cost - bestBonus >= limit) return Infinity;
    cost += this.numberingCost(p, a, q, b, flags);
    cost += this.anchorCost(p, a, q, b, sourceAll, targetAll, sourceLexical, targetLexical);
    return cost - leadIn;
  }

  /**
   * A 2:2 link is two paragraphs cut at different places on each side; when both diagonal
   * pairs are each a better link than leaving their paragraphs apart, they are two 1:1 links.
   */
  private pairsStandAlone(p: number, q: number): boolean {
    const alone = 2 * UNMATCHED_COST;
    return this.costBelow(p, 1, q, 1, alone) < alone && this.costBelow(p + 1, 1, q + 1, 1, alone) < alone;
  }

  // A lead-in (`Madame,`) is not body text: it is the kind of short line one translation runs
  // into a neighbour, a heading included (`Objet : … 拝啓` in a merged paste).
  private headingCost(start: number, count: number, target = false): number {
    if (count < 2) return 0;
    const side = target ? this.target : this.source;
    const headings = side.headingPrefix[start + count]! - side.headingPrefix[start]!;
    if (headings === 0) return 0;
    let body = count - headings;
    for (let k = start; k < start + count; k++) if (side.leadIn[k] === 1 && !side.features[k]!.heading) body--;
    return body > 0 ? HEADING_IN_GROUP_COST : 0;
  }

  // Only a lead-in without counterpart: two lead-ins heading both sides are each other's.
  private leadInBonus(sp: number, a: number, tq: number, b: number): number {
    const sourceLeads = this.source.leadIn[sp] === 1;
    const targetLeads = this.target.leadIn[tq] === 1;
    if (a > 1 && sourceLeads && !targetLeads) return leavesTrace(this.source.features[sp]!, this.target, tq, b) ? LEAD_IN_BONUS : 0;
    if (b > 1 && targetLeads && !sourceLeads) return leavesTrace(this.target.features[tq]!, this.source, sp, a) ? LEAD_IN_BONUS : 0;
    return 0;
  }

  private numberingCost(p: number, a: number, q: number, b: number, flags: number): number {
    const sourceNumbered = this.source.numbered[this.s0 + p] === 1;
    const targetNumbered = this.target.numbered[this.t0 + q] === 1;
    let cost = 0;
    if (flags & SAME_NUMBER) cost -= SAME_NUMBER_BONUS;
    else if (sourceNumbered && targetNumbered) cost += DIFFERENT_NUMBER_COST;
    else if (sourceNumbered !== targetNumbered) cost += ONE_SIDED_NUMBER_COST;
    // Later members of a group keep their numbers only if the other side shows them somewhere.
    for (let x = 1; x < a; x++) {
      if (this.source.numbered[this.s0 + p + x] === 1 && !this.anyPairFlag(p + x, 1, q, b, SOURCE_LABEL_IN_TARGET)) cost += LOST_NUMBER_COST;
    }
    for (let y = 1; y < b; y++) {
      if (this.target.numbered[this.t0 + q + y] === 1 && !this.anyPairFlag(p, a, q + y, 1, TARGET_LABEL_IN_SOURCE)) cost += LOST_NUMBER_COST;
    }
    return cost;
  }

  private anchorCost(p: number, a: number, q: number, b: number, sourceAll: number, targetAll: number, sourceLexical: number, targetLexical: number): number {
    let shared = 0;
    let sharedExpected = 0;
    let lexical = 0;
    for (let x = 0; x < a; x++) {
      for (let y = 0; y < b; y++) {
        const at = findPair(this.pairs, p + x, q + y);
        if (at < 0) continue;
        shared += this.pairs.shared[at]!;
        sharedExpected += this.pairs.sharedExpected[at]!;
        lexical += this.pairs.lexical[at]!;
      }
    }
    const sp = this.s0 + p;
    const tq = this.t0 + q;
    const sourceExpected = this.source.expectedPrefix[sp + a]! - this.source.expectedPrefix[sp]!;
    const targetExpected = this.target.expectedPrefix[tq + b]! - this.target.expectedPrefix[tq]!;
    // Pairs count a token once per pair: a date in one source paragraph and in both target
    // paragraphs of a 1:2 would be credited twice, and the second copy never missed. A group
    // matches each occurrence once.
    // Lexicon concepts alone do not pay for that matching (most groups share one): their pair
    // sums may count a concept twice, which their cap (MAX_LEXICAL_BONUS) mostly absorbs.
    if (shared > 0 && a + b > 2) [shared, sharedExpected, lexical] = this.matchGroupTokens(sp, a, tq, b);
    shared = Math.min(shared, sourceAll, targetAll);
    sharedExpected = Math.min(sharedExpected, sourceExpected, targetExpected);
    const missing = sourceExpected - sharedExpected + (targetExpected - sharedExpected);
    // A date where the other side has none at all (a differing date is as likely an update or a typo).
    const sourceVerbatim = this.source.verbatimPrefix[sp + a]! - this.source.verbatimPrefix[sp]!;
    const targetVerbatim = this.target.verbatimPrefix[tq + b]! - this.target.verbatimPrefix[tq]!;
    const lonely = (targetVerbatim === 0 ? sourceVerbatim : 0) + (sourceVerbatim === 0 ? targetVerbatim : 0);
    lexical = Math.min(lexical, sourceLexical, targetLexical);
    const lexicalBonus = Math.min(MAX_LEXICAL_BONUS, SHARED_ANCHOR_BONUS * lexical);
    const lexicalMissing = Math.min(MAX_LEXICAL_MISSING, MISSING_ANCHOR_COST * LEXICAL_CARRIED * (sourceLexical + targetLexical - 2 * lexical));
    return -SHARED_ANCHOR_BONUS * shared - lexicalBonus + lexicalMissing + MISSING_ANCHOR_COST * missing + LONE_VERBATIM_COST * lonely;
  }

  /** Weight (and carried-over weight, and lexicon weight apart) of the anchor occurrences the two groups match one for one. */
  private matchGroupTokens(sp: number, a: number, tq: number, b: number): [number, number, number] {
    const sourceIds = gatherTokens(this.source, sp, a);
    const targetIds = gatherTokens(this.target, tq, b);
    let shared = 0;
    let sharedExpected = 0;
    let lexical = 0;
    let i = 0;
    let j = 0;
    while (i < sourceIds.length && j < targetIds.length) {
      const id = sourceIds[i]!;
      if (id < targetIds[j]!) i++;
      else if (id > targetIds[j]!) j++;
      else {
        let inSource = 0;
        let inTarget = 0;
        for (; sourceIds[i] === id; i++) inSource++;
        for (; targetIds[j] === id; j++) inTarget++;
        const matched = Math.min(inSource, inTarget) * this.tokenWeight[id]!;
        if (this.tokenLexical[id]) lexical += matched;
        else shared += matched;
        sharedExpected += matched * this.tokenExpected[id]!;
      }
    }
    return [shared, sharedExpected, lexical];
  }

  private anyPairFlag(p: number, a: number, q: number, b: number, flag: number): boolean {
    for (let x = 0; x < a; x++) {
      for (let y = 0; y < b; y++) {
        const at = findPair(this.pairs, p + x, q + y);
        if (at >= 0 && this.pairs.flags[at]! & flag) return true;
      }
    }
    return false;
  }
}

/** The anchor token ids of paragraphs [start, start + count) of one side, sorted, repeats kept. */
function gatherTokens(side: PreparedSide, start: number, count: number): number[] {
  const ids: number[] = [];
  for (let k = start; k < start + count; k++) for (const id of side.tokens[k]!) ids.push(id);
  return count > 1 ? ids.sort((x, y) => x - y) : ids;
}

/**
 * A letter formula (`Madame,`, `Yours faithfully,`) run into the other side's paragraph is
 * still there, as a formula of its kind: when the other side's group has none, its counterpart
 * was dropped rather than merged, and the formula does not introduce the group.
 */
function leavesTrace(leadIn: ParagraphFeatures, other: PreparedSide, start: number, count: number): boolean {
  const formulas = leadIn.anchors.filter((anchor) => anchor.kind === 'formula');
  if (formulas.length === 0) return true;
  for (let k = start; k < start + count; k++) {
    if (other.features[k]!.anchors.some((anchor) => anchor.kind === 'formula' && formulas.some((f) => f.key === anchor.key))) return true;
  }
  return false;
}
