import pg from 'pg';

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

/** Raised by a trigger when something immutable would change (the message says what). */
const REFUSE_CHANGE = `CREATE FUNCTION accord_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
   BEGIN
     RAISE EXCEPTION '%', TG_ARGV[0];
   END
   $fn$;`;

/** Row triggers that refuse UPDATE and DELETE, and a statement trigger that refuses TRUNCATE. */
function immutable(table: string, message: string): string {
  return `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION accord_refuse_change('${message}');
   CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION accord_refuse_change('${message}');`;
}

/**
 * Ordered schema steps, the same tables as the SQLite schema (sqliteDatabase.ts) step by step;
 * `schema_migrations` records which have run. Ids and languages compare bytewise (`COLLATE "C"`)
 * so that orderings match SQLite's whatever the database's locale. Never edit a step that has
 * shipped: append a new one.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE declarations (
     id text COLLATE "C" PRIMARY KEY,
     title text NOT NULL,
     languages text NOT NULL,
     created_at bigint NOT NULL
   );
   CREATE TABLE grants (
     id text COLLATE "C" PRIMARY KEY,
     token_hash text NOT NULL UNIQUE,
     declaration_id text COLLATE "C" REFERENCES declarations(id),
     role text NOT NULL,
     lang text,
     name text NOT NULL,
     created_at bigint NOT NULL,
     expires_at bigint,
     revoked_at bigint
   );
   CREATE INDEX grants_by_declaration ON grants(declaration_id, created_at);
   -- Per document, the last sequence number given: appends lock this row, so numbers are
   -- handed out and committed in order even when several servers write one document.
   CREATE TABLE doc_heads (
     doc_id text PRIMARY KEY,
     last_seq bigint NOT NULL
   );
   CREATE TABLE doc_snapshots (
     doc_id text PRIMARY KEY,
     state bytea NOT NULL,
     seq bigint NOT NULL
   );
   CREATE TABLE doc_updates (
     doc_id text NOT NULL,
     seq bigint NOT NULL,
     data bytea NOT NULL,
     access_id text,
     at bigint NOT NULL,
     PRIMARY KEY (doc_id, seq)
   );`,
  `CREATE TABLE paragraph_edits (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     doc_id text NOT NULL,
     pid text NOT NULL,
     grant_id text NOT NULL,
     name text NOT NULL,
     at bigint NOT NULL
   );
   CREATE INDEX paragraph_edits_by_pid ON paragraph_edits(doc_id, pid, at);
   CREATE INDEX paragraph_edits_by_time ON paragraph_edits(doc_id, at);`,
  `${REFUSE_CHANGE}
   CREATE TABLE versions (
     doc_id text NOT NULL,
     version integer NOT NULL,
     kind text NOT NULL,
     label text NOT NULL,
     note text NOT NULL,
     at bigint NOT NULL,
     created_by text NOT NULL,
     state bytea NOT NULL,
     canonical text NOT NULL,
     change_summary text,
     PRIMARY KEY (doc_id, version)
   );
   -- Versions are immutable: the database itself refuses to change or remove one.
   ${immutable('versions', 'versions are immutable')}`,
  `CREATE TABLE circulations (
     id text PRIMARY KEY,
     doc_id text NOT NULL,
     version integer NOT NULL,
     deadline bigint NOT NULL,
     started_at bigint NOT NULL,
     started_by text NOT NULL,
     closed_at bigint,
     outcome text
   );
   CREATE INDEX circulations_open ON circulations(deadline) WHERE closed_at IS NULL;`,
  `CREATE TABLE freezes (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     doc_id text NOT NULL,
     version integer NOT NULL,
     frozen_at bigint NOT NULL,
     frozen_by text NOT NULL,
     override_reason text,
     concordance text NOT NULL,
     export_json text NOT NULL,
     unfrozen_at bigint,
     unfrozen_by text,
     unfreeze_reason text
   );
   -- At most one current freeze per declaration, whatever races to create one.
   CREATE UNIQUE INDEX freezes_current ON freezes(doc_id) WHERE unfrozen_at IS NULL;
   CREATE TABLE signing_keys (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     grant_id text NOT NULL,
     doc_id text NOT NULL,
     public_key text NOT NULL,
     registered_at bigint NOT NULL
   );
   CREATE INDEX signing_keys_by_grant ON signing_keys(grant_id, registered_at);
   CREATE TABLE signatures (
     freeze_id bigint NOT NULL REFERENCES freezes(id),
     lang text COLLATE "C" NOT NULL,
     grant_id text NOT NULL,
     signer text NOT NULL,
     public_key text NOT NULL,
     signature text NOT NULL,
     signed_at text COLLATE "C" NOT NULL,
     PRIMARY KEY (freeze_id, lang)
   );
   CREATE TABLE publications (
     doc_id text PRIMARY KEY,
     freeze_id bigint NOT NULL REFERENCES freezes(id),
     published_at bigint NOT NULL,
     published_by text NOT NULL,
     replaces text,
     export_json text NOT NULL
   );
   CREATE UNIQUE INDEX publications_replaces ON publications(replaces) WHERE replaces IS NOT NULL;
   CREATE TABLE corrections (
     doc_id text PRIMARY KEY,
     replaces text NOT NULL
   );
   -- What was signed and published stays as it was: the database refuses to change it.
   ${immutable('signatures', 'signatures are immutable')}
   ${immutable('publications', 'publications are immutable')}
   CREATE TRIGGER freezes_keep_export BEFORE UPDATE OF export_json, doc_id, version, frozen_at ON freezes
     FOR EACH ROW EXECUTE FUNCTION accord_refuse_change('a freeze record is immutable');`,
  // Yjs client ids are unsigned 32-bit: bigint, not integer.
  `CREATE TABLE client_owners (
     doc_id text NOT NULL,
     client bigint NOT NULL,
     grant_id text NOT NULL,
     PRIMARY KEY (doc_id, client)
   );`,
];

/** How many schema steps this Accord knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** One real round trip to the server, through the pool (for readiness). */
export async function pingPostgres(db: PostgresDatabase): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * Connects to `url` (a `postgres://` URL) and brings the schema up to date before returning.
 * Several servers may start at once: each step runs in its own transaction under an advisory
 * lock, so exactly one of them applies it. Commits wait for the WAL to reach disk (the
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

async function migrate(db: PostgresDatabase): Promise<void> {
  for (let version = 1; version <= MIGRATIONS.length; version++) {
    await inTransaction(db, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LockSpace.Migrations]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ newest: number | null; applied: boolean }>(
        'SELECT max(version) AS newest, bool_or(version = $1) AS applied FROM schema_migrations',
        [version],
      );
      const newest = rows[0]?.newest ?? 0;
      if (newest > MIGRATIONS.length) {
        throw new Error(`the database has schema version ${newest}, newer than this Accord (${MIGRATIONS.length})`);
      }
      if (rows[0]?.applied) return;
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    });
  }
}

/** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(
  db: PostgresDatabase,
  work: (client: PostgresClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
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

/** bytea parameters: a Buffer view of the same bytes, without copying. */
export function toBytea(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
