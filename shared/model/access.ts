import type { LanguageCode } from './ids.js';
import { textFragmentName } from './declaration.js';

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

/** Whether a role may change the shared type with this root name. */
export function canWriteRoot(role: Role, rootName: string): boolean {
  switch (role.kind) {
    case 'secretariat':
      return true;
    case 'delegation':
    case 'signatory':
      return rootName === textFragmentName(role.lang);
    case 'observer':
      return false;
  }
}
