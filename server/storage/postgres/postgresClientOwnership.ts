import type { DeclarationId } from '../../../shared/model/ids.js';
import type { ClientOwnership } from '../clientOwnership.js';
import type { PostgresDatabase } from './postgresDatabase.js';

/** Owners of Yjs client ids in PostgreSQL: the first claim wins, whichever server makes it. */
export class PostgresClientOwnership implements ClientOwnership {
  constructor(private readonly db: PostgresDatabase) {}

  async owners(id: DeclarationId): Promise<Map<number, string>> {
    const { rows } = await this.db.query<{ client: number; grant_id: string }>('SELECT client, grant_id FROM client_owners WHERE doc_id = $1', [id]);
    return new Map(rows.map((r) => [r.client, r.grant_id]));
  }

  async claim(id: DeclarationId, client: number, grantId: string): Promise<string> {
    await this.db.query('INSERT INTO client_owners (doc_id, client, grant_id) VALUES ($1, $2, $3) ON CONFLICT (doc_id, client) DO NOTHING', [id, client, grantId]);
    const { rows } = await this.db.query<{ grant_id: string }>('SELECT grant_id FROM client_owners WHERE doc_id = $1 AND client = $2', [id, client]);
    return rows[0]!.grant_id;
  }
}
