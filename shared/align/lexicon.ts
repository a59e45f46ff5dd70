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
 * `thủy` / `thuỷ`) that writers and keyboards still mix; other marks (â, ơ, é's letter) stay.
 */
export function foldWord(word: string): Word {
  const decomposed = word.normalize('NFD').toLowerCase();
  const tones = decomposed.match(TONES);
  if (!tones) return { base: decomposed, tones: '' };
  return { base: decomposed.replace(TONES, ''), tones: tones.join('') };
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
        else if (term.prefix && term.words.length === 1) add(byStem, term.words[0]!.base.slice(0, STEM_KEY), term);
        else add(byFirst, term.words[0]!.base + term.words[0]!.tones, term);
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
  const tokens = [...lower.matchAll(WORD)].map((m) => ({ word: foldWord(m[0]), at: m.index, end: m.index + m[0].length }));
  const words = tokens.map((t) => (/^\d+$/u.test(t.word.base) ? { base: '#', tones: '' } : t.word));
  const take = (term: Term, from: number, count: number) => {
    if (!found.has(term.concept)) found.set(term.concept, lower.slice(tokens[from]!.at, tokens[from + count - 1]!.end).normalize('NFC'));
  };
  for (const term of lexicon.atStart) {
    if (matchesAt(term, words, 0) && (!term.colon || followedByColon(lower, tokens[term.words.length - 1]!.end))) take(term, 0, term.words.length);
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    for (const term of lexicon.byFirst.get(word.base + word.tones) ?? []) if (matchesAt(term, words, i)) take(term, i, term.words.length);
    for (const term of lexicon.byStem.get(word.base.slice(0, STEM_KEY)) ?? []) if (matchesAt(term, words, i)) take(term, i, 1);
  }
  if (DENSE.test(text)) {
    const trimmed = text.trim();
    for (const { concept, pattern } of lexicon.dense) {
      if (found.has(concept)) continue;
      const match = pattern.exec(trimmed);
      if (match) found.set(concept, match[0]);
    }
  }
  return [...found].map(([concept, display]) => ({ key: `term:${concept}`, kind: 'term', display }));
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
