import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('DATABASE_URL', () => {
  it('keeps the embedded storage when unset', () => {
    expect(readConfig({}).databaseUrl).toBeNull();
  });

  it('takes a postgres:// or postgresql:// URL', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://accord:pw@db:5432/accord' }).databaseUrl).toBe('postgres://accord:pw@db:5432/accord');
    expect(readConfig({ DATABASE_URL: 'postgresql://db/accord' }).databaseUrl).toBe('postgresql://db/accord');
  });

  it('refuses anything else at start, without echoing the value (it may hold a password)', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://u:secret@db/accord' })).toThrow(/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/);
    expect(() => readConfig({ DATABASE_URL: 'accord.db' })).toThrow(/DATABASE_URL must be/);
  });
});
