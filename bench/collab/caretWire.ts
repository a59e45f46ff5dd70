/**
 * Presence as light clients send and read it: y-protocols awareness updates written by hand (one
 * entry: client id, clock, JSON state), and the move time `t` found in a received entry's JSON
 * without parsing the rest, so that only the sampled clients pay for reading.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { wallClock } from './samples.js';

/** One client's awareness state at `clock` (a newer clock replaces the older state at every peer). */
export function encodePresence(client: number, clock: number, state: object): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** A caret move as the benchmark clients announce it; `t` is the sender's wall clock at the move. */
export function caretState(user: object, move: number, t: number): object {
  return { user, cursor: { anchor: move % 500, head: (move % 500) + 3, t } };
}

const MOVE_TIME = /"t":(\d+(?:\.\d+)?)/;

/**
 * A receiver that calls `onMove(t, now)` once per new caret position of another client (a server
 * may send a state again, e.g. every state to a newcomer): feed it every awareness update.
 */
export function caretTimer(self: number, onMove: (t: number, now: number) => void): (update: Uint8Array) => void {
  const last = new Map<number, number>();
  return (update) => {
    const now = wallClock();
    const decoder = decoding.createDecoder(update);
    const entries = decoding.readVarUint(decoder);
    for (let k = 0; k < entries; k++) {
      const client = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder); // clock
      const state = decoding.readVarString(decoder);
      if (client === self) continue;
      const match = MOVE_TIME.exec(state);
      if (!match) continue;
      const t = Number(match[1]);
      if (last.get(client) === t) continue;
      last.set(client, t);
      onMove(t, now);
    }
  };
}

/** A fresh random presence client id (what a Y.Doc would pick). */
export function randomClientId(): number {
  return Math.floor(Math.random() * 0xffffffff) >>> 0;
}
