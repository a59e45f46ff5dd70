import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { serviceAvailable } from './externalService.js';
import { findPostgresBinaries, startPostgres, withPgClient } from './localServices.js';

export { findPostgresBinaries } from './localServices.js';

export const POSTGRES_MISSING = 'PostgreSQL not found: install postgresql or set ACCORD_TEST_DATABASE_URL';

/** This test file's own database on a PostgreSQL server. */
export interface TestDatabase {
  /** The database's URL. */
  readonly url: string;
  /** A URL to a new, empty schema of the database (its `search_path`): a fresh store in milliseconds. */
  freshSchemaUrl(): Promise<string>;
}

/**
 * Gives the calling test file a database of its own, created before its tests and dropped after:
 * on the server at `ACCORD_TEST_DATABASE_URL` (any database there; the role must be allowed to
 * create databases), or else on a throwaway cluster started on loopback from the PostgreSQL
 * binaries on PATH or in /usr/lib/postgresql/<version>/bin (localServices.ts). `available` is
 * false (the tests skip, saying why) when there is neither; under CI=true that fails the file instead.
 */
export function useTestDatabase(): { readonly available: boolean; get(): TestDatabase } {
  const fromEnv = process.env.ACCORD_TEST_DATABASE_URL || null;
  const binDir = fromEnv ? null : findPostgresBinaries();
  const available = serviceAvailable(fromEnv !== null || binDir !== null, POSTGRES_MISSING);
  let server: { url: string; stop(): Promise<void> } | null = null;
  let database: TestDatabase | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;

  if (available) {
    beforeAll(async () => {
      server = fromEnv ? { url: fromEnv, stop: async () => undefined } : await startPostgres(binDir!);
      const created = await createDatabase(server.url);
      database = created.database;
      dropDatabase = created.drop;
    });
    afterAll(async () => {
      try {
        await dropDatabase?.();
      } finally {
        await server?.stop();
      }
    });
  }
  return {
    available,
    get() {
      if (!database) throw new Error('the test database is not ready (use it inside tests or hooks)');
      return database;
    },
  };
}

async function createDatabase(serverUrl: string): Promise<{ database: TestDatabase; drop(): Promise<void> }> {
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  await withPgClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let schemas = 0;
  return {
    database: {
      url: url.href,
      async freshSchemaUrl() {
        const schema = `s${++schemas}_${randomBytes(3).toString('hex')}`;
        await withPgClient(url.href, (c) => c.query(`CREATE SCHEMA ${schema}`));
        const scoped = new URL(url.href);
        scoped.searchParams.set('options', `-c search_path=${schema}`);
        return scoped.href;
      },
    },
    drop: () => withPgClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
