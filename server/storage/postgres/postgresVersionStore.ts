import type { DeclarationId } from '../../../shared/model/ids.js';
import { SqlVersionStore } from '../sql/sqlVersionStore.js';
import { INSERT_VERSION, versionValues } from '../sql/versionRows.js';
import type { StoredVersion } from '../versionStore.js';
import { postgresClient } from './postgresClient.js';
import { inTransaction, LockSpace, type PostgresDatabase } from './postgresDatabase.js';

/** Versions in PostgreSQL: servers numbering the same declaration at once take turns under an advisory lock. */
export class PostgresVersionStore extends SqlVersionStore {
  constructor(private readonly db: PostgresDatabase) {
    super(postgresClient(db));
  }

  async add(id: DeclarationId, v: Omit<StoredVersion, 'version'>): Promise<number> {
    return inTransaction(this.db, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockSpace.Versions, id]);
      const { rows } = await client.query<{ n: number }>('SELECT coalesce(max(version), 0) + 1 AS n FROM versions WHERE doc_id = $1', [id]);
      const next = rows[0]!.n;
      await postgresClient(client).run(INSERT_VERSION, versionValues(id, next, v));
      return next;
    });
  }
}
