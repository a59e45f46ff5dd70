import { describe, expect, it } from 'vitest';
import { delegationName, languageName } from './delegations';

describe('naming a delegation', () => {
  it('names a delegation after its country, agreed in French, in each interface language', () => {
    expect(delegationName('fr', 'fr')).toBe('délégation française');
    expect(delegationName('vi', 'fr')).toBe('délégation vietnamienne');
    expect(delegationName('vi', 'vi')).toBe('đoàn Việt Nam');
    expect(delegationName('fr', 'vi')).toBe('đoàn Pháp');
    expect(delegationName('ja', 'vi')).toBe('đoàn Nhật Bản');
    expect(delegationName('fr', 'en')).toBe('French delegation');
    expect(delegationName('ja', 'en')).toBe('Japanese delegation');
  });

  it('never shows a bare language code for a language it knows by name', () => {
    expect(delegationName('de', 'en')).toBe('German delegation');
    expect(delegationName('de', 'fr')).toBe('délégation (allemand)');
    expect(delegationName('de', 'vi')).toBe('đoàn tiếng Đức');
    for (const ui of ['en', 'fr', 'vi'] as const) expect(delegationName('fr', ui)).not.toMatch(/\bfr\b/u);
  });

  it('writes a language name as it reads mid-sentence', () => {
    expect(languageName('fr', 'vi')).toBe('tiếng Pháp');
    expect(languageName('vi', 'fr')).toBe('vietnamien');
    expect(languageName('not a tag!', 'en')).toBe('not a tag!');
  });
});
