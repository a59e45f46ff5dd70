import { describe, expect, it } from 'vitest';
import { CATALOGUES, UI_LANGUAGES } from './messages';
import { translate, translateCount } from './translate';

describe('counting things in the interface language', () => {
  it('says "1 objection" and "2 objections" in English', () => {
    expect(translateCount('en', 'objectionCount', 1)).toBe('1 objection');
    expect(translateCount('en', 'objectionCount', 2)).toBe('2 objections');
    expect(translateCount('en', 'objectionCount', 0)).toBe('0 objections');
  });

  it('uses the French singular for 0 and 1, and agrees the participle', () => {
    expect(translateCount('fr', 'objectionCount', 0)).toBe('0 objection');
    expect(translateCount('fr', 'objectionCount', 1)).toBe('1 objection');
    expect(translateCount('fr', 'objectionCount', 2)).toBe('2 objections');
    expect(translateCount('fr', 'paragraphsFound', 1, { language: 'vietnamien' })).toBe('1 paragraphe trouvé en vietnamien');
    expect(translateCount('fr', 'paragraphsFound', 12, { language: 'vietnamien' })).toBe('12 paragraphes trouvés en vietnamien');
    expect(translateCount('fr', 'connectedNow', 1)).toBe('1 connecté');
    expect(translateCount('fr', 'connectedNow', 3)).toBe('3 connectés');
  });

  it('has one form in Vietnamese, which has no plural', () => {
    expect(translateCount('vi', 'objectionCount', 1)).toBe('1 ý kiến phản đối');
    expect(translateCount('vi', 'objectionCount', 5)).toBe('5 ý kiến phản đối');
  });

  it('writes the number as the language does', () => {
    expect(translateCount('en', 'rowCount', 1234)).toBe('1,234 rows');
    expect(translateCount('fr', 'rowCount', 1234)).toBe('1\u202f234 lignes');
    expect(translateCount('vi', 'rowCount', 1234)).toBe('1.234 hàng');
  });

  it('builds a summary of several counts with each count in its own form', () => {
    const line = translate('en', 'summaryLine', {
      changed: translateCount('en', 'rowsChangedCount', 1),
      added: translateCount('en', 'addedCount', 0),
      removed: translateCount('en', 'removedCount', 2),
      moved: translateCount('en', 'movedCount', 0),
      outOfStep: translateCount('en', 'outOfStepCount', 1),
    });
    expect(line).toBe('1 row changed, 0 added, 2 removed, 0 moved; 1 out of step');
    expect(
      translate('fr', 'changeSize', {
        changed: translateCount('fr', 'changedCount', 1),
        added: translateCount('fr', 'addedCount', 2),
        removed: translateCount('fr', 'removedCount', 0),
      }),
    ).toBe('1 modifiée, 2 ajoutées, 0 supprimée');
  });

  it('gives every plural message an "other" form in every interface language', () => {
    for (const lang of UI_LANGUAGES) {
      const keys = Object.keys(CATALOGUES[lang]);
      for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys, `${lang}: ${key}`).toContain(key.replace(/_one$/u, '_other'));
      for (const key of Object.keys(CATALOGUES.en).filter((k) => k.endsWith('_other'))) expect(keys, `${lang}: ${key}`).toContain(key);
    }
  });

  it('fills placeholders with text as it is, even text that looks like a replacement pattern', () => {
    expect(translate('en', 'refused', { reason: 'costs $& and $1' })).toBe('The server refused a change: costs $& and $1. Your copy was reloaded.');
  });
});
