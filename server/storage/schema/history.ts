/**
 * The schema steps as the two dialects ran them before the schema was written once (tables.ts),
 * frozen as they shipped: a database created by an older Accord is brought up to date by
 * running the steps it lacks, then the shared steps in migrations.ts. Never edit these.
 */

/** SQLite's steps 1 to 6; `PRAGMA user_version` records how many have run. */
export const SQLITE_HISTORY: readonly string[] = [
  `CREATE TABLE declarations (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     languages TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE grants (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     declaration_id TEXT REFERENCES declarations(id),
     role TEXT NOT NULL,
     lang TEXT,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     revoked_at INTEGER
   );
   CREATE TABLE doc_snapshots (
     doc_id TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     seq INTEGER NOT NULL
   );
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_id TEXT NOT NULL,
     data BLOB NOT NULL,
     access_id TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX doc_updates_by_doc ON doc_updates(doc_id, seq);`,
  `CREATE TABLE paragraph_edits (
     doc_id TEXT NOT NULL,
     pid TEXT NOT NULL,
     grant_id TEXT NOT NULL,
     name TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX paragraph_edits_by_pid ON paragraph_edits(doc_id, pid, at);`,
  `CREATE TABLE versions (
     doc_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     kind TEXT NOT NULL,
     label TEXT NOT NULL,
     note TEXT NOT NULL,
     at INTEGER NOT NULL,
     by TEXT NOT NULL,
     state BLOB NOT NULL,
     canonical TEXT NOT NULL,
     change_summary TEXT,
     PRIMARY KEY (doc_id, version)
   );
   -- Versions are immutable: the database itself refuses to change or remove one.
   CREATE TRIGGER versions_immutable_update BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
   CREATE TRIGGER versions_immutable_delete BEFORE DELETE ON versions BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;`,
  `CREATE TABLE circulations (
     id TEXT PRIMARY KEY,
     doc_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     deadline INTEGER NOT NULL,
     started_at INTEGER NOT NULL,
     by TEXT NOT NULL,
     closed_at INTEGER,
     outcome TEXT
   );
   CREATE INDEX circulations_open ON circulations(closed_at, deadline);`,
  `CREATE TABLE freezes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     frozen_at INTEGER NOT NULL,
     frozen_by TEXT NOT NULL,
     override_reason TEXT,
     concordance TEXT NOT NULL,
     export TEXT NOT NULL,
     unfrozen_at INTEGER,
     unfrozen_by TEXT,
     unfreeze_reason TEXT
   );
   -- At most one current freeze per declaration, whatever races to create one.
   CREATE UNIQUE INDEX freezes_current ON freezes(doc_id) WHERE unfrozen_at IS NULL;
   CREATE TABLE signing_keys (
     grant_id TEXT NOT NULL,
     doc_id TEXT NOT NULL,
     public_key TEXT NOT NULL,
     registered_at INTEGER NOT NULL
   );
   CREATE INDEX signing_keys_by_grant ON signing_keys(grant_id, registered_at);
   CREATE TABLE signatures (
     freeze_id INTEGER NOT NULL REFERENCES freezes(id),
     lang TEXT NOT NULL,
     grant_id TEXT NOT NULL,
     signer TEXT NOT NULL,
     public_key TEXT NOT NULL,
     signature TEXT NOT NULL,
     signed_at TEXT NOT NULL,
     PRIMARY KEY (freeze_id, lang)
   );
   CREATE TABLE publications (
     doc_id TEXT PRIMARY KEY,
     freeze_id INTEGER NOT NULL REFERENCES freezes(id),
     published_at INTEGER NOT NULL,
     published_by TEXT NOT NULL,
     replaces TEXT,
     export TEXT NOT NULL
   );
   CREATE UNIQUE INDEX publications_replaces ON publications(replaces) WHERE replaces IS NOT NULL;
   CREATE TABLE corrections (
     doc_id TEXT PRIMARY KEY,
     replaces TEXT NOT NULL
   );
   -- What was signed and published stays as it was: the database refuses to change it.
   CREATE TRIGGER signatures_immutable_update BEFORE UPDATE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
   CREATE TRIGGER signatures_immutable_delete BEFORE DELETE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
   CREATE TRIGGER publications_immutable_update BEFORE UPDATE ON publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
   CREATE TRIGGER publications_immutable_delete BEFORE DELETE ON publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
   CREATE TRIGGER freezes_keep_export BEFORE UPDATE OF export, doc_id, version, frozen_at ON freezes BEGIN SELECT RAISE(ABORT, 'a freeze record is immutable'); END;`,
  `CREATE TABLE client_owners (
     doc_id TEXT NOT NULL,
     client INTEGER NOT NULL,
     grant_id TEXT NOT NULL,
     PRIMARY KEY (doc_id, client)
   );`,
];

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
 * PostgreSQL's steps 1 to 6; `schema_migrations` records which have run. Its names were
 * already those of the shared schema.
 */
export const POSTGRES_HISTORY: readonly string[] = [
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
