import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type SqliteDatabase = Database.Database;

/** Ordered schema steps; `PRAGMA user_version` records how many have run. */
const MIGRATIONS: readonly string[] = [
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

/**
 * Opens (creating if needed) `accord.db` in `dataDir`. WAL with synchronous=NORMAL makes each
 * commit reach the OS before it returns, so a killed process loses nothing committed; set
 * `durability: 'fsync'` to also survive power loss, at the cost of an fsync per commit.
 */
export function openSqliteDatabase(dataDir: string, durability: 'process' | 'fsync' = 'process'): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'accord.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'fsync' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** One real round trip through the database (for readiness). */
export async function pingSqlite(db: SqliteDatabase): Promise<void> {
  db.prepare('SELECT 1').get();
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`accord.db has schema version ${current}, newer than this Accord (${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
