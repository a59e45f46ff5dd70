import type { DeclarationSummary, NewDeclaration } from '../../../shared/model/declaration.js';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import type { AccessGrant, Catalog } from '../catalog.js';
import { toGrant, toSummary, type DeclarationRow, type GrantRow } from '../sql/catalogRows.js';
import type { PostgresDatabase } from './postgresDatabase.js';

const GRANT_COLUMNS = 'id, declaration_id, role, lang, name, created_at, expires_at, revoked_at';

/** Declarations and access grants in PostgreSQL, shared by every server on the database. */
export class PostgresCatalog implements Catalog {
  constructor(private readonly db: PostgresDatabase) {}

  async createDeclaration(input: NewDeclaration, id: DeclarationId): Promise<DeclarationSummary> {
    await this.db.query('INSERT INTO declarations (id, title, languages, created_at) VALUES ($1, $2, $3, $4)', [
      id,
      input.title,
      JSON.stringify(input.languages),
      Date.now(),
    ]);
    return { id, title: input.title, languages: [...input.languages] };
  }

  async listDeclarations(): Promise<DeclarationSummary[]> {
    const { rows } = await this.db.query<DeclarationRow>('SELECT id, title, languages FROM declarations ORDER BY created_at, id');
    return rows.map(toSummary);
  }

  async getDeclaration(id: DeclarationId): Promise<DeclarationSummary | null> {
    const { rows } = await this.db.query<DeclarationRow>('SELECT id, title, languages FROM declarations WHERE id = $1', [id]);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  async setLanguages(id: DeclarationId, languages: readonly LanguageCode[]): Promise<void> {
    await this.db.query('UPDATE declarations SET languages = $1 WHERE id = $2', [JSON.stringify(languages), id]);
  }

  async findGrantByTokenHash(tokenHash: string): Promise<AccessGrant | null> {
    const { rows } = await this.db.query<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM grants WHERE token_hash = $1`, [tokenHash]);
    return rows[0] ? toGrant(rows[0]) : null;
  }

  async addGrant(grant: AccessGrant, tokenHash: string): Promise<void> {
    const lang = 'lang' in grant.role ? grant.role.lang : null;
    await this.db.query(
      `INSERT INTO grants (id, token_hash, declaration_id, role, lang, name, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)`,
      [grant.id, tokenHash, grant.declarationId, grant.role.kind, lang, grant.name, grant.createdAt, grant.expiresAt],
    );
  }

  async listGrants(id: DeclarationId): Promise<AccessGrant[]> {
    const { rows } = await this.db.query<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM grants WHERE declaration_id = $1 ORDER BY created_at DESC, id`, [id]);
    return rows.map(toGrant);
  }

  async revokeGrant(id: DeclarationId, grantId: string): Promise<boolean> {
    const result = await this.db.query('UPDATE grants SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2 AND declaration_id = $3', [
      Date.now(),
      grantId,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }
}
