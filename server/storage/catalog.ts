import type { DeclarationId, LanguageCode } from '../../shared/model/ids.js';
import type { DeclarationSummary, NewDeclaration } from '../../shared/model/declaration.js';
import type { Role } from '../../shared/model/access.js';

/** A grant of access, found by the hash of its token; the token itself is never stored. */
export interface AccessGrant {
  readonly id: string;
  /** null: valid on every declaration (the secretariat's bootstrap grant). */
  readonly declarationId: DeclarationId | null;
  readonly role: Role;
  readonly name: string;
  readonly revoked: boolean;
  readonly createdAt: number;
  readonly expiresAt: number | null;
}

/** Declarations and who may open them. */
export interface Catalog {
  createDeclaration(input: NewDeclaration, id: DeclarationId): Promise<DeclarationSummary>;
  listDeclarations(): Promise<DeclarationSummary[]>;
  getDeclaration(id: DeclarationId): Promise<DeclarationSummary | null>;
  /** Replaces the column order (adding a language appends it). */
  setLanguages(id: DeclarationId, languages: readonly LanguageCode[]): Promise<void>;
  findGrantByTokenHash(tokenHash: string): Promise<AccessGrant | null>;
  addGrant(grant: AccessGrant, tokenHash: string): Promise<void>;
  /** Every grant of one declaration, newest first. */
  listGrants(id: DeclarationId): Promise<AccessGrant[]>;
  /** Marks a grant revoked; false if there is no such grant on this declaration. */
  revokeGrant(id: DeclarationId, grantId: string): Promise<boolean>;
}
