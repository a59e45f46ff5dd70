/** The origin of changes the server makes itself (aligner, ids, restore, publication). */
export const SERVER_ORIGIN = Symbol('server');

/** Changes that come from the store through another instance: already stored, never stored again. */
export const REMOTE_ORIGIN = Symbol('remote');
