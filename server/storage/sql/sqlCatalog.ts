import type { DeclarationSummary, NewDeclaration } from '../../../shared/model/declaration.js';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import type { AccessGrant, Catalog } from '../catalog.js';
import { toGrant, toSummary, type DeclarationRow, type GrantRow } from './catalogRows.js';
import { firstRow, type SqlClient } from './sqlClient.js';

const GRANT_COLUMNS = 'id, declaration_id, role, lang, name, created_at, expires_at, revoked_at';

/** Declarations and access grants, in SQLite beside the documents or in PostgreSQL shared by every server. */
export class SqlCatalog implements Catalog {
  constructor(private readonly sql: SqlClient) {}

  async createDeclaration(input: NewDeclaration, id: DeclarationId): Promise<DeclarationSummary> {
    await this.sql.run('INSERT INTO declarations (id, title, languages, created_at) VALUES (?, ?, ?, ?)', [
      id,
      input.title,
      JSON.stringify(input.languages),
      Date.now(),
    ]);
    return { id, title: input.title, languages: [...input.languages] };
  }

  async listDeclarations(): Promise<DeclarationSummary[]> {
    const rows = await this.sql.all<DeclarationRow>('SELECT id, title, languages FROM declarations ORDER BY created_at, id');
    return rows.map(toSummary);
  }

  async getDeclaration(id: DeclarationId): Promise<DeclarationSummary | null> {
    const row = await firstRow<DeclarationRow>(this.sql, 'SELECT id, title, languages FROM declarations WHERE id = ?', [id]);
    return row ? toSummary(row) : null;
  }

  async setLanguages(id: DeclarationId, languages: readonly LanguageCode[]): Promise<void> {
    await this.sql.run('UPDATE declarations SET languages = ? WHERE id = ?', [JSON.stringify(languages), id]);
  }

  async findGrantByTokenHash(tokenHash: string): Promise<AccessGrant | null> {
    const row = await firstRow<GrantRow>(this.sql, `SELECT ${GRANT_COLUMNS} FROM grants WHERE token_hash = ?`, [tokenHash]);
    return row ? toGrant(row) : null;
  }

  async addGrant(grant: AccessGrant, tokenHash: string): Promise<void> {
    const lang = 'lang' in grant.role ? grant.role.lang : null;
    await this.sql.run(
      `INSERT INTO grants (id, token_hash, declaration_id, role, lang, name, created_at, expires_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      [grant.id, tokenHash, grant.declarationId, grant.role.kind, lang, grant.name, grant.createdAt, grant.expiresAt],
    );
  }

  async listGrants(id: DeclarationId): Promise<AccessGrant[]> {
    const rows = await this.sql.all<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM grants WHERE declaration_id = ? ORDER BY created_at DESC, id`, [id]);
    return rows.map(toGrant);
  }

  async revokeGrant(id: DeclarationId, grantId: string): Promise<boolean> {
    const changed = await this.sql.run('UPDATE grants SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND declaration_id = ?', [Date.now(), grantId, id]);
    return changed > 0;
  }
}
