import type { Para } from '../types.js';

/**
 * Drafting perturbations for tests and benchmarks: each edits one column the way authors do
 * (merge two paragraphs, delete one, insert one, split one) and adjusts the reference links
 * so that they still say which paragraphs translate which.
 */
export interface GoldLink {
  readonly source: readonly number[];
  readonly target: readonly number[];
}

/** Two columns and the reference alignment between them. */
export interface Bitext {
  readonly source: readonly Para[];
  readonly target: readonly Para[];
  readonly gold: readonly GoldLink[];
}

export type Side = 'source' | 'target';

/** Joins paragraph `at` and the one after it into one paragraph. */
export function mergeParagraphs(doc: Bitext, side: Side, at: number): Bitext {
  const paras = doc[side];
  const first = paras[at]!;
  const second = paras[at + 1]!;
  const merged: Para = { id: first.id, text: `${first.text} ${second.text}` };
  const next = [...paras.slice(0, at), merged, ...paras.slice(at + 2)];
  const remap = (i: number): number => (i <= at ? i : i - 1);
  return withSide(doc, side, next, joinAt(mapSide(doc.gold, side, remap), side, at));
}

/** Removes paragraph `at`; what it translated is left without counterpart. */
export function deleteParagraph(doc: Bitext, side: Side, at: number): Bitext {
  const next = doc[side].filter((_, i) => i !== at);
  const remap = (i: number): number => (i === at ? -1 : i < at ? i : i - 1);
  return withSide(doc, side, next, mapSide(doc.gold, side, remap));
}

/** Inserts a paragraph before `at` that has no counterpart on the other side. */
export function insertParagraph(doc: Bitext, side: Side, at: number, para: Para): Bitext {
  const next = [...doc[side].slice(0, at), para, ...doc[side].slice(at)];
  const remap = (i: number): number => (i < at ? i : i + 1);
  const lone: GoldLink = side === 'source' ? { source: [at], target: [] } : { source: [], target: [at] };
  return withSide(doc, side, next, [...mapSide(doc.gold, side, remap), lone]);
}

/** Cuts paragraph `at` in two at the sentence end nearest its middle. */
export function splitParagraph(doc: Bitext, side: Side, at: number): Bitext {
  const para = doc[side][at]!;
  const cut = sentenceEndNearMiddle(para.text);
  const halves: Para[] = [
    { id: para.id, text: para.text.slice(0, cut).trim() },
    { id: `${para.id}-split`, text: para.text.slice(cut).trim() },
  ];
  const next = [...doc[side].slice(0, at), ...halves, ...doc[side].slice(at + 1)];
  const remap = (i: number): number[] => (i < at ? [i] : i === at ? [at, at + 1] : [i + 1]);
  const gold = doc.gold.map((link) => ({ ...link, [side]: link[side].flatMap(remap) }) as GoldLink);
  return withSide(doc, side, next, gold);
}

/** Removes paragraph numbering (`1.`, `3.1.`) from the start of every paragraph. */
export function stripNumbering(doc: Bitext): Bitext {
  const strip = (p: Para): Para => ({ ...p, text: p.text.replace(/^\s*\d+(?:\.\d+)*\.?\s+/u, '') });
  return { ...doc, source: doc.source.map(strip), target: doc.target.map(strip) };
}

function withSide(doc: Bitext, side: Side, paras: Para[], gold: GoldLink[]): Bitext {
  return { ...doc, [side]: paras, gold: gold.filter((l) => l.source.length > 0 || l.target.length > 0) };
}

function mapSide(gold: readonly GoldLink[], side: Side, remap: (i: number) => number): GoldLink[] {
  return gold.map((link) => ({ ...link, [side]: [...new Set(link[side].map(remap).filter((i) => i >= 0))] }) as GoldLink);
}

// After a merge the paragraph at `at` may belong to two reference links: they become one.
function joinAt(gold: readonly GoldLink[], side: Side, at: number): GoldLink[] {
  const owners = gold.flatMap((link, k) => (link[side].includes(at) ? [k] : []));
  if (owners.length < 2) return [...gold];
  const [first, second] = owners.map((k) => gold[k]!) as [GoldLink, GoldLink];
  const union = (a: readonly number[], b: readonly number[]) => [...new Set([...a, ...b])].sort((x, y) => x - y);
  const joined: GoldLink = { source: union(first.source, second.source), target: union(first.target, second.target) };
  return gold.flatMap((link, k) => (k === owners[0] ? [joined] : k === owners[1] ? [] : [link]));
}

function sentenceEndNearMiddle(text: string): number {
  const middle = text.length / 2;
  let best = -1;
  for (const match of text.matchAll(/[.;:!?。](?=\s)/gu)) {
    const end = match.index + 1;
    if (best < 0 || Math.abs(end - middle) < Math.abs(best - middle)) best = end;
  }
  return best > 0 && best < text.length - 1 ? best : Math.floor(middle);
}

/** Paragraphs of a plain-text file: blocks separated by blank lines, ids `${tag}0`, `${tag}1`… */
export function paragraphsOf(text: string, tag: string): Para[] {
  return text
    .split(/\r?\n\s*\r?\n/u)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block, i) => ({ id: `${tag}${i}`, text: block }));
}

/**
 * Breaks paragraph `at` in two in the middle of a sentence, at the word (or, in Japanese, the
 * character) nearest `fraction` of its length, as a page break in a PDF paste does.
 */
export function breakParagraph(doc: Bitext, side: Side, at: number, fraction = 0.5): Bitext {
  const para = doc[side][at]!;
  const target = Math.floor(para.text.length * fraction);
  let cut = para.text.lastIndexOf(' ', target);
  if (cut <= 0 || target - cut > 20) cut = target;
  const halves: Para[] = [
    { id: para.id, text: para.text.slice(0, cut).trim() },
    { id: `${para.id}-break`, text: para.text.slice(cut).trim() },
  ];
  const next = [...doc[side].slice(0, at), ...halves, ...doc[side].slice(at + 1)];
  const remap = (i: number): number[] => (i < at ? [i] : i === at ? [at, at + 1] : [i + 1]);
  const gold = doc.gold.map((link) => ({ ...link, [side]: link[side].flatMap(remap) }) as GoldLink);
  return withSide(doc, side, next, gold);
}

/** Removes the paragraphs of one side that `drop` picks; what they translated is left without counterpart. */
export function removeParagraphs(doc: Bitext, side: Side, drop: (para: Para, index: number) => boolean): Bitext {
  let out = doc;
  for (let i = doc[side].length - 1; i >= 0; i--) if (drop(doc[side][i]!, i)) out = deleteParagraph(out, side, i);
  return out;
}

/**
 * Deletes about `fraction` of one side's paragraphs, spread through the text by a fixed seed
 * (never the first or last): the draft that lost paragraphs on the way.
 */
export function deleteFraction(doc: Bitext, side: Side, fraction: number, seed: number): Bitext {
  const count = doc[side].length;
  const wanted = Math.max(1, Math.round(count * fraction));
  const picked = new Set<number>();
  let state = seed >>> 0 || 1;
  while (picked.size < Math.min(wanted, count - 2)) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    picked.add(1 + (state % (count - 2)));
  }
  return removeParagraphs(doc, side, (_, i) => picked.has(i));
}

/** Both columns, paragraph k of one translating paragraph k of the other. */
export function parallelBitext(source: readonly Para[], target: readonly Para[]): Bitext {
  if (source.length !== target.length) throw new RangeError(`parallel texts differ in length: ${source.length} vs ${target.length}`);
  return { source, target, gold: source.map((_, k) => ({ source: [k], target: [k] })) };
}
