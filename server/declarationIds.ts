import { randomBytes } from 'node:crypto';
import type { DeclarationId } from '../shared/model/ids.js';

/**
 * A new declaration id: 96 random bits in base64url, never starting with `-` or `_` (an id that
 * starts with a dash reads as an option on a command line: `accord invite --declaration -x…`).
 */
export function newDeclarationId(): DeclarationId {
  for (;;) {
    const id = randomBytes(12).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id as DeclarationId;
  }
}
