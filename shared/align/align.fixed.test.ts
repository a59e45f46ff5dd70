import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignParagraphs, checkFixedLinks, type Link } from './align.js';
import { paragraphsOf } from './testing/perturb.js';

const FIXTURES = new URL('../../test/fixtures/assises-12/', import.meta.url);
const source = paragraphsOf(readFileSync(new URL('final-declaration.fr.txt', FIXTURES), 'utf8'), 'fr');
const target = paragraphsOf(readFileSync(new URL('final-declaration.vi.txt', FIXTURES), 'utf8'), 'vi');
const shapes = (links: readonly Link[]) => links.map(({ source, target }) => ({ source, target }));
const confirmed = (s: number[], t: number[]): Link => ({ source: s, target: t, score: 1, evidence: [{ kind: 'fixed', detail: 'confirmed by Lan' }] });

describe('fixed links', () => {
  it('come back as the very objects given, in their place', () => {
    const fixed = [confirmed([5], [5]), confirmed([12], [12])];
    const links = alignParagraphs({ source, target, fixed });
    expect(links[5]).toBe(fixed[0]);
    expect(links[12]).toBe(fixed[1]);
    expect(shapes(links)).toEqual(source.map((_, i) => ({ source: [i], target: [i] })));
  });

  it('are kept even when the text says otherwise, and only the gaps around them are aligned', () => {
    // A person linked French 3 to Vietnamese 4 (wrongly): the engine obeys and works around it.
    const fixed = [confirmed([3], [4])];
    const links = alignParagraphs({ source, target, fixed });
    expect(links).toContain(fixed[0]);
    const before = links.slice(0, links.indexOf(fixed[0]!));
    const after = links.slice(links.indexOf(fixed[0]!) + 1);
    // Nothing crosses the fixed link: before it only French 0–2 and Vietnamese 0–3, after it the rest.
    expect(before.flatMap((l) => l.source).every((i) => i < 3)).toBe(true);
    expect(before.flatMap((l) => l.target).every((j) => j < 4)).toBe(true);
    expect(after.flatMap((l) => l.source).every((i) => i > 3)).toBe(true);
    expect(after.flatMap((l) => l.target).every((j) => j > 4)).toBe(true);
    // Far from it the alignment is the usual one.
    expect(shapes(before.slice(0, 2))).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
    ]);
    expect(shapes(after.slice(-5))).toEqual([12, 13, 14, 15, 16].map((i) => ({ source: [i], target: [i] })));
  });

  it('partition the problem: editing a gap leaves the links of the other gaps alone', () => {
    const fixed = [confirmed([8], [8])];
    const garbled = target.map((p, j) => (j > 8 ? { ...p, text: p.text.split('').reverse().join('') } : p));
    const plain = alignParagraphs({ source, target, fixed });
    const edited = alignParagraphs({ source, target: garbled, fixed });
    expect(shapes(edited.slice(0, 9))).toEqual(shapes(plain.slice(0, 9)));
  });

  it('may say a paragraph has no counterpart (one-sided), and that is kept too', () => {
    const fixed = [confirmed([3], [])];
    const links = alignParagraphs({ source, target, fixed });
    expect(links).toContain(fixed[0]);
    expect(links.filter((l) => l.target.includes(3))).toHaveLength(1);
    expect(shapes(links.slice(-3))).toEqual([14, 15, 16].map((i) => ({ source: [i], target: [i] })));
  });

  it('covering the whole document leave nothing to align', () => {
    const fixed = source.map((_, i) => confirmed([i], [i]));
    const links = alignParagraphs({ source, target, fixed });
    links.forEach((link, i) => expect(link).toBe(fixed[i]));
  });

  it('are refused when invalid: out of range, overlapping, crossing, empty or not consecutive', () => {
    const cases: Link[][] = [
      [confirmed([17], [0])],
      [confirmed([1], [1]), confirmed([1], [2])],
      [confirmed([5], [2]), confirmed([2], [5])],
      [confirmed([], [])],
      [confirmed([1, 3], [1])],
    ];
    for (const fixed of cases) {
      expect(checkFixedLinks(fixed, 17, 17).ok).toBe(false);
      expect(() => alignParagraphs({ source, target, fixed })).toThrow(RangeError);
    }
    expect(checkFixedLinks([confirmed([2], [2]), confirmed([5, 6], [5])], 17, 17).ok).toBe(true);
  });
});
