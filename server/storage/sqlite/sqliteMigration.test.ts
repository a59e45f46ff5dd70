import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../../shared/model/ids.js';
import { openStores } from '../openStores.js';
import { SCHEMA_VERSION } from '../schema/migrations.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqliteDatabase.js';

/**
 * The SQLite schema as Accord shipped it before the schema was written once (schema version 6),
 * copied here so that the test keeps meaning what it says whatever later happens to history.ts.
 */
const OLD_SCHEMA = `
  CREATE TABLE declarations (id TEXT PRIMARY KEY, title TEXT NOT NULL, languages TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE grants (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, declaration_id TEXT REFERENCES declarations(id), role TEXT NOT NULL,
    lang TEXT, name TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER, revoked_at INTEGER);
  CREATE TABLE doc_snapshots (doc_id TEXT PRIMARY KEY, state BLOB NOT NULL, seq INTEGER NOT NULL);
  CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, data BLOB NOT NULL, access_id TEXT, at INTEGER NOT NULL);
  CREATE INDEX doc_updates_by_doc ON doc_updates(doc_id, seq);
  CREATE TABLE paragraph_edits (doc_id TEXT NOT NULL, pid TEXT NOT NULL, grant_id TEXT NOT NULL, name TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX paragraph_edits_by_pid ON paragraph_edits(doc_id, pid, at);
  CREATE TABLE versions (doc_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, note TEXT NOT NULL, at INTEGER NOT NULL,
    by TEXT NOT NULL, state BLOB NOT NULL, canonical TEXT NOT NULL, change_summary TEXT, PRIMARY KEY (doc_id, version));
  CREATE TRIGGER versions_immutable_update BEFORE UPDATE ON versions BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
  CREATE TRIGGER versions_immutable_delete BEFORE DELETE ON versions BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
  CREATE TABLE circulations (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, version INTEGER NOT NULL, deadline INTEGER NOT NULL, started_at INTEGER NOT NULL,
    by TEXT NOT NULL, closed_at INTEGER, outcome TEXT);
  CREATE INDEX circulations_open ON circulations(closed_at, deadline);
  CREATE TABLE freezes (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, version INTEGER NOT NULL, frozen_at INTEGER NOT NULL, frozen_by TEXT NOT NULL,
    override_reason TEXT, concordance TEXT NOT NULL, export TEXT NOT NULL, unfrozen_at INTEGER, unfrozen_by TEXT, unfreeze_reason TEXT);
  CREATE UNIQUE INDEX freezes_current ON freezes(doc_id) WHERE unfrozen_at IS NULL;
  CREATE TABLE signing_keys (grant_id TEXT NOT NULL, doc_id TEXT NOT NULL, public_key TEXT NOT NULL, registered_at INTEGER NOT NULL);
  CREATE INDEX signing_keys_by_grant ON signing_keys(grant_id, registered_at);
  CREATE TABLE signatures (freeze_id INTEGER NOT NULL REFERENCES freezes(id), lang TEXT NOT NULL, grant_id TEXT NOT NULL, signer TEXT NOT NULL,
    public_key TEXT NOT NULL, signature TEXT NOT NULL, signed_at TEXT NOT NULL, PRIMARY KEY (freeze_id, lang));
  CREATE TABLE publications (doc_id TEXT PRIMARY KEY, freeze_id INTEGER NOT NULL REFERENCES freezes(id), published_at INTEGER NOT NULL,
    published_by TEXT NOT NULL, replaces TEXT, export TEXT NOT NULL);
  CREATE UNIQUE INDEX publications_replaces ON publications(replaces) WHERE replaces IS NOT NULL;
  CREATE TABLE corrections (doc_id TEXT PRIMARY KEY, replaces TEXT NOT NULL);
  CREATE TRIGGER signatures_immutable_update BEFORE UPDATE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
  CREATE TRIGGER signatures_immutable_delete BEFORE DELETE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures are immutable'); END;
  CREATE TRIGGER publications_immutable_update BEFORE UPDATE ON publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
  CREATE TRIGGER publications_immutable_delete BEFORE DELETE ON publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
  CREATE TRIGGER freezes_keep_export BEFORE UPDATE OF export, doc_id, version, frozen_at ON freezes BEGIN SELECT RAISE(ABORT, 'a freeze record is immutable'); END;
  CREATE TABLE client_owners (doc_id TEXT NOT NULL, client INTEGER NOT NULL, grant_id TEXT NOT NULL, PRIMARY KEY (doc_id, client));
  PRAGMA user_version = 6;`;

