import type { DeclarationId } from '../../shared/model/ids.js';

/**
 * The owner recorded for client ids the server itself writes with (the room's document, and
 * every id found in stored history with no owner: imports, restores, older data). No grant has
 * this id, so no client can ever write as one of them.
 */
export const SERVER_OWNER = ':server';

/**
 * Which invitation writes as which Yjs client id, per declaration, kept across restarts. A
 * client id's clock range is only ever extended by its owner: anyone else claiming it (even with
 * content-free structs) could make the owner's unsent edits look already stored, and vanish.
 */
export interface ClientOwnership {
  owners(id: DeclarationId): Promise<Map<number, string>>;
  /** Records `grantId` as the owner of `client` unless it has one; resolves with the owner (whoever claimed first, on any server). */
  claim(id: DeclarationId, client: number, grantId: string): Promise<string>;
}
