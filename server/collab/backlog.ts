/**
 * A room that falls behind sheds whoever fills its queue. Measuring each update's processing
 * time (workMeter.ts) misses what every update costs besides integrating it (checking, storing,
 * broadcasting, collecting garbage): a flood of cheap updates from many sockets of one invitation
 * can still outrun the room. When a task has waited longer than MAX_QUEUE_DELAY_MS, the
 * invitation with the most updates waiting is cut off, all its sockets at once (their queued
 * updates are then dropped: each client sends what the server lacks again when it reconnects).
 * People typing never have hundreds of updates waiting; a flood does.
 */

/** How long an update may wait in a room's queue before the room counts as behind. */
export const MAX_QUEUE_DELAY_MS = 1_000;
/** Fewer updates waiting than this is never a flood (twenty people typing through a one-second delay). */
export const MIN_WAITING_TO_SHED = 500;

/** What the room knows of a peer for this purpose. */
export interface BacklogPeer {
  readonly grantId: string;
  /** Updates it has queued in the room that have not been processed yet. */
  readonly pending?: number;
  /** Cuts it off for the load it causes. */
  shedLoad?(reason: string): void;
}

/** How often a room that is behind counts who is waiting (a walk over every peer): not at every task. */
const COUNT_EVERY_MS = 100;

/** Decides, when a task starts late, whom to shed; at most once per delay period. */
export class Backlog {
  private lastShed = -Infinity;
  private lastCount = -Infinity;

  /** Called as each queued task starts, with when it was queued. */
  taskStarted(queuedAt: number, everyone: Iterable<BacklogPeer>): void {
    const now = performance.now();
    if (now - queuedAt < MAX_QUEUE_DELAY_MS || now - this.lastShed < MAX_QUEUE_DELAY_MS || now - this.lastCount < COUNT_EVERY_MS) return;
    this.lastCount = now;
    const peers = [...everyone];
    const waiting = new Map<string, number>();
    for (const peer of peers) waiting.set(peer.grantId, (waiting.get(peer.grantId) ?? 0) + (peer.pending ?? 0));
    let heaviest: string | null = null;
    let most = MIN_WAITING_TO_SHED - 1;
    for (const [grantId, n] of waiting) {
      if (n > most) {
        most = n;
        heaviest = grantId;
      }
    }
    if (heaviest === null) return;
    this.lastShed = now;
    for (const peer of peers) {
      if (peer.grantId === heaviest) peer.shedLoad?.('the server is behind on this invitation’s changes; try again shortly');
    }
  }
}
