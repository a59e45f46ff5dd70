import type { DeclarationId } from '../../../shared/model/ids.js';
import type { ClientOwnership } from '../clientOwnership.js';
import { firstRow, type SqlClient } from './sqlClient.js';

/** Owners of Yjs client ids: the first claim wins, whichever server makes it. */
export class SqlClientOwnership implements ClientOwnership {
  constructor(private readonly sql: SqlClient) {}

  async owners(id: DeclarationId): Promise<Map<number, string>> {
    const rows = await this.sql.all<{ client: number; grant_id: string }>('SELECT client, grant_id FROM client_owners WHERE doc_id = ?', [id]);
    return new Map(rows.map((r) => [r.client, r.grant_id]));
  }

  async claim(id: DeclarationId, client: number, grantId: string): Promise<string> {
    await this.sql.run('INSERT INTO client_owners (doc_id, client, grant_id) VALUES (?, ?, ?) ON CONFLICT (doc_id, client) DO NOTHING', [id, client, grantId]);
    const row = await firstRow<{ grant_id: string }>(this.sql, 'SELECT grant_id FROM client_owners WHERE doc_id = ? AND client = ?', [id, client]);
    return row!.grant_id;
  }
}
