import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSchema } from '../schema/ddl.js';
import { SCHEMA_VERSION, upgradeStep } from '../schema/migrations.js';

export type SqliteDatabase = Database.Database;

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

/** A new file gets the schema whole; an older one the steps it lacks. `PRAGMA user_version` counts the steps run. */
function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`accord.db has schema version ${current}, newer than this Accord (${SCHEMA_VERSION})`);
  }
  if (current === 0) {
    db.transaction(() => {
      db.exec(createSchema('sqlite'));
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    return;
  }
  for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(upgradeStep('sqlite', v));
      db.pragma(`user_version = ${v}`);
    })();
  }
}
