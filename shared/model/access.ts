import type { LanguageCode } from './ids.js';
import { textFragmentName } from './declaration.js';
import { fail, ok, type Result } from './result.js';

/**
 * What a token lets its bearer do. A delegation (and its signatory) writes only its own
 * language; the secretariat writes everything; an observer writes nothing but presence.
 */
export type Role =
  | { readonly kind: 'secretariat' }
  | { readonly kind: 'delegation'; readonly lang: LanguageCode }
  | { readonly kind: 'signatory'; readonly lang: LanguageCode }
  | { readonly kind: 'observer' };

export type RoleKind = Role['kind'];

/**
 * Shared types every delegation writes besides its own text: the conversation around the text
 * (each person only their own part of it: see shared/negotiation/commentRules.ts), and the
 * suggestions on any column with their votes (each key only by its rightful writer:
 * server/collab/suggestionPolicy.ts). Objections are not among them: the server records them
 * (`POST /api/declarations/:id/objections`) with the delegation and the time from the request.
 */
export const DELEGATION_ROOTS: ReadonlySet<string> = new Set(['comments', 'suggestions', 'suggestionVotes']);

/** Whether a role may change the shared type with this root name. */
export function canWriteRoot(role: Role, rootName: string): boolean {
  switch (role.kind) {
    case 'secretariat':
      return true;
    case 'delegation':
    case 'signatory':
      return rootName === textFragmentName(role.lang) || DELEGATION_ROOTS.has(rootName);
    case 'observer':
      return false;
  }
}

/** What the secretariat asks for when it invites someone. */
export interface InviteRequest {
  readonly role: Role;
  readonly name: string;
  /** Days until the invitation stops working; null: until revoked. */
  readonly expiresInDays: number | null;
}

const ROLE_KINDS: readonly RoleKind[] = ['secretariat', 'delegation', 'signatory', 'observer'];

/** Validates the body of `POST /api/declarations/:id/invites` against the declaration's languages. */
export function parseInviteRequest(body: unknown, languages: readonly LanguageCode[]): Result<InviteRequest> {
  if (typeof body !== 'object' || body === null) return fail('expected a JSON object');
  const { role, lang, name, expiresInDays } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 120) return fail('name must be 1 to 120 characters');
  if (typeof role !== 'string' || !(ROLE_KINDS as readonly string[]).includes(role)) {
    return fail(`role must be one of ${ROLE_KINDS.join(', ')}`);
  }
  let expires: number | null = null;
  if (expiresInDays !== undefined && expiresInDays !== null) {
    if (typeof expiresInDays !== 'number' || !(expiresInDays > 0) || expiresInDays > 3650) return fail('expiresInDays must be a number of days from 1 to 3650');
    expires = expiresInDays;
  }
  const cleanName = name.trim().normalize('NFC');
  if (role === 'delegation' || role === 'signatory') {
    if (typeof lang !== 'string' || !languages.includes(lang as LanguageCode)) {
      return fail(`a ${role} belongs to one of this declaration's languages: ${languages.join(', ')}`);
    }
    return ok({ role: { kind: role, lang: lang as LanguageCode }, name: cleanName, expiresInDays: expires });
  }
  if (lang !== undefined && lang !== null) return fail(`a ${role} has no language`);
  return ok({ role: { kind: role as 'secretariat' | 'observer' }, name: cleanName, expiresInDays: expires });
}
