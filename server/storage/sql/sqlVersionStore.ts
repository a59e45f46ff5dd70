import type { DeclarationId } from '../../../shared/model/ids.js';
import type { StoredVersion, VersionMeta, VersionStore } from '../versionStore.js';
import { firstRow, type SqlClient } from './sqlClient.js';
import { toStoredVersion, toVersionMeta, VERSION_META, type VersionRow } from './versionRows.js';

/**
 * Immutable versions (triggers refuse changes), numbered without gaps per declaration. Reading
 * is the same on both drivers; numbering a new one is not (each driver takes its own kind of
 * lock), so `add` is the driver's.
 */
export abstract class SqlVersionStore implements VersionStore {
  constructor(protected readonly sql: SqlClient) {}

  abstract add(id: DeclarationId, version: Omit<StoredVersion, 'version'>): Promise<number>;

  async list(id: DeclarationId): Promise<VersionMeta[]> {
    return (await this.sql.all<VersionRow>(`SELECT ${VERSION_META} FROM versions WHERE doc_id = ? ORDER BY version`, [id])).map(toVersionMeta);
  }

  async get(id: DeclarationId, version: number): Promise<StoredVersion | null> {
    const row = await firstRow<VersionRow>(this.sql, `SELECT ${VERSION_META}, state, canonical FROM versions WHERE doc_id = ? AND version = ?`, [id, version]);
    return row ? toStoredVersion(row) : null;
  }

  async latest(id: DeclarationId): Promise<StoredVersion | null> {
    const row = await firstRow<VersionRow>(this.sql, `SELECT ${VERSION_META}, state, canonical FROM versions WHERE doc_id = ? ORDER BY version DESC LIMIT 1`, [
      id,
    ]);
    return row ? toStoredVersion(row) : null;
  }
}
