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

  it('are numbered by the rows the import makes when three languages compose them', () => {
    const fr = texts('align/charter.fr.txt');
    // A paragraph only the English draft has: a row of its own before the fourth French paragraph.
    const en = texts('align/charter.en.txt');
    en.splice(3, 0, 'This paragraph was added to the English draft only, and says something of its own about the weather.');
    // The Vietnamese 13th paragraph replaced by one from another text: its rows are unsure.
    const vi = texts('align/charter.vi.txt').map((text, i) => (i === 12 ? texts('align/invitation.vi.txt')[5]! : text));
    const [enRows, viRows] = findUnsureRows({ fr, en, vi }, ['fr', 'en', 'vi']);
    expect(enRows).toMatchObject({ lang: 'en', rows: 27, ranges: [] });
    // Against French alone they are links 13–14; in the declaration, after the English row, rows 14–15.
    expect(viRows).toMatchObject({ lang: 'vi', rows: 27, ranges: [[14, 15]], unrelated: false });
  });

  it('leave out a language with no paragraphs', () => {
    expect(findUnsureRows({ fr: ['Un.'], vi: [] }, ['fr', 'vi'])).toEqual([]);
  });
});
