import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A presence state is a name, a colour, a caret: far below this. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

export interface AwarenessEntry {
  readonly client: number;
  readonly clock: number;
  readonly state: string;
}

/** The entries of an awareness update (y-protocols format: count, then id, clock, JSON state). */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

/** The same format written back, with only the entries kept. */
export function writeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.client);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}
