import { ANCHOR_KIND_WEIGHT, carriedOver, isVerbatim } from './anchors.js';
import { readParagraph, type ParagraphFeatures } from './features.js';
import { initialLengthModel, type LengthModel } from './lengthCost.js';
import { detectAlphabet, listNumberingKeys, type Alphabet } from './numbering.js';
import type { AlignInput, Para } from './types.js';

/** One column, read once into flat arrays the dynamic program can index cheaply. */
export interface PreparedSide {
  readonly paras: readonly Para[];
  readonly features: readonly ParagraphFeatures[];
  /** charPrefix[i] = length (features.length) of paragraphs 0..i-1. */
  readonly charPrefix: Float64Array;
  /** Canonical keys of each paragraph's own label (undefined when unnumbered), for explanations. */
  readonly labelKeys: readonly (readonly string[] | undefined)[];
  readonly numbered: Uint8Array;
  /** Interned keys of each paragraph's label, and of its label plus the labels found inside it. */
  readonly labelIds: readonly Int32Array[];
  readonly mentionIds: readonly Int32Array[];
  /** Sorted, unique token ids of each paragraph's anchors. */
  readonly tokens: readonly Int32Array[];
  /** Prefix sums of each paragraph's anchor weight: all kinds but lexicon concepts, and each weighted by how surely a translation carries it over (anchors.ts carriedOver). */
  readonly anchorPrefix: Float64Array;
  readonly expectedPrefix: Float64Array;
  /** Prefix sums of each paragraph's weight of lexicon concepts (lexicon.ts), which anchorPrefix leaves out. */
  readonly lexicalPrefix: Float64Array;
  /** Prefix sums of each paragraph's weight of dates, addresses and links (anchors.ts isVerbatim). */
  readonly verbatimPrefix: Float64Array;
  readonly leadIn: Uint8Array;
  /** headingPrefix[i] = headings among paragraphs 0..i-1. */
  readonly headingPrefix: Int32Array;
  /** For each token id, the paragraphs holding it: pairs sharing anchors are found without trying every pair. */
  readonly tokenPostings: Postings;
  /** For each label key id, the paragraphs numbered so, and those numbered so or mentioning it inside. */
  readonly labelPostings: Postings;
  readonly mentionPostings: Postings;
}

/** Both columns plus what is measured on the whole document: length model and anchor rarity. */
export interface PreparedDocument {
  readonly source: PreparedSide;
  readonly target: PreparedSide;
  /** Length ratio and spread between the columns; see lengthCost.ts. */
  readonly length: LengthModel;
  /** Weight of each token id: its kind's weight, divided by how many paragraphs of a side repeat it. */
  readonly tokenWeight: Float64Array;
  /** How surely each token is carried over by a translation (anchors.ts carriedOver): 0 for names. */
  readonly tokenExpected: Float64Array;
  readonly tokenVerbatim: Uint8Array;
  /** 1 for lexicon concepts (lexicon.ts): their bonus is capped per link apart from the rest. */
  readonly tokenLexical: Uint8Array;
}

/** Reads both columns and measures the document. */
export function prepareDocument(input: AlignInput): PreparedDocument {
  const sourceFeatures = input.source.map((p) => readParagraph(p.text));
  const targetFeatures = input.target.map((p) => readParagraph(p.text));
  const tokens = internTokens(sourceFeatures, targetFeatures);
  const labels = new Interner();
  const source = prepareSide(input.source, sourceFeatures, tokens.sourceTokens, tokens, labels);
  const target = prepareSide(input.target, targetFeatures, tokens.targetTokens, tokens, labels);
  const length = initialLengthModel(source.charPrefix[input.source.length]!, target.charPrefix[input.target.length]!, input.source.length, input.target.length);
  return { source, target, length, tokenWeight: tokens.weight, tokenExpected: tokens.expected, tokenVerbatim: tokens.verbatim, tokenLexical: tokens.lexical };
}