/** A row of each kind, written as the old Accord wrote them. */
const OLD_DATA = `
  INSERT INTO declarations VALUES ('d1', 'Tuyên bố chung', '["vi","fr"]', 1000);
  INSERT INTO grants VALUES ('g1', 'hash-1', 'd1', 'delegation', 'fr', 'Délégation française', 1100, NULL, NULL);
  INSERT INTO paragraph_edits VALUES ('d1', 'p1', 'g1', 'Délégation française', 1200), ('d1', 'p1', 'g2', 'Phái đoàn', 1300);
  INSERT INTO versions VALUES ('d1', 1, 'named', 'Première lecture', '', 1400, 'Secrétariat', x'0000', '{"rows":[]}', NULL);
  INSERT INTO circulations VALUES ('c1', 'd1', 1, 9000, 1500, 'Secrétariat', NULL, NULL);
  INSERT INTO freezes (doc_id, version, frozen_at, frozen_by, override_reason, concordance, export) VALUES ('d1', 1, 1600, 'Secrétariat', NULL, '[]', '{"sha256":"ab"}');
  INSERT INTO signing_keys VALUES ('g1', 'd1', 'old-key', 1650), ('g1', 'd1', 'new-key', 1650);
  INSERT INTO signatures VALUES (1, 'fr', 'g1', 'Délégation française', 'new-key', 'sig', '2026-01-01T00:00:00Z');
  INSERT INTO publications VALUES ('d1', 1, 1700, 'Secrétariat', NULL, '{"published":true}');
  INSERT INTO client_owners VALUES ('d1', 4294967295, 'g1');`;

/** Tables, columns, indexes, triggers and foreign keys of a database, comparable across two files. */
function describeSchema(db: SqliteDatabase) {
  const objects = db.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
  }[];
  return objects.map((o) => {
    if (o.type === 'table') {
      return {
        ...o,
        columns: db.pragma(`table_xinfo(${o.name})`),
        foreignKeys: db.pragma(`foreign_key_list(${o.name})`),
        indexes: (db.pragma(`index_list(${o.name})`) as { name: string; unique: number; partial: number; origin: string }[])
          .map((i) => ({
            unique: i.unique,
            partial: i.partial,
            origin: i.origin,
            columns: (db.pragma(`index_info(${i.name})`) as { name: string }[]).map((c) => c.name),
          }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      };
    }
    return o;
  });
}

describe('an accord.db created by an older Accord', () => {
  const dirs: string[] = [];
  const oldDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-old-'));
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, 'accord.db'));
    db.exec(OLD_SCHEMA);
    db.exec(OLD_DATA);
    db.close();
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('opens with every record where it was: renamed columns, rebuilt tables and all', async () => {
    const dataDir = oldDataDir();
    const stores = await openStores({ dataDir, durability: 'process', databaseUrl: null });
    const id = 'd1' as DeclarationId;
    expect(await stores.catalog.listDeclarations()).toEqual([{ id, title: 'Tuyên bố chung', languages: ['vi', 'fr'] }]);
    expect((await stores.catalog.findGrantByTokenHash('hash-1'))?.role).toEqual({ kind: 'delegation', lang: 'fr' });
    expect(await stores.versions.list(id)).toEqual([
      { version: 1, kind: 'named', label: 'Première lecture', note: '', at: 1400, by: 'Secrétariat', changeSummary: null },
    ]);
    expect(await stores.circulations.open()).toEqual([
      { id: 'c1', declarationId: id, version: 1, deadline: 9000, startedAt: 1500, by: 'Secrétariat', closedAt: null, outcome: null },
    ]);
    const freeze = await stores.publications.currentFreeze(id);
    expect(freeze).toMatchObject({ id: 1, exportJson: '{"sha256":"ab"}', frozenBy: 'Secrétariat' });
    expect(await stores.publications.signatures(1)).toEqual([
      { lang: 'fr', grantId: 'g1', signer: 'Délégation française', publicKey: 'new-key', signature: 'sig', signedAt: '2026-01-01T00:00:00Z' },
    ]);
    expect((await stores.publications.publication(id))?.exportJson).toBe('{"published":true}');
    // Two keys registered in the same millisecond: the later row wins, as rowid said before the rebuild.
    expect(await stores.publications.keyOf('g1')).toBe('new-key');
    expect(await stores.attribution.history(id, 'p1', 10)).toEqual([
      { grantId: 'g2', name: 'Phái đoàn', at: 1300 },
      { grantId: 'g1', name: 'Délégation française', at: 1200 },
    ]);
    expect(await stores.clientOwnership.owners(id)).toEqual(new Map([[4294967295, 'g1']]));

    // New rows take ids after the old ones, and the next edit by the same person merges as before.
    await stores.publications.endFreeze(1, { at: 1800, by: 'Secrétariat', reason: 'erreur' });
    expect((await stores.publications.addFreeze({ ...freeze!, frozenAt: 1900 })).id).toBe(2);
    await stores.attribution.record(id, ['p1'], { grantId: 'g2', name: 'Phái đoàn', at: 1350 });
    expect(await stores.attribution.history(id, 'p1', 10)).toHaveLength(2);
    await stores.close();

    // What could not change still cannot.
    const db = openSqliteDatabase(dataDir);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(() => db.exec(`UPDATE freezes SET export_json = '{}'`)).toThrow(/immutable/);
    expect(() => db.exec(`UPDATE versions SET created_by = 'x'`)).toThrow(/immutable/);
    expect(() => db.exec('DELETE FROM publications')).toThrow(/immutable/);
    db.close();
  });

  it('ends with exactly the schema a new database starts with', async () => {
    const upgraded = openSqliteDatabase(oldDataDir());
    const freshDir = mkdtempSync(join(tmpdir(), 'accord-fresh-'));
    dirs.push(freshDir);
    const fresh = openSqliteDatabase(freshDir);
    expect(describeSchema(upgraded)).toEqual(describeSchema(fresh));
    upgraded.close();
    fresh.close();
  });
});
