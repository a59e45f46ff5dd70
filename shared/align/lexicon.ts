import type { Anchor } from './anchors.js';
import { LEXICON_LINES } from './lexiconData.js';

/**
 * Finds the concepts of the built-in lexicon (lexiconData.ts) in a paragraph: `participants`,
 * `tham dự` and `参加` all give `term:participate`. Two short lines of equal length (`L’ensemble
 * des participants` / `Les collectivités…`) can only be told apart by what they say; the
 * concepts are anchors of a light kind (anchors.ts) that settle such ties.
 */

/** A word as the matcher compares it: its letters, and its tone marks apart (see foldWord). */
interface Word {
  readonly base: string;
  readonly tones: string;
  /** base + tones, the exact lookup key; and the first STEM_KEY letters of base, the stem lookup key. */
  readonly key: string;
  readonly stem: string;
}

function makeWord(base: string, tones: string): Word {
  return { base, tones, key: base + tones, stem: base.slice(0, STEM_KEY) };
}

interface Term {
  readonly concept: string;
  readonly words: readonly Word[];
  /** The last word is a stem: any word starting with it matches. */
  readonly prefix: boolean;
  readonly atStart: boolean;
  readonly colon: boolean;
}

interface Lexicon {
  /** Spaced terms by their first word (exact), and single-stem terms by their first STEM_KEY letters. */
  readonly byFirst: ReadonlyMap<string, Term[]>;
  readonly byStem: ReadonlyMap<string, Term[]>;
  readonly atStart: readonly Term[];
  /** Japanese terms: a pattern each. */
  readonly dense: readonly { readonly concept: string; readonly pattern: RegExp }[];
}

const STEM_KEY = 4;
// Vietnamese grave, acute, tilde, hook above and dot below: the five tones.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const DENSE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * One spelling per word: NFD, lower case, tone marks moved after the letters. NFC and NFD
 * input compare equal, and so do the two placements of Vietnamese tones (`hóa` / `hoá`,
 * `thủy` / `thuỷ`) that writers and keyboards still mix; other marks (â, ơ, ç, ï) stay.
 */
function foldWord(word: string): Word {
  const decomposed = word.normalize('NFD').toLowerCase();
  const tones = decomposed.match(TONES);
  if (!tones) return makeWord(decomposed, '');
  return makeWord(decomposed.replace(TONES, ''), tones.join(''));
}

let compiled: Lexicon | undefined;

function compileLexicon(): Lexicon {
  const byFirst = new Map<string, Term[]>();
  const byStem = new Map<string, Term[]>();
  const atStart: Term[] = [];
  const dense: { concept: string; pattern: RegExp }[] = [];
  const add = (map: Map<string, Term[]>, key: string, term: Term) => {
    const list = map.get(key);
    if (list) list.push(term);
    else map.set(key, [term]);
  };
  for (const line of LEXICON_LINES) {
    const [concept, ...languages] = line.split(' | ');
    for (const language of languages) {
      for (const raw of language.slice(3).split(', ')) {
        const spec = raw.trim();
        if (DENSE.test(spec)) {
          dense.push({ concept: concept!, pattern: compileDense(spec) });
          continue;
        }
        const term = compileSpaced(concept!, spec);
        if (term.atStart) atStart.push(term);
        else if (term.prefix && term.words.length === 1) add(byStem, term.words[0]!.stem, term);
        else add(byFirst, term.words[0]!.key, term);
      }
    }
  }
  return { byFirst, byStem, atStart, dense };
}

