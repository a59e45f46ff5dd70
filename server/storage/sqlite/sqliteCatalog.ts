import type { DeclarationSummary, NewDeclaration } from '../../../shared/model/declaration.js';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import type { AccessGrant, Catalog } from '../catalog.js';
import { toGrant, toSummary, type DeclarationRow, type GrantRow } from '../sql/catalogRows.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

const GRANT_COLUMNS = 'id, declaration_id, role, lang, name, created_at, expires_at, revoked_at';

/** Declarations and access grants in the same SQLite file as the documents. */
export class SqliteCatalog implements Catalog {
  constructor(private readonly db: SqliteDatabase) {}

  async createDeclaration(input: NewDeclaration, id: DeclarationId): Promise<DeclarationSummary> {
    this.db
      .prepare('INSERT INTO declarations (id, title, languages, created_at) VALUES (?, ?, ?, ?)')
      .run(id, input.title, JSON.stringify(input.languages), Date.now());
    return { id, title: input.title, languages: [...input.languages] };
  }

  async listDeclarations(): Promise<DeclarationSummary[]> {
    const rows = this.db.prepare<[], DeclarationRow>('SELECT id, title, languages FROM declarations ORDER BY created_at, id').all();
    return rows.map(toSummary);
  }

  async getDeclaration(id: DeclarationId): Promise<DeclarationSummary | null> {
    const row = this.db.prepare<[string], DeclarationRow>('SELECT id, title, languages FROM declarations WHERE id = ?').get(id);
    return row ? toSummary(row) : null;
  }

  async setLanguages(id: DeclarationId, languages: readonly LanguageCode[]): Promise<void> {
    this.db.prepare('UPDATE declarations SET languages = ? WHERE id = ?').run(JSON.stringify(languages), id);
  }

  async findGrantByTokenHash(tokenHash: string): Promise<AccessGrant | null> {
    const row = this.db
      .prepare<[string], GrantRow>(
        `SELECT ${GRANT_COLUMNS} FROM grants WHERE token_hash = ?`,
      )
      .get(tokenHash);
    return row ? toGrant(row) : null;
  }

  async addGrant(grant: AccessGrant, tokenHash: string): Promise<void> {
    const lang = 'lang' in grant.role ? grant.role.lang : null;
    this.db
      .prepare(
        `INSERT INTO grants (id, token_hash, declaration_id, role, lang, name, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(grant.id, tokenHash, grant.declarationId, grant.role.kind, lang, grant.name, grant.createdAt, grant.expiresAt);
  }

  async listGrants(id: DeclarationId): Promise<AccessGrant[]> {
    return this.db
      .prepare<[string], GrantRow>(`SELECT ${GRANT_COLUMNS} FROM grants WHERE declaration_id = ? ORDER BY created_at DESC, id`)
      .all(id)
      .map(toGrant);
  }

  async revokeGrant(id: DeclarationId, grantId: string): Promise<boolean> {
    const info = this.db
      .prepare('UPDATE grants SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND declaration_id = ?')
      .run(Date.now(), grantId, id);
    return info.changes > 0;
  }
}
