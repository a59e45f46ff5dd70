import * as Y from 'yjs';
import { encodeSyncStep2Frame } from '../../shared/protocol/frames.js';
import type { StoredDocument } from '../storage/documentStore.js';

/** Whether a state vector is that of a client holding nothing (a fresh client). */
export function holdsNothing(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/**
 * A whole document in one Yjs encoding (a snapshot, a compaction's state), as the answers to
 * sync step 1 it gives without a Y.Doc: the whole frame, encoded once, for every client that
 * holds nothing (a reconnect storm of fresh clients), the part it lacks for any other.
 */
export class WholeState {
  /** The sync step 2 frame carrying the whole document; `update` is a view into it (one copy kept). */
  private readonly fullFrame: Uint8Array;
  private readonly update: Uint8Array;

  constructor(update: Uint8Array) {
    this.fullFrame = encodeSyncStep2Frame(update);
    this.update = this.fullFrame.subarray(this.fullFrame.byteLength - update.byteLength);
  }

  /** The sync step 2 frame for a peer with this state vector. Throws on an invalid state vector. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return holdsNothing(stateVector) ? this.fullFrame : encodeSyncStep2Frame(Y.diffUpdate(this.update, stateVector));
  }
}

/**
 * The stored document as one encoding, when the store holds it so: a snapshot with nothing
 * stored after it (as a graceful stop leaves it) and nothing damaged. Otherwise null: the
 * document must be built from snapshot and log before anyone is answered.
 */
export function storedWholeState(stored: StoredDocument): WholeState | null {
  return stored.snapshot && stored.updates.length === 0 && !stored.damaged ? new WholeState(stored.snapshot) : null;
}
