import * as Y from 'yjs';
import { encodeSyncStep2Frame } from '../../shared/protocol/frames.js';
import { holdsNothing } from './storedStateFrame.js';

/** Differences kept per document state: clients reconnecting together mostly hold one of a few states. */
const MAX_DIFFERENCES = 8;

/**
 * The sync step 2 frames a room answers with, for the document as it is now, by the state vector
 * they answer: the whole document for clients that hold nothing, and the difference for clients
 * that hold part of it. Each is encoded once (encoding walks the whole document, whatever it
 * leaves out) and shared: when a hall's Wi-Fi comes back, three hundred clients that were in sync
 * ask with the same few state vectors. Everything is forgotten when the document changes.
 */
export class SyncReplies {
  private full: Uint8Array | null = null;
  private readonly differences = new Map<string, Uint8Array>();

  constructor(private readonly doc: Y.Doc) {}

  /** The document changed: no frame answers for it any more. */
  changed(): void {
    this.full = null;
    this.differences.clear();
  }

  /** The whole document, already encoded (the snapshot it was loaded from, the state of a compaction). */
  knowFull(frame: Uint8Array): void {
    this.full = frame;
  }

  /** The frame for a client with this state vector. Throws on an invalid state vector. */
  replyTo(stateVector: Uint8Array): Uint8Array {
    if (holdsNothing(stateVector)) return (this.full ??= encodeSyncStep2Frame(Y.encodeStateAsUpdate(this.doc)));
    // Yjs writes state vectors in one order (clients sorted), so equal states have equal bytes.
    const key = Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('latin1');
    let frame = this.differences.get(key);
    if (!frame) {
      frame = encodeSyncStep2Frame(Y.encodeStateAsUpdate(this.doc, stateVector));
      if (this.differences.size >= MAX_DIFFERENCES) this.differences.delete(this.differences.keys().next().value!);
      this.differences.set(key, frame);
    }
    return frame;
  }
}
