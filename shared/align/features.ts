import { extractAnchors, type Anchor } from './anchors.js';
import { findFormulas } from './formulas.js';
import { isHeading, isLeadIn } from './leadIn.js';
import { findTerms } from './lexicon.js';
import { countContentChars, measureLength, normalizeText } from './normalize.js';
import { findInnerNumberings, parseNumbering, type Numbering } from './numbering.js';

/** Everything the aligner reads from one paragraph's text; a pure function of that text. */
export interface ParagraphFeatures {
  /** Characters without whitespace, as a reader counts them. */
  readonly chars: number;
  /**
   * The Gale & Church length: characters with dense scripts weighted (normalize.ts measureLength),
   * letter formulas left out (formulas.ts: they are substituted, not translated).
   */
  readonly length: number;
  readonly numbering: Numbering | undefined;
  /** Labels that open a sentence inside the paragraph: traces of a merged paragraph. */
  readonly inner: readonly Numbering[];
  /** Unique by key, in reading order. */
  readonly anchors: readonly Anchor[];
  readonly leadIn: boolean;
  /** A short line without closing punctuation: a title or heading (leadIn.ts isHeading). */
  readonly heading: boolean;
}

// Re-aligning after a keystroke must not re-read 300 unchanged paragraphs: features depend on
// the text alone, so they are memoised by text. Bounded so a long session cannot grow it forever.
const MAX_CACHED = 20_000;
const cache = new Map<string, ParagraphFeatures>();

/** Reads (or recalls) the features of a paragraph text. */
export function readParagraph(text: string): ParagraphFeatures {
  const cached = cache.get(text);
  if (cached) return cached;
  const features = computeFeatures(text);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, features);
  return features;
}

function computeFeatures(text: string): ParagraphFeatures {
  const normalized = normalizeText(text);
  const numbering = parseNumbering(text, normalized);
  // The label's own digits are numbering evidence, not anchors: counting them twice would
  // make every `3.` paragraph look like every other text that mentions a 3.
  const body = numbering && normalized.startsWith(numbering.label) ? normalized.slice(numbering.length) : normalized;
  const formulas = findFormulas(normalized);
  const formulaLength = formulas.reduce((sum, f) => sum + f.length, 0);
  const formulaAnchors: Anchor[] = formulas.map((f) => ({ key: `formula:${f.kind}`, kind: 'formula', display: f.text }));
  return {
    chars: countContentChars(normalized),
    length: Math.max(0, measureLength(normalized) - formulaLength),
    numbering,
    inner: findInnerNumberings(normalized),
    anchors: uniqueByKey([...extractAnchors(body), ...formulaAnchors, ...findTerms(normalized)]),
    leadIn: isLeadIn(text, normalized),
    heading: isHeading(text, normalized),
  };
}

function uniqueByKey(anchors: readonly Anchor[]): Anchor[] {
  const seen = new Set<string>();
  return anchors.filter((a) => (seen.has(a.key) ? false : (seen.add(a.key), true)));
}
