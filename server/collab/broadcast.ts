import * as Y from 'yjs';
import { encodeUpdateFrame } from '../../shared/protocol/frames.js';
import type { ChangeOrigin } from './changeOrigin.js';
import type { Peer } from './peer.js';

/** An update the document emitted, and who made it. */
export interface EmittedUpdate {
  readonly update: Uint8Array;
  readonly origin: ChangeOrigin;
}

/**
 * How long after one frame the next may follow, growing with the room: every frame costs one
 * write per peer (a system call each: most of the server's work when many write at once), so a
 * room of 200 writers sends at most 50 frames a second to each peer instead of one per turn of
 * the event loop (about 85 a second), while a small room is never held back.
 */
export const broadcastIntervalMs = (peers: number): number => (peers <= 20 ? 0 : Math.min(20, peers / 10));

/**
 * Sends stored updates to a room's peers. Everything stored in one turn of the event loop goes
 * out together, so a peer applies a change and the server's follow-up (ids) at once, and two
 * hundred writers cost one frame per peer per turn rather than one per keystroke. A change after
 * a quiet spell goes out at the next turn; in a busy large room, at most one frame per interval.
 */
export class Broadcast {
  private unsent: EmittedUpdate[] = [];
  private scheduled = false;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly peers: ReadonlySet<Peer>,
    private readonly isClosed: () => boolean,
  ) {}

  /** Queues stored updates for the next frame; only what is stored may be given here. */
  send(updates: readonly EmittedUpdate[]): void {
    for (const e of updates) this.unsent.push(e);
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFlush + broadcastIntervalMs(this.peers.size) - performance.now();
    if (wait > 0) setTimeout(this.flush, wait);
    else setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    this.lastFlush = performance.now();
    const batch = this.unsent;
    this.unsent = [];
    if (batch.length === 0 || this.isClosed()) return;
    const authors = new Set(batch.map((e) => e.origin));
    // One author: it lacks nothing of its own. Several: each gets the merged frame, its own
    // changes included (Yjs skips what it holds), instead of one merge per author.
    const only = authors.size === 1 ? [...authors][0] : undefined;
    const frame = encodeUpdateFrame(batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((e) => e.update)));
    for (const peer of this.peers) if (peer !== only) peer.send(frame);
  };
}
