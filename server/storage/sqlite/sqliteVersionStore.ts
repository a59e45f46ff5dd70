import type { DeclarationId } from '../../../shared/model/ids.js';
import type { SqliteDatabase } from './sqliteDatabase.js';
import type { StoredVersion, VersionMeta, VersionStore } from '../versionStore.js';

interface Row {
  version: number;
  kind: 'named' | 'auto';
  label: string;
  note: string;
  at: number;
  by: string;
  change_summary: string | null;
  state?: Buffer;
  canonical?: string;
}

const META = 'version, kind, label, note, at, by, change_summary';

export class SqliteVersionStore implements VersionStore {
  constructor(private readonly db: SqliteDatabase) {}

  async add(id: DeclarationId, v: Omit<StoredVersion, 'version'>): Promise<number> {
    return this.db.transaction(() => {
      const next = ((this.db.prepare('SELECT max(version) AS n FROM versions WHERE doc_id = ?').get(id) as { n: number | null }).n ?? 0) + 1;
      this.db
        .prepare('INSERT INTO versions (doc_id, version, kind, label, note, at, by, state, canonical, change_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, next, v.kind, v.label, v.note, v.at, v.by, Buffer.from(v.state), v.canonical, v.changeSummary === null ? null : JSON.stringify(v.changeSummary));
      return next;
    })();
  }

  async list(id: DeclarationId): Promise<VersionMeta[]> {
    return (this.db.prepare(`SELECT ${META} FROM versions WHERE doc_id = ? ORDER BY version`).all(id) as Row[]).map(toMeta);
  }

  async get(id: DeclarationId, version: number): Promise<StoredVersion | null> {
    const row = this.db.prepare(`SELECT ${META}, state, canonical FROM versions WHERE doc_id = ? AND version = ?`).get(id, version) as Row | undefined;
    return row ? toStored(row) : null;
  }

  async latest(id: DeclarationId): Promise<StoredVersion | null> {
    const row = this.db.prepare(`SELECT ${META}, state, canonical FROM versions WHERE doc_id = ? ORDER BY version DESC LIMIT 1`).get(id) as Row | undefined;
    return row ? toStored(row) : null;
  }
}

function toMeta(r: Row): VersionMeta {
  return { version: r.version, kind: r.kind, label: r.label, note: r.note, at: r.at, by: r.by, changeSummary: r.change_summary ? JSON.parse(r.change_summary) : null };
}

function toStored(r: Row): StoredVersion {
  return { ...toMeta(r), state: new Uint8Array(r.state!), canonical: r.canonical! };
}
