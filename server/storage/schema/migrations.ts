import { createIndex, createTable, protectTable, type Dialect } from './ddl.js';
import { POSTGRES_HISTORY, SQLITE_HISTORY } from './history.js';
import { tableNamed } from './tables.js';

/**
 * Step 7 brings SQLite to the shared schema (PostgreSQL already had it): the columns that had
 * drifted are renamed (`by`, `export`), and the tables whose row id was SQLite's hidden `rowid`
 * are rebuilt with the `id` column PostgreSQL has, keeping every row and its id.
 */
const SQLITE_TO_SHARED = [
  `ALTER TABLE versions RENAME COLUMN "by" TO created_by;`,
  `ALTER TABLE circulations RENAME COLUMN "by" TO started_by;`,
  `DROP TRIGGER freezes_keep_export;`,
  `ALTER TABLE freezes RENAME COLUMN "export" TO export_json;`,
  `ALTER TABLE publications RENAME COLUMN "export" TO export_json;`,
  ...protectTable(tableNamed('freezes', 'sqlite'), 'sqlite'),
  `DROP INDEX circulations_open;`,
  createIndex(tableNamed('circulations', 'sqlite'), tableNamed('circulations', 'sqlite').indexes![0]!),
  createIndex(tableNamed('grants', 'sqlite'), tableNamed('grants', 'sqlite').indexes![0]!),
  `DROP INDEX paragraph_edits_by_pid;`,
  ...rebuild('paragraph_edits', 'id, doc_id, pid, grant_id, name, at', 'rowid, doc_id, pid, grant_id, name, at'),
  `DROP INDEX signing_keys_by_grant;`,
  ...rebuild('signing_keys', 'id, grant_id, doc_id, public_key, registered_at', 'rowid, grant_id, doc_id, public_key, registered_at'),
].join('\n');

/** Replaces a table by the shared schema's, copying its rows (`from` lists what fills `into`). */
function rebuild(name: string, into: string, from: string): string[] {
  return [
    `ALTER TABLE ${name} RENAME TO ${name}_before;`,
    createTable(tableNamed(name, 'sqlite'), 'sqlite'),
    `INSERT INTO ${name} (${into}) SELECT ${from} FROM ${name}_before;`,
    `DROP TABLE ${name}_before;`,
  ];
}

/**
 * Each dialect's upgrade steps, in order: step n brings a database at version n-1 to version n.
 * Append a step (the same for both dialects where they agree) with every change to tables.ts;
 * the migration tests check that upgrading ends exactly where a fresh database starts.
 */
const UPGRADES: Record<Dialect, readonly string[]> = {
  sqlite: [...SQLITE_HISTORY, SQLITE_TO_SHARED],
  postgres: [...POSTGRES_HISTORY, 'SELECT 1'],
};

/** How many schema steps this Accord knows. */
export const SCHEMA_VERSION = UPGRADES.sqlite.length;

if (UPGRADES.postgres.length !== SCHEMA_VERSION) throw new Error('both dialects must know the same schema steps');

/** The SQL that brings a database at schema version `to - 1` to `to` (a fresh database runs createSchema instead). */
export function upgradeStep(dialect: Dialect, to: number): string {
  const step = UPGRADES[dialect][to - 1];
  if (step === undefined) throw new Error(`no schema step ${to}`);
  return step;
}
