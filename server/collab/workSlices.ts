/**
 * Rooms share the event loop in slices. A room's queue used to run task after task as
 * microtasks: while a flood of updates was being worked off, no HTTP request, socket frame or
 * other room got a turn (issue 21: `/api/health` failed for a minute). Now queued work, across
 * all rooms, runs for at most one slice before the event loop gets a turn; within a slice tasks
 * still follow each other at once, so what several writers stored together goes out together.
 */

/** Longest run of queued room work between two turns of the event loop. */
const SLICE_MS = 5;

let sliceStarted: number | null = null;

/**
 * Call before each queued task: nothing to wait for while the current slice lasts; past it, a
 * promise that resolves on a later turn of the event loop (after pending I/O is handled).
 */
export function nextSlice(): Promise<void> | undefined {
  const now = performance.now();
  if (sliceStarted === null) {
    sliceStarted = now;
    // Runs once the event loop has moved on: whatever runs after it starts a new slice.
    setImmediate(() => (sliceStarted = null));
    return undefined;
  }
  if (now - sliceStarted < SLICE_MS) return undefined;
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A later turn of the event loop, after pending I/O: between the long steps of one piece of work
 * (reading a declaration, applying its snapshot, encoding it) that cannot be cut finer.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A turn after the event loop has read pending I/O: called while it handles I/O (a socket's first
 * frame building a room), one immediate runs right after, before any new I/O is read (a health
 * check waiting among them); the second runs after it has been.
 */
export function turnAfterIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Waits until the current slice has room, for work that does not go through a room's queue (a
 * socket being opened): a hall's 300 upgrades arriving together are handled a slice at a time,
 * with the event loop's other work (a health check, frames) between slices.
 */
export async function takeSlice(): Promise<void> {
  for (let wait = nextSlice(); wait; wait = nextSlice()) await wait;
}
