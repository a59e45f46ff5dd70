import type { Peer } from './peer.js';

/** The origin of changes the server makes itself (aligner, ids, restore, publication). */
export const SERVER_ORIGIN = Symbol('server');

/** Changes that come from the store through another instance: already stored, never stored again. */
export const REMOTE_ORIGIN = Symbol('remote');

/**
 * Who made a change to a room's document, as the origin of its Yjs transaction (hocuspocus'
 * `TransactionOrigin`): a peer's update, the server's own change, or one another instance stored.
 */
export type ChangeOrigin = Peer | typeof SERVER_ORIGIN | typeof REMOTE_ORIGIN;

/** Whether a peer made the change. Yjs types origins as `any`: this is where they are told apart. */
export function isPeer(origin: unknown): origin is Peer {
  return typeof origin === 'object' && origin !== null;
}
