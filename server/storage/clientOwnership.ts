import type { DeclarationId } from '../../shared/model/ids.js';
import type { SqliteDatabase } from './sqlite/sqliteDatabase.js';

/**
 * Which invitation writes as which Yjs client id, per declaration, kept across restarts. A
 * client id's clock range is only ever extended by its owner: anyone else claiming it (even with
 * content-free structs) could make the owner's unsent edits look already stored, and vanish.
 */
/**
 * The owner recorded for client ids the server itself writes with (the room's document, and
 * every id found in stored history with no owner: imports, restores, older data). No grant has
 * this id, so no client can ever write as one of them.
 */
export const SERVER_OWNER = ':server';

export interface ClientOwnership {
  owners(id: DeclarationId): Promise<Map<number, string>>;
  /** Records `grantId` as the owner of `client` unless it has one; resolves with the owner (whoever claimed first, on any server). */
  claim(id: DeclarationId, client: number, grantId: string): Promise<string>;
}

export class SqliteClientOwnership implements ClientOwnership {
  constructor(private readonly db: SqliteDatabase) {}

  async owners(id: DeclarationId): Promise<Map<number, string>> {
    const rows = this.db.prepare('SELECT client, grant_id FROM client_owners WHERE doc_id = ?').all(id) as { client: number; grant_id: string }[];
    return new Map(rows.map((r) => [r.client, r.grant_id]));
  }

  async claim(id: DeclarationId, client: number, grantId: string): Promise<string> {
    this.db.prepare('INSERT OR IGNORE INTO client_owners (doc_id, client, grant_id) VALUES (?, ?, ?)').run(id, client, grantId);
    return (this.db.prepare('SELECT grant_id FROM client_owners WHERE doc_id = ? AND client = ?').get(id, client) as { grant_id: string }).grant_id;
  }
}
