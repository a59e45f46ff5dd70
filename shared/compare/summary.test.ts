import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import { buildRow, buildText } from './testing/build.js';

describe('comparison summary', () => {
  it('counts rows by change, per language, and the rows out of step', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['keep', { fr: 'Inchangé.', vi: 'Không đổi.' }],
        ['both', { fr: 'Les deux changent.', vi: 'Cả hai thay đổi.' }],
        ['frOnly', { fr: 'Le français change.', vi: 'Chỉ tiếng Pháp.' }],
        ['gone', { fr: 'Supprimé.', vi: 'Bị xóa.' }],
        ['move', { fr: 'Déplacé.', vi: 'Di chuyển.' }],
        ['fill', { fr: 'À traduire.', vi: [] }],
      ],
    );
    const to = buildText(
      ['fr', 'vi'],
      [
        ['move', { fr: 'Déplacé.', vi: 'Di chuyển.' }],
        ['keep', { fr: 'Inchangé.', vi: 'Không đổi.' }],
        ['both', { fr: 'Les deux ont changé.', vi: 'Cả hai đã thay đổi.' }],
        ['frOnly', { fr: 'Le français a changé.', vi: 'Chỉ tiếng Pháp.' }],
        ['fill', { fr: 'À traduire.', vi: 'Cần dịch.' }],
        buildRow('new', { fr: 'Nouveau.', vi: 'Mới.' }),
      ],
    );
    const { summary } = compareTexts(from, to);
    expect(summary).toEqual({
      rowsAdded: 1,
      rowsRemoved: 1,
      rowsChanged: 3,
      rowsMoved: 1,
      rowsEqual: 1,
      perLanguage: {
        fr: { added: 1, removed: 1, changed: 2 },
        vi: { added: 2, removed: 1, changed: 1 },
      },
      outOfStep: 2,
      outOfStepRows: [
        { from: 'frOnly', to: 'frOnly', changed: ['fr'], unchanged: ['vi'] },
        { from: 'fill', to: 'fill', changed: ['vi'], unchanged: ['fr'] },
      ],
    });
  });

  it('counts an identical version as all rows equal', () => {
    const text = buildText(
      ['fr', 'vi'],
      [
        ['a', { fr: 'Un.', vi: 'Một.' }],
        ['b', { fr: 'Deux.', vi: 'Hai.' }],
      ],
    );
    expect(compareTexts(text, text).summary).toMatchObject({ rowsEqual: 2, rowsChanged: 0, outOfStep: 0, outOfStepRows: [] });
  });
});
