import { encodeSyncStep2Frame } from '../../shared/protocol/frames.js';
import type { StoredDocument } from '../storage/documentStore.js';

/**
 * Whether a state vector is that of a client holding nothing (a fresh client). Such a client has
 * nothing of its own to send either, so it may get the document before the server's sync step 1
 * (a client that holds something sends its changes in reply to that step 1, and takes "synced"
 * to mean they were sent).
 */
export function holdsNothing(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/**
 * The sync step 2 frame for a client that holds nothing, straight from the store's bytes when
 * they hold the document whole in one encoding: a snapshot with nothing stored after it (as a
 * graceful stop leaves it) and nothing damaged. Otherwise null: the document must be built from
 * snapshot and log first.
 */
export function storedStateFrame(stored: StoredDocument): Uint8Array | null {
  return stored.snapshot && stored.updates.length === 0 && !stored.damaged ? encodeSyncStep2Frame(stored.snapshot) : null;
}
