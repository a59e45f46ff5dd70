import type { DeclarationId } from '../../../shared/model/ids.js';
import { bindValues } from '../sql/sqlClient.js';
import { SqlVersionStore } from '../sql/sqlVersionStore.js';
import { INSERT_VERSION, versionValues } from '../sql/versionRows.js';
import type { StoredVersion } from '../versionStore.js';
import { sqliteClient } from './sqliteClient.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

/** Versions in SQLite: one process writes the file, so a transaction numbers them. */
export class SqliteVersionStore extends SqlVersionStore {
  constructor(private readonly db: SqliteDatabase) {
    super(sqliteClient(db));
  }

  async add(id: DeclarationId, v: Omit<StoredVersion, 'version'>): Promise<number> {
    return this.db.transaction(() => {
      const next = ((this.db.prepare('SELECT max(version) AS n FROM versions WHERE doc_id = ?').get(id) as { n: number | null }).n ?? 0) + 1;
      this.db.prepare(INSERT_VERSION).run(...bindValues(versionValues(id, next, v)));
      return next;
    })();
  }
}
