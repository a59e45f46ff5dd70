import type { Role } from '../../shared/model/access.js';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { Catalog } from '../storage/catalog.js';
import { hashToken, sameToken } from './tokens.js';

/** Who is behind a request or a socket, once their token has been checked. */
export interface Principal {
  /** The grant's id, recorded with every update for attribution; 'bootstrap' for the secretariat token. */
  readonly grantId: string;
  readonly name: string;
  readonly role: Role;
  /** The one declaration this principal may open; null for the bootstrap secretariat. */
  readonly declarationId: DeclarationId | null;
  /** When the grant stops working (ms since epoch); null: until revoked. */
  readonly expiresAt: number | null;
}

export const BOOTSTRAP_GRANT_ID = 'bootstrap';

/** Turns a bearer token into a principal, or null when it opens nothing. */
export class Authenticator {
  constructor(
    private readonly catalog: Catalog,
    private readonly bootstrapToken: string,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token) return null;
    if (sameToken(token, this.bootstrapToken)) {
      return { grantId: BOOTSTRAP_GRANT_ID, name: 'Secretariat', role: { kind: 'secretariat' }, declarationId: null, expiresAt: null };
    }
    const grant = await this.catalog.findGrantByTokenHash(hashToken(token));
    if (!grant || grant.revoked) return null;
    if (grant.expiresAt !== null && grant.expiresAt <= this.now()) return null;
    return { grantId: grant.id, name: grant.name, role: grant.role, declarationId: grant.declarationId, expiresAt: grant.expiresAt };
  }
}

/** Whether a principal may open this declaration at all (an invite belongs to one). */
export function mayOpen(principal: Principal, id: DeclarationId): boolean {
  return principal.declarationId === null || principal.declarationId === id;
}
