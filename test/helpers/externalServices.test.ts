import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './postgres.js';
import { pingRedis, useTestRedis } from './redis.js';

const redis = useTestRedis();
const database = useTestDatabase();

describe.skipIf(!redis.available)('the test Redis', () => {
  it('answers on loopback', async () => {
    expect(redis.url()).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await pingRedis(redis.url())).toBe(true);
  });
});

describe.skipIf(!database.available)('the test PostgreSQL', () => {
  it('gives the file a database of its own, and each schema URL an empty schema', async () => {
    const url = await database.get().freshSchemaUrl();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string; schema: string; tables: string }>(
      'SELECT current_database() AS db, current_schema() AS schema, (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()) AS tables',
    );
    await client.end();
    expect(rows[0]!.db).toMatch(/^accord_test_/);
    expect(rows[0]!.schema).toMatch(/^s\d+_/);
    expect(rows[0]!.tables).toBe('0');
  });
});
