import { ANCHOR_KIND_WEIGHT } from './anchors.js';
import type { PreparedDocument, PreparedSide } from './document.js';
import { DEFAULT_VARIANCE, lengthDelta } from './lengthCost.js';
import type { Link } from './types.js';

/**
 * Whether the text around a link reads as a translation at all. A link's own margin compares
 * it with its neighbours' readings, which says nothing when neither column translates the
 * other: any two texts can be paired by length. So each link is also weighed against the
 * hypothesis "these paragraphs are unrelated", over a window of links around it: under
 * translation length differences follow the model (δ ~ N(0, 1)); between unrelated paragraphs
 * they spread UNRELATED_SPREAD times wider, and shared names, numbers, dates and addresses are
 * rare. The posterior of "related" multiplies each link's score.
 */
const UNRELATED_SPREAD = 4;
/** Log-likelihood ratio per unit of anchor weight both sides of a link share. */
const SHARED_ANCHOR_LLR = 1.5;
/** At most this much anchor evidence per link: one long list of numbers is not a whole text. */
const MAX_ANCHOR_LLR = 4;
/**
 * Shapes as evidence: a translation pairs most paragraphs one to one (Gale & Church's 0.85–0.89),
 * while a dynamic program pairing unrelated texts by length leaves many alone or groups them.
 */
const UNMATCHED_LLR = -2;
const GROUP_LLR = -1;
/** Links on each side of a link that are weighed with it. */
const WINDOW = 3;
/** Prior log-odds that two columns given to the aligner translate each other. */
const PRIOR_LOG_ODDS = 1;

/** Links with their scores multiplied by the posterior that their stretch of text is a translation; fixed links kept as they are. */
export function weighRelatedness(doc: PreparedDocument, links: readonly Link[], fixed: ReadonlySet<Link>): Link[] {
  const evidence = links.map((link) => (fixed.has(link) ? 2 : measureLink(doc, link)));
  const prefix = new Float64Array(links.length + 1);
  evidence.forEach((e, k) => (prefix[k + 1] = prefix[k]! + e));
  return links.map((link, k) => {
    if (fixed.has(link)) return link;
    const from = Math.max(0, k - WINDOW);
    const to = Math.min(links.length, k + WINDOW + 1);
    const related = 1 / (1 + Math.exp(-(PRIOR_LOG_ODDS + prefix[to]! - prefix[from]!)));
    return { ...link, score: Math.round(link.score * related * 1000) / 1000 };
  });
}

/** Mean over the links of how much they favour "translation" over "unrelated" (nats); for tests and the CLI. */
export function measureRelatedness(doc: PreparedDocument, links: readonly Link[]): number {
  const paired = links.filter((l) => l.source.length > 0 && l.target.length > 0);
  if (paired.length === 0) return -Infinity;
  return paired.reduce((sum, l) => sum + measureLink(doc, l), 0) / paired.length;
}

// Log-likelihood ratio of "translation" against "unrelated" for one link.
function measureLink(doc: PreparedDocument, link: Link): number {
  if (link.source.length === 0 || link.target.length === 0) return UNMATCHED_LLR;
  const shape = link.source.length === 1 && link.target.length === 1 ? 0 : GROUP_LLR;
  const delta = lengthDelta(sumLength(doc.source, link.source), sumLength(doc.target, link.target), { ratio: doc.length.ratio, variance: DEFAULT_VARIANCE });
  const lengths = Math.log(UNRELATED_SPREAD) - (delta * delta * (1 - 1 / (UNRELATED_SPREAD * UNRELATED_SPREAD))) / 2;
  return shape + lengths + Math.min(MAX_ANCHOR_LLR, SHARED_ANCHOR_LLR * sharedAnchorWeight(doc, link));
}

function sumLength(side: PreparedSide, indices: readonly number[]): number {
  let total = 0;
  for (const i of indices) total += side.features[i]!.length;
  return total;
}

function sharedAnchorWeight(doc: PreparedDocument, link: Link): number {
  const keys = new Map<string, number>();
  // Lexicon concepts (`city`, `cooperation`) are shared by any two texts of one field: they
  // say which paragraph is which, not whether the columns translate each other.
  for (const i of link.source) for (const a of doc.source.features[i]!.anchors) if (a.kind !== 'term') keys.set(a.key, ANCHOR_KIND_WEIGHT[a.kind]);
  let shared = 0;
  const seen = new Set<string>();
  for (const j of link.target) {
    for (const a of doc.target.features[j]!.anchors) {
      const weight = keys.get(a.key);
      if (weight !== undefined && !seen.has(a.key)) {
        seen.add(a.key);
        shared += weight;
      }
    }
  }
  return shared;
}
