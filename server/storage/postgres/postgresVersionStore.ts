import type { DeclarationId } from '../../../shared/model/ids.js';
import { inTransaction, LockSpace, toBytea, type PostgresDatabase } from './postgresDatabase.js';
import type { StoredVersion, VersionMeta, VersionStore } from '../versionStore.js';

interface Row {
  version: number;
  kind: 'named' | 'auto';
  label: string;
  note: string;
  at: number;
  created_by: string;
  change_summary: string | null;
  state?: Buffer;
  canonical?: string;
}

const META = 'version, kind, label, note, at, created_by, change_summary';

/** Immutable versions in PostgreSQL (triggers refuse changes), numbered without gaps per declaration. */
export class PostgresVersionStore implements VersionStore {
  constructor(private readonly db: PostgresDatabase) {}

  async add(id: DeclarationId, v: Omit<StoredVersion, 'version'>): Promise<number> {
    return inTransaction(this.db, async (client) => {
      // Two servers numbering the same declaration at once take turns here.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockSpace.Versions, id]);
      const { rows } = await client.query<{ n: number }>('SELECT coalesce(max(version), 0) + 1 AS n FROM versions WHERE doc_id = $1', [id]);
      const next = rows[0]!.n;
      await client.query(
        `INSERT INTO versions (doc_id, version, kind, label, note, at, created_by, state, canonical, change_summary)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, next, v.kind, v.label, v.note, v.at, v.by, toBytea(v.state), v.canonical, v.changeSummary === null ? null : JSON.stringify(v.changeSummary)],
      );
      return next;
    });
  }

  async list(id: DeclarationId): Promise<VersionMeta[]> {
    const { rows } = await this.db.query<Row>(`SELECT ${META} FROM versions WHERE doc_id = $1 ORDER BY version`, [id]);
    return rows.map(toMeta);
  }

  async get(id: DeclarationId, version: number): Promise<StoredVersion | null> {
    const { rows } = await this.db.query<Row>(`SELECT ${META}, state, canonical FROM versions WHERE doc_id = $1 AND version = $2`, [id, version]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async latest(id: DeclarationId): Promise<StoredVersion | null> {
    const { rows } = await this.db.query<Row>(`SELECT ${META}, state, canonical FROM versions WHERE doc_id = $1 ORDER BY version DESC LIMIT 1`, [id]);
    return rows[0] ? toStored(rows[0]) : null;
  }
}

function toMeta(r: Row): VersionMeta {
  return { version: r.version, kind: r.kind, label: r.label, note: r.note, at: r.at, by: r.created_by, changeSummary: r.change_summary ? JSON.parse(r.change_summary) : null };
}

function toStored(r: Row): StoredVersion {
  return { ...toMeta(r), state: new Uint8Array(r.state!), canonical: r.canonical! };
}
