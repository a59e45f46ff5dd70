import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import { buildRow, buildText, type RowTexts } from './testing/build.js';

const BEFORE = { fr: 'Nous adoptons la déclaration.', vi: 'Chúng tôi thông qua tuyên bố.', ja: '宣言を採択する。' };

/** The one row of a declaration whose texts went from BEFORE to `after`. */
function rowAfter(after: RowTexts, languages = ['fr', 'vi']) {
  const before = Object.fromEntries(languages.map((lang) => [lang, BEFORE[lang as keyof typeof BEFORE]]));
  const comparison = compareTexts(buildText(languages, [['r', before]]), buildText(languages, [['r', { ...before, ...after }]]));
  return { row: comparison.rows[0]!, summary: comparison.summary };
}

describe('cross-language check (out of step)', () => {
  it('flags a row changed in French but not in Vietnamese', () => {
    const { row, summary } = rowAfter({ fr: 'Nous adoptons la déclaration finale.' });
    expect(row.outOfStep).toBe(true);
    expect(summary.outOfStepRows).toEqual([{ from: 'r', to: 'r', changed: ['fr'], unchanged: ['vi'] }]);
  });

  it('does not flag a row changed in both languages', () => {
    expect(rowAfter({ fr: 'Nous adoptons la déclaration finale.', vi: 'Chúng tôi thông qua tuyên bố chung.' }).row.outOfStep).toBe(false);
  });

  it('does not flag an unchanged row', () => {
    expect(rowAfter({}).row.outOfStep).toBe(false);
  });

  it('does not flag a typographic change that compares equal', () => {
    expect(rowAfter({ fr: 'Nous adoptons la\u00A0déclaration.' }).row.outOfStep).toBe(false);
  });

  it('flags a row whose third language lagged behind the other two', () => {
    const { row, summary } = rowAfter({ fr: 'Nous adoptons le texte.', vi: 'Chúng tôi thông qua văn bản.' }, ['fr', 'vi', 'ja']);
    expect(row.outOfStep).toBe(true);
    expect(summary.outOfStepRows[0]).toMatchObject({ changed: ['fr', 'vi'], unchanged: ['ja'] });
  });

  it('ignores a language with text in only one version when deciding what stayed the same', () => {
    const from = buildText(['fr', 'vi'], [['r', { fr: BEFORE.fr, vi: [] }]]);
    const to = buildText(['fr', 'vi'], [['r', { fr: 'Nous adoptons la déclaration finale.', vi: [] }]]);
    expect(compareTexts(from, to).rows[0]!.outOfStep).toBe(false);
  });

  it('flags a translation added next to a text that did not change, for review', () => {
    const from = buildText(['fr', 'vi'], [['r', { fr: BEFORE.fr, vi: [] }]]);
    const to = buildText(['fr', 'vi'], [['r', { fr: BEFORE.fr, vi: BEFORE.vi }]]);
    expect(compareTexts(from, to).rows[0]!.outOfStep).toBe(true);
  });

  it('checks a moved row too, and never an added or removed one', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', { fr: 'Un.', vi: 'Một.' }],
        ['b', { fr: 'Deux.', vi: 'Hai.' }],
        ['c', { fr: 'Trois.', vi: 'Ba.' }],
      ],
    );
    const to = buildText(
      ['fr', 'vi'],
      [['b', { fr: 'Deux.', vi: 'Hai.' }], ['c', { fr: 'Trois.', vi: 'Ba.' }], ['a', { fr: 'Un !', vi: 'Một.' }], buildRow('n', { fr: 'Neuf.', vi: [] })],
    );
    const rows = compareTexts(from, to).rows;
    expect(rows.map((row) => [row.to, row.change, row.outOfStep])).toEqual([
      ['b', 'equal', false],
      ['c', 'equal', false],
      ['a', 'moved', true],
      ['n', 'added', false],
    ]);
  });
});
