import type { WebSocket } from 'ws';

/**
 * Large frames are handed to sockets a few megabytes per turn of the event loop. Writing a
 * frame copies it into the kernel's socket buffer there and then: a hall of 300 reconnecting to
 * a 2.5 MB declaration is 750 MB of copying, which done at once holds the event loop for half a
 * second (no health answer, no keystroke relayed). Small frames (typing, presence) go out at once
 * unless their socket has a large frame waiting: a socket's frames always leave in order.
 */

/** Frames up to this size never wait for a turn of their own. */
const SMALL_BYTES = 64 * 1024;
/** Large frames handed over per turn: ~5–10 ms of copying on a slow machine. */
const TURN_BYTES = 8 * 1024 * 1024;

type Write = (socket: WebSocket, payload: Uint8Array) => void;

interface Waiting {
  readonly socket: WebSocket;
  readonly payload: Uint8Array;
  readonly write: Write;
}

const waiting: Waiting[] = [];
/** Bytes waiting per socket: they count as the socket's backlog, and keep its later frames behind. */
const waitingBytes = new WeakMap<WebSocket, number>();
let handedThisTurn = 0;
let turnScheduled = false;

/** Sends `payload` with `write` now, or in a later turn if this turn's large-frame budget is spent. */
export function sendPaced(socket: WebSocket, payload: Uint8Array, write: Write): void {
  const large = payload.byteLength > SMALL_BYTES;
  if (!waitingBytes.has(socket) && (!large || handedThisTurn === 0 || handedThisTurn + payload.byteLength <= TURN_BYTES)) {
    if (large) {
      handedThisTurn += payload.byteLength;
      scheduleTurn();
    }
    write(socket, payload);
    return;
  }
  waiting.push({ socket, payload, write });
  waitingBytes.set(socket, (waitingBytes.get(socket) ?? 0) + payload.byteLength);
  scheduleTurn();
}

/** Bytes of frames for `socket` still waiting for their turn. */
export function pacedBytes(socket: WebSocket): number {
  return waitingBytes.get(socket) ?? 0;
}

/** The next turn starts with a fresh budget and hands over what waits. */
function scheduleTurn(): void {
  if (turnScheduled) return;
  turnScheduled = true;
  setImmediate(() => {
    turnScheduled = false;
    handedThisTurn = 0;
    drain();
  });
}

function drain(): void {
  let sent = 0;
  while (waiting.length > 0 && (sent === 0 || sent + waiting[0]!.payload.byteLength <= TURN_BYTES)) {
    const { socket, payload, write } = waiting.shift()!;
    const left = waitingBytes.get(socket)! - payload.byteLength;
    if (left > 0) waitingBytes.set(socket, left);
    else waitingBytes.delete(socket);
    // A socket that closed meanwhile has no use for it.
    if (socket.readyState !== socket.OPEN) continue;
    write(socket, payload);
    sent += payload.byteLength;
  }
  handedThisTurn = sent;
  if (waiting.length > 0) scheduleTurn();
}
