import pg from 'pg';
import { createSchema } from '../schema/ddl.js';
import { SCHEMA_VERSION, upgradeStep } from '../schema/migrations.js';

export type PostgresDatabase = pg.Pool;
export type PostgresClient = pg.PoolClient;

/** Keys of the transaction-scoped advisory locks Accord takes (first half of the two-key form). */
export const LockSpace = {
  Migrations: 0x4163_6301,
  Versions: 0x4163_6302,
  Attribution: 0x4163_6303,
  Startup: 0x4163_6304,
} as const;

const INT8_OID = 20;

/**
 * bigint columns hold milliseconds, sequence numbers and counts, all far below 2^53: read them
 * as numbers, as SQLite gives them, instead of pg's default strings. Set per pool, not globally.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** One real round trip to the server, through the pool (for readiness). */
export async function pingPostgres(db: PostgresDatabase): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * Connects to `url` (a `postgres://` URL) and brings the schema up to date before returning.
 * Several servers may start at once: the steps run in one transaction under an advisory lock,
 * so exactly one of them applies them. Commits wait for the WAL to reach disk (the
 * server's `synchronous_commit`), so a resolved write survives the loss of either process.
 */
export async function openPostgresDatabase(url: string, options: { onError?: (error: Error) => void } = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 10_000, keepAlive: true });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', options.onError ?? (() => undefined));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/**
 * An empty database gets the schema whole; an older one the steps it lacks, all in one
 * transaction. `schema_migrations` records every step the database has.
 */
async function migrate(db: PostgresDatabase): Promise<void> {
  await inTransaction(db, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LockSpace.Migrations]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ newest: number | null }>('SELECT max(version) AS newest FROM schema_migrations');
    const newest = rows[0]?.newest ?? 0;
    if (newest > SCHEMA_VERSION) {
      throw new Error(`the database has schema version ${newest}, newer than this Accord (${SCHEMA_VERSION})`);
    }
    if (newest === 0) await client.query(createSchema('postgres'));
    for (let version = newest + 1; version <= SCHEMA_VERSION; version++) {
      if (newest > 0) await client.query(upgradeStep('postgres', version));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
  });
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(db: PostgresDatabase, work: (client: PostgresClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await db.connect();
  let broken = false;
  // A connection lost between two statements is reported by the next one; unheard, it would crash the process.
  const lost = () => (broken = true);
  client.on('error', lost);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
