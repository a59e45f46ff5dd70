import type { Role } from '../../../shared/model/access.js';
import type { DeclarationSummary } from '../../../shared/model/declaration.js';
import type { DeclarationId, LanguageCode } from '../../../shared/model/ids.js';
import type { AccessGrant } from '../catalog.js';
import type { ColumnsOf } from '../schema/tables.js';

/** A `declarations` row (schema/tables.ts). */
export interface DeclarationRow {
  id: string;
  title: string;
  /** JSON array of language codes, in column order. */
  languages: string;
}

/** A `grants` row (schema/tables.ts). */
export interface GrantRow {
  id: string;
  declaration_id: string | null;
  role: string;
  lang: string | null;
  name: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

/** A declaration row as the catalog returns it. */
export function toSummary(row: DeclarationRow): DeclarationSummary {
  return { id: row.id as DeclarationId, title: row.title, languages: JSON.parse(row.languages) as LanguageCode[] };
}

/** A grant row as the catalog returns it. */
export function toGrant(row: GrantRow): AccessGrant {
  return {
    id: row.id,
    declarationId: row.declaration_id as DeclarationId | null,
    role: toRole(row.role, row.lang),
    name: row.name,
    revoked: row.revoked_at !== null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function toRole(kind: string, lang: string | null): Role {
  switch (kind) {
    case 'secretariat':
      return { kind };
    case 'observer':
      return { kind };
    case 'delegation':
    case 'signatory':
      if (lang === null) throw new Error(`grant of kind ${kind} without a language`);
      return { kind, lang: lang as LanguageCode };
    default:
      throw new Error(`unknown role kind in grants table: ${kind}`);
  }
}

/** Compiles only while these row types name columns the schema has. */
export type RowChecks = [ColumnsOf<'declarations', DeclarationRow>, ColumnsOf<'grants', GrantRow>];
