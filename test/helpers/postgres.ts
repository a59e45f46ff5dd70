import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { findProgramDir, freePort, serviceAvailable, stopChild, unprivilegedUser, waitUntilReady } from './externalService.js';

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
 * binaries on PATH or in /usr/lib/postgresql/<version>/bin. `available` is false (the tests skip,
 * saying why) when there is neither; under CI=true that fails the file instead.
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
      server = fromEnv ? { url: fromEnv, stop: async () => undefined } : await startCluster(binDir!);
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

/** Where PostgreSQL's server programs are, if anywhere. */
export function findPostgresBinaries(): string | null {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  return findProgramDir(['initdb', 'postgres'], versions);
}

async function createDatabase(serverUrl: string): Promise<{ database: TestDatabase; drop(): Promise<void> }> {
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let schemas = 0;
  return {
    database: {
      url: url.href,
      async freshSchemaUrl() {
        const schema = `s${++schemas}_${randomBytes(3).toString('hex')}`;
        await withClient(url.href, (c) => c.query(`CREATE SCHEMA ${schema}`));
        const scoped = new URL(url.href);
        scoped.searchParams.set('options', `-c search_path=${schema}`);
        return scoped.href;
      },
    },
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * initdb and postgres in a temporary directory, listening on a free loopback port (its socket
 * in the same directory), as `nobody` when we are root. fsync is off: a test cluster is thrown
 * away, and the tests are about what the database says, not about the disk.
 */
async function startCluster(binDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-pg-'));
  const user = unprivilegedUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const as = { cwd: dir, ...(user ?? {}), env: { PATH: process.env.PATH ?? '', LC_ALL: 'C', TZ: 'UTC' } };
  const data = join(dir, 'data');
  const init = spawnSync(join(binDir, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], { ...as, encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${binDir}):\n${init.stderr || init.error}`);
  }
  // The free port may be taken between choosing it and binding it (test files start in parallel): try another.
  for (let attempt = 1; ; attempt++) {
    try {
      const running = await startPostgres(binDir, data, dir, as, await freePort());
      return {
        url: running.url,
        async stop() {
          await running.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      if (attempt < 3) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
}

async function startPostgres(binDir: string, data: string, socketDir: string, as: SpawnOptions, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    join(binDir, 'postgres'),
    ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    { ...as, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  // If this worker dies without its hooks, the cluster goes with it.
  const onExit = () => child.kill('SIGQUIT');
  process.once('exit', onExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    process.off('exit', onExit);
    await stopChild(child, 'SIGINT'); // fast shutdown
  };
  try {
    await waitUntilReady(child, () => output, () => withClient(url, async () => true), `postgres (${binDir})`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