function compileSpaced(concept: string, spec: string): Term {
  const atStart = spec.startsWith('^');
  const colon = spec.endsWith(':');
  const prefix = spec.replace(/:$/u, '').endsWith('*');
  const words = [...spec.normalize('NFKC').matchAll(/[\p{L}\p{M}\p{N}#]+/gu)].map((m) => foldWord(m[0]));
  if (words.length === 0) throw new Error(`lexicon: empty term in ${concept}`);
  if (prefix && words[words.length - 1]!.base.length < STEM_KEY) throw new Error(`lexicon: stem under ${STEM_KEY} letters in ${concept}`);
  return { concept, words, prefix, atStart, colon };
}

function compileDense(spec: string): RegExp {
  const escaped = spec.replace(/[.*+?()[\]{}|\\]/gu, '\\$&').replace(/#/gu, '\\d+');
  return new RegExp(escaped, 'u');
}

/** The lexicon's concepts found in a normalized paragraph text (normalize.ts normalizeText), once each. */
export function findTerms(text: string): Anchor[] {
  const lexicon = (compiled ??= compileLexicon());
  const found = new Map<string, string>();
  const lower = text.normalize('NFD').toLowerCase().replace(/[’ʼ]/gu, "'");
  const words: Word[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of lower.matchAll(WORD)) {
    words.push(readWord(m[0]));
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const take = (term: Term, from: number, count: number) => {
    if (!found.has(term.concept)) found.set(term.concept, internDisplay(lower.slice(starts[from], ends[from + count - 1]).normalize('NFC')));
  };
  for (const term of lexicon.atStart) {
    if (matchesAt(term, words, 0) && (!term.colon || followedByColon(lower, ends[term.words.length - 1]!))) take(term, 0, term.words.length);
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const exact = lexicon.byFirst.get(word.key);
    if (exact) for (const term of exact) if (matchesAt(term, words, i)) take(term, i, term.words.length);
    const stems = lexicon.byStem.get(word.stem);
    if (stems) for (const term of stems) if (matchesAt(term, words, i)) take(term, i, 1);
  }
  if (DENSE.test(text)) {
    const trimmed = text.trim();
    for (const { concept, pattern } of lexicon.dense) {
      if (found.has(concept)) continue;
      const match = pattern.exec(trimmed);
      if (match) found.set(concept, match[0]);
    }
  }
  return [...found].map(([concept, display]) => ({ key: keyOf(concept), kind: 'term', display }));
}

// One key string per concept rather than one per paragraph: 30,000 paragraphs hold 200,000 concepts.
const keys = new Map<string, string>();

function keyOf(concept: string): string {
  let key = keys.get(concept);
  if (key === undefined) keys.set(concept, (key = `term:${concept}`));
  return key;
}

// The words shown as evidence repeat too.
const displays = new Map<string, string>();

function internDisplay(text: string): string {
  const known = displays.get(text);
  if (known !== undefined) return known;
  if (displays.size >= MAX_CACHED_WORDS) displays.clear();
  const copy = detach(text);
  displays.set(copy, copy);
  return copy;
}

/** A flat copy of a string V8 may hold as a slice of a longer one (the paragraph it came from). */
function detach(text: string): string {
  return [...text].join('');
}

// A declaration repeats a few thousand words: each is folded once (bounded, as features.ts).
const MAX_CACHED_WORDS = 50_000;
const wordCache = new Map<string, Word>();

function readWord(token: string): Word {
  let word = wordCache.get(token);
  if (word) return word;
  const own = detach(token);
  word = /^\d+$/u.test(own) ? makeWord('#', '') : foldWord(own);
  if (wordCache.size >= MAX_CACHED_WORDS) wordCache.clear();
  wordCache.set(own, word);
  return word;
}

function matchesAt(term: Term, words: readonly Word[], at: number): boolean {
  const n = term.words.length;
  if (at + n > words.length) return false;
  for (let k = 0; k < n; k++) {
    const want = term.words[k]!;
    const have = words[at + k]!;
    if (term.prefix && k === n - 1) {
      if (!have.base.startsWith(want.base) || !have.tones.startsWith(want.tones)) return false;
    } else if (have.base !== want.base || have.tones !== want.tones) return false;
  }
  return true;
}

// `Objet :` in French typography, `Subject:` in English.
function followedByColon(text: string, end: number): boolean {
  return /^\s*:/u.test(text.slice(end, end + 3));
}