class Interner {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

interface InternedTokens {
  readonly weight: Float64Array;
  readonly expected: Float64Array;
  readonly verbatim: Uint8Array;
  readonly lexical: Uint8Array;
  readonly count: number;
  readonly sourceTokens: Int32Array[];
  readonly targetTokens: Int32Array[];
}

/** How much a name found in both columns counts when missing from a link, against a number's 1. */
const CARRIED_NAME = 0.5;

function internTokens(sourceFeatures: readonly ParagraphFeatures[], targetFeatures: readonly ParagraphFeatures[]): InternedTokens {
  const interner = new Interner();
  const kindWeight: number[] = [];
  const expected: number[] = [];
  const verbatim: number[] = [];
  // 1 for names and acronyms, 2 for lexicon concepts.
  const family: number[] = [];
  const sourceDf: number[] = [];
  const targetDf: number[] = [];
  const idsOf = (features: ParagraphFeatures, df: number[]): Int32Array => {
    const list = new Int32Array(features.anchors.length);
    features.anchors.forEach((anchor, k) => {
      const id = interner.idOf(anchor.key);
      kindWeight[id] = Math.max(kindWeight[id] ?? 0, ANCHOR_KIND_WEIGHT[anchor.kind]);
      expected[id] = Math.max(expected[id] ?? 0, carriedOver(anchor.kind));
      if (isVerbatim(anchor.kind)) verbatim[id] = 1;
      if (anchor.kind === 'name' || anchor.kind === 'acronym') family[id] = 1;
      if (anchor.kind === 'term') family[id] = 2;
      df[id] = (df[id] ?? 0) + 1;
      list[k] = id;
    });
    return list.sort();
  };
  const sourceTokens = sourceFeatures.map((f) => idsOf(f, sourceDf));
  const targetTokens = targetFeatures.map((f) => idsOf(f, targetDf));
  const count = interner.size;
  const weight = new Float64Array(count);
  // A token in one paragraph of each side pins them together; one in ten paragraphs says little.
  for (let id = 0; id < count; id++) {
    const df = Math.max(1, sourceDf[id] ?? 0, targetDf[id] ?? 0);
    // Lexicon concepts are common words: divided by the count itself, `cooperation` in every
    // paragraph of a declaration would say nothing even between its two closing lines.
    weight[id] = kindWeight[id]! / (family[id] === 2 ? Math.sqrt(df) : df);
  }
  // Names are often translated (anchors.ts carriedOver), but one this pair writes alike in both
  // columns (`Hanoï` / `Hà Nội`, `UNESCO`) is shown to be carried over: its absence counts.
  // Lexicon concepts are not written alike: finding one in both columns proves nothing carried.
  for (let id = 0; id < count; id++) if (family[id] === 1 && (sourceDf[id] ?? 0) > 0 && (targetDf[id] ?? 0) > 0) expected[id] = CARRIED_NAME;
  return {
    weight,
    expected: Float64Array.from({ length: count }, (_, id) => expected[id] ?? 0),
    verbatim: Uint8Array.from({ length: count }, (_, id) => verbatim[id] ?? 0),
    lexical: Uint8Array.from({ length: count }, (_, id) => (family[id] === 2 ? 1 : 0)),
    count,
    sourceTokens,
    targetTokens,
  };
}

function prepareSide(
  paras: readonly Para[],
  features: readonly ParagraphFeatures[],
  tokens: Int32Array[],
  interned: InternedTokens,
  labels: Interner,
): PreparedSide {
  const n = paras.length;
  const charPrefix = new Float64Array(n + 1);
  const anchorPrefix = new Float64Array(n + 1);
  const lexicalPrefix = new Float64Array(n + 1);
  const expectedPrefix = new Float64Array(n + 1);
  const verbatimPrefix = new Float64Array(n + 1);
  const leadIn = new Uint8Array(n);
  const headingPrefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const f = features[i]!;
    let all = 0;
    let expected = 0;
    let verbatim = 0;
    let lexical = 0;
    for (const id of tokens[i]!) {
      if (interned.lexical[id]) {
        lexical += interned.weight[id]!;
        continue;
      }
      all += interned.weight[id]!;
      expected += interned.weight[id]! * interned.expected[id]!;
      if (interned.verbatim[id]) verbatim += interned.weight[id]!;
    }
    charPrefix[i + 1] = charPrefix[i]! + f.length;
    anchorPrefix[i + 1] = anchorPrefix[i]! + all;
    lexicalPrefix[i + 1] = lexicalPrefix[i]! + lexical;
    expectedPrefix[i + 1] = expectedPrefix[i]! + expected;
    verbatimPrefix[i + 1] = verbatimPrefix[i]! + verbatim;
    leadIn[i] = f.leadIn ? 1 : 0;
    headingPrefix[i + 1] = headingPrefix[i]! + (f.heading ? 1 : 0);
  }
  const alphabet = detectAlphabet(features.map((f) => f.numbering));
  const keys = features.map((f) => readNumberingKeys(f, alphabet));
  const labelKeys = keys.map((k) => k.label);
  const labelIds = keys.map((k) => Int32Array.from(k.label ?? [], (key) => labels.idOf(key)));
  const mentionIds = keys.map((k) => Int32Array.from(k.mentions, (key) => labels.idOf(key)));
  return {
    paras,
    features,
    charPrefix,
    labelKeys,
    numbered: Uint8Array.from(labelKeys, (keys) => (keys ? 1 : 0)),
    labelIds,
    mentionIds,
    tokens,
    anchorPrefix,
    expectedPrefix,
    lexicalPrefix,
    verbatimPrefix,
    leadIn,
    headingPrefix,
    tokenPostings: invertIds(tokens, interned.count),
    // The source is prepared before the target's labels are interned: an id past the end of
    // the source's postings is a label no source paragraph has.
    labelPostings: invertIds(labelIds, labels.size),
    mentionPostings: invertIds(mentionIds, labels.size),
  };
}

