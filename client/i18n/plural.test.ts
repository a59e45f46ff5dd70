import { describe, expect, it } from 'vitest';
import { formatCount, pluralKey } from './plural';

const has = (keys: string[]) => (key: string) => keys.includes(key);

describe('plural forms', () => {
  it('follows each language’s rule: French puts 0 and 1 in the singular, English only 1, Vietnamese has one form', () => {
    const keys = has(['rowCount_one', 'rowCount_other']);
    expect(pluralKey('fr', 'rowCount', 0, keys)).toBe('rowCount_one');
    expect(pluralKey('fr', 'rowCount', 1, keys)).toBe('rowCount_one');
    expect(pluralKey('fr', 'rowCount', 2, keys)).toBe('rowCount_other');
    expect(pluralKey('en', 'rowCount', 0, keys)).toBe('rowCount_other');
    expect(pluralKey('en', 'rowCount', 1, keys)).toBe('rowCount_one');
    expect(pluralKey('vi', 'rowCount', 1, keys)).toBe('rowCount_other');
  });

  it('falls back to the other form when the catalogue lacks a category', () => {
    expect(pluralKey('fr', 'rowCount', 1, has(['rowCount_other']))).toBe('rowCount_other');
  });

  it('writes numbers as the language does', () => {
    expect(formatCount('en', 1234)).toBe('1,234');
    expect(formatCount('fr', 1234)).toBe('1\u202f234');
    expect(formatCount('vi', 1234)).toBe('1.234');
  });
});
