import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignParagraphs, realignAfterEdit, realignAround, type AlignInput, type Link, type Para } from './align.js';
import { WINDOW_MARGIN } from './incremental.js';
import { paragraphsOf } from './testing/perturb.js';

const FIXTURES = new URL('../../test/fixtures/assises-12/', import.meta.url);
const source = paragraphsOf(readFileSync(new URL('final-declaration.fr.txt', FIXTURES), 'utf8'), 'fr');
const target = paragraphsOf(readFileSync(new URL('final-declaration.vi.txt', FIXTURES), 'utf8'), 'vi');
const input: AlignInput = { source, target };
const shapes = (links: readonly Link[]) => links.map(({ source, target }) => ({ source, target }));

/** The same paragraph with one character changed, as a typo fix would. */
function withTypoFixed(paras: readonly Para[], at: number): Para[] {
  return paras.map((p, i) => {
    if (i !== at) return p;
    const middle = Math.floor(p.text.length / 2);
    return { ...p, text: `${p.text.slice(0, middle)}x${p.text.slice(middle + 1)}` };
  });
}

/** A 300-paragraph declaration: the Assises pairs over and over, with renumbered sections. */
function longDeclaration(count: number): AlignInput {
  const renumber = (p: Para, round: number, k: number): Para => ({
    id: `${p.id}-${k}`,
    text: p.text.replace(/^(\d+)/u, (n) => String(Number(n) + 5 * round)),
  });
  const s: Para[] = [];
  const t: Para[] = [];
  for (let k = 0; k < count; k++) {
    const round = Math.floor(k / source.length);
    s.push(renumber(source[k % source.length]!, round, k));
    t.push(renumber(target[k % target.length]!, round, k));
  }
  return { source: s, target: t };
}

describe('incremental re-alignment', () => {
  const previous = alignParagraphs(input);

  it('after a one-character edit in any paragraph of either side, changes no link', () => {
    for (let at = 0; at < source.length; at++) {
      const edited = realignAround(previous, { source: withTypoFixed(source, at), target }, [at], []);
      expect(shapes(edited)).toEqual(shapes(previous));
    }
    for (let at = 0; at < target.length; at++) {
      const edited = realignAround(previous, { source, target: withTypoFixed(target, at) }, [], [at]);
      expect(shapes(edited)).toEqual(shapes(previous));
    }
  });

  it('returns every link outside the window around the edit as the very same object', () => {
    const at = 8;
    const edited = realignAround(previous, { source: withTypoFixed(source, at), target }, [at], []);
    edited.forEach((link, k) => {
      if (Math.abs(k - at) > WINDOW_MARGIN) expect(link).toBe(previous[k]);
    });
    expect(edited[at]).not.toBe(previous[at]);
  });

  it('re-aligns the window when the edit changes the structure there', () => {
    // The translator pastes the Vietnamese 3.4 into 3.3 and empties 3.4's own paragraph.
    const merged = target.map((p, j) => (j === 8 ? { ...p, text: `${p.text} ${target[9]!.text}` } : j === 9 ? { ...p, text: '' } : p));
    const edited = realignAround(previous, { source, target: merged }, [], [8, 9]);
    expect(shapes(edited).slice(0, 8)).toEqual(shapes(previous).slice(0, 8));
    expect(shapes(edited)).toContainEqual({ source: [8, 9], target: [8, 9] });
    expect(shapes(edited).slice(-6)).toEqual(shapes(previous).slice(-6));
  });

  it('follows paragraphs by id through a split, keeping the links before it and renumbering those after', () => {
    const cut = source[8]!.text.indexOf('. Ainsi') + 1;
    const split: Para[] = [
      ...source.slice(0, 8),
      { id: source[8]!.id, text: source[8]!.text.slice(0, cut) },
      { id: 'fr-new', text: source[8]!.text.slice(cut).trim() },
      ...source.slice(9),
    ];
    const after = { source: split, target };
    const edited = realignAfterEdit(previous, input, after);
    expect(shapes(edited)).toEqual(shapes(alignParagraphs(after)));
    expect(shapes(edited)).toContainEqual({ source: [8, 9], target: [8] });
    for (let k = 0; k < 8 - WINDOW_MARGIN; k++) expect(edited[k]).toBe(previous[k]);
    expect(edited[edited.length - 1]).toMatchObject({ source: [17], target: [16], score: previous[16]!.score });
  });

  it('follows paragraphs by id through an insertion and a deletion', () => {
    const inserted = { id: 'vi-new', text: 'Chúng tôi cũng hoan nghênh sự tham gia của thanh niên và các hiệp hội trong những ngày qua.' };
    const after = { source: source.filter((_, i) => i !== 12), target: [...target.slice(0, 4), inserted, ...target.slice(4)] };
    const edited = realignAfterEdit(previous, input, after);
    expect(shapes(edited)).toContainEqual({ source: [], target: [4] });
    expect(shapes(edited)).toContainEqual({ source: [], target: [13] });
    expect(shapes(edited).slice(0, 4)).toEqual(shapes(previous).slice(0, 4));
  });

  it('draws a newly fixed link and keeps links far from it', () => {
    const fixed: Link = { source: [3], target: [4], score: 1, evidence: [{ kind: 'fixed', detail: 'drawn by hand' }] };
    const edited = realignAround(previous, { source, target, fixed: [fixed] }, [], []);
    expect(edited).toContain(fixed);
    // toContain compares by identity: the links from French 9 on are the previous objects.
    for (const link of previous.filter((l) => l.source[0]! >= 9)) expect(edited).toContain(link);
  });

  it('falls back to a full alignment when the previous links do not fit the paragraphs', () => {
    const edited = realignAround(previous.slice(0, 10), input, [3], []);
    expect(shapes(edited)).toEqual(shapes(previous));
  });

  // Its speed (about 1 ms) is measured by `npm run bench` (bench/align.ts), not here.
  it('keeps every link of a 300-paragraph declaration through 30 typo fixes', () => {
    const doc = longDeclaration(300);
    const before = alignParagraphs(doc);
    for (let run = 0; run < 30; run++) {
      const at = (run * 37) % 300;
      const edited = { source: withTypoFixed(doc.source, at), target: doc.target };
      const links = realignAround(before, edited, [at], []);
      expect(links.map((l) => [l.source, l.target])).toEqual(before.map((l) => [l.source, l.target]));
    }
  });
});