interface NumberingKeys {
  readonly label: readonly string[] | undefined;
  /** The label's keys and those of the labels inside the paragraph, without repeats. */
  readonly mentions: readonly string[];
}

// Keys depend on the text and the column's alphabet only: remembered per paragraph, so that
// re-aligning after a keystroke does not rebuild them for every paragraph.
const numberingKeysCache = new WeakMap<ParagraphFeatures, Partial<Record<Alphabet, NumberingKeys>>>();

function readNumberingKeys(features: ParagraphFeatures, alphabet: Alphabet): NumberingKeys {
  const cached = numberingKeysCache.get(features) ?? {};
  const known = cached[alphabet];
  if (known) return known;
  const label = features.numbering && listNumberingKeys(features.numbering, alphabet);
  const inner = features.inner.flatMap((numbering) => listNumberingKeys(numbering, alphabet));
  const keys: NumberingKeys = { label, mentions: [...new Set([...(label ?? []), ...inner])] };
  numberingKeysCache.set(features, { ...cached, [alphabet]: keys });
  return keys;
}

/**
 * For each id, the paragraphs holding it, ascending: paragraphs start[id] … start[id + 1] - 1
 * of `items` (one flat array rather than thousands of small ones).
 */
export interface Postings {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Inverts paragraph → ids into id → ascending paragraphs. */
function invertIds(idsByParagraph: readonly Int32Array[], count: number): Postings {
  const start = new Int32Array(count + 1);
  for (const ids of idsByParagraph) for (const id of ids) start[id + 1]!++;
  for (let id = 0; id < count; id++) start[id + 1]! += start[id]!;
  const items = new Int32Array(start[count]!);
  const filled = start.slice(0, count);
  idsByParagraph.forEach((ids, paragraph) => {
    for (const id of ids) items[filled[id]!++] = paragraph;
  });
  return { start, items };
}
