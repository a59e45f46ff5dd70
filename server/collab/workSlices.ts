/**
 * Rooms share the event loop in slices. A room's queue used to run task after task as
 * microtasks: while a flood of updates was being worked off, no HTTP request, socket frame or
 * other room got a turn (issue 21: `/api/health` failed for a minute). Now queued work, across
 * all rooms, runs for at most one slice before the event loop gets a turn; within a slice tasks
 * still follow each other at once, so what several writers stored together goes out together.
 * Accepting connections comes first: while they keep arriving, no slice starts (below).
 */

/** Longest run of queued room work between two turns of the event loop. */
const SLICE_MS = 5;

/**
 * Longest that work waits for a burst of connections to be accepted; then it has the event loop
 * as usual for a while, whatever arrives: a flood of connections (opened and dropped, no token
 * needed) slows the rooms to a third at worst, it does not stop them.
 */
const ACCEPTS_FIRST_MS = 100;
const WORK_AFTER_ACCEPTING_MS = 50;

/**
 * Node accepts one connection per turn of the event loop. When a hall's 300 sockets arrive at
 * once, a health check or a page load queued behind them is accepted 300 turns later: if each
 * turn also runs a slice of the rooms' work, that is seconds. So while connections keep
 * arriving (one was accepted in the last turn), no slice starts and the turns stay short.
 */
let accepting: { readonly since: number; acceptedThisTurn: boolean } | null = null;
let afterAccepting: (() => void)[] = [];
/** Until then, connections do not hold work back (WORK_AFTER_ACCEPTING_MS). */
let workingUntil = 0;

/** Call for every connection the server accepts. */
export function noteAccepted(): void {
  if (accepting) {
    accepting.acceptedThisTurn = true;
    return;
  }
  if (performance.now() < workingUntil) return;
  // Others may be waiting behind it: the next turn tells.
  accepting = { since: performance.now(), acceptedThisTurn: true };
  setImmediate(endOfTurn);
}

/** After each turn's I/O while accepting: goes on while connections keep coming, for a while. */
function endOfTurn(): void {
  const current = accepting!;
  const now = performance.now();
  if (current.acceptedThisTurn) {
    if (now - current.since < ACCEPTS_FIRST_MS) {
      current.acceptedThisTurn = false;
      setImmediate(endOfTurn);
      return;
    }
    // Long enough: the work's turn, for a while.
    workingUntil = now + WORK_AFTER_ACCEPTING_MS;
  }
  accepting = null;
  const waiting = afterAccepting;
  afterAccepting = [];
  for (const resolve of waiting) resolve();
}

/** A later turn of the event loop, once no more connections are waiting to be accepted. */
function laterTurn(): Promise<void> {
  if (!accepting) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => afterAccepting.push(resolve));
}

let sliceStarted: number | null = null;

/**
 * Call before each queued task: nothing to wait for while the current slice lasts; past it, a
 * promise that resolves on a later turn of the event loop (after pending I/O is handled).
 */
export function nextSlice(): Promise<void> | undefined {
  if (accepting) return laterTurn();
  const now = performance.now();
  if (sliceStarted === null) {
    sliceStarted = now;
    // Runs once the event loop has moved on: whatever runs after it starts a new slice.
    setImmediate(() => (sliceStarted = null));
    return undefined;
  }
  if (now - sliceStarted < SLICE_MS) return undefined;
  return laterTurn();
}

/**
 * A later turn of the event loop, after pending I/O: between the long steps of one piece of work
 * (reading a declaration, applying its snapshot, encoding it) that cannot be cut finer.
 */
export function nextTurn(): Promise<void> {
  return laterTurn();
}

/**
 * A turn after the event loop has read pending I/O: called while it handles I/O (a socket's first
 * frame building a room), one immediate runs right after, before any new I/O is read (a health
 * check waiting among them); the second runs after it has been.
 */
export function turnAfterIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => void laterTurn().then(resolve)));
}

/**
 * Waits until the current slice has room, for work that does not go through a room's queue (the
 * sockets being opened, one after another: app.ts): a hall's 300 upgrades arriving together are
 * handled a slice at a time, with the event loop's other work (a health check, frames) between.
 */
export async function takeSlice(): Promise<void> {
  for (let wait = nextSlice(); wait; wait = nextSlice()) await wait;
}
