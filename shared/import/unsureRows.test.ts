import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paragraphsOf } from '../align/testing/perturb.js';
import { findUnsureRows } from './unsureRows.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const texts = (path: string) => paragraphsOf(readFileSync(new URL(path, FIXTURES), 'utf8'), 'p').map((p) => p.text);

describe('the rows an import is unsure of', () => {
  it('are none for a declaration and its translation', () => {
    const [vi] = findUnsureRows({ fr: texts('assises-12/final-declaration.fr.txt'), vi: texts('assises-12/final-declaration.vi.txt') }, ['fr', 'vi']);
    expect(vi).toMatchObject({ pivot: 'fr', lang: 'vi', rows: 17, ranges: [], unrelated: false });
  });

  it('are most rows, as runs, when the columns are not translations of each other', () => {
    const [vi] = findUnsureRows({ fr: texts('align/invitation.fr.txt'), vi: texts('align/charter.vi.txt') }, ['fr', 'vi']);
    expect(vi!.unrelated).toBe(true);
    const unsure = vi!.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
    expect(unsure).toBeGreaterThan(0.7 * vi!.rows);
    for (const [a, b] of vi!.ranges) expect(1 <= a && a <= b && b <= vi!.rows).toBe(true);
  });

  it('leave out a language with no paragraphs', () => {
    expect(findUnsureRows({ fr: ['Un.'], vi: [] }, ['fr', 'vi'])).toEqual([]);
  });
});
