import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  encodeAwarenessFrame,
  encodeSaveCheckFrame,
  encodeSavedFrame,
  encodeSyncStep1Frame,
  encodeSyncStep2Frame,
  encodeUpdateFrame,
  parseFrame,
} from './frames.js';

describe('collaboration frames', () => {
  it('parses back what it encodes', () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(parseFrame(encodeSyncStep1Frame(payload))).toEqual({ kind: 'sync-step1', stateVector: payload });
    expect(parseFrame(encodeSyncStep2Frame(payload))).toEqual({ kind: 'sync-step2', update: payload });
    expect(parseFrame(encodeUpdateFrame(payload))).toEqual({ kind: 'update', update: payload });
    expect(parseFrame(encodeAwarenessFrame(payload))).toEqual({ kind: 'awareness', update: payload });
    expect(parseFrame(encodeSaveCheckFrame(42))).toEqual({ kind: 'save-check', seq: 42 });
    expect(parseFrame(encodeSavedFrame(7))).toEqual({ kind: 'saved', seq: 7 });
  });

  it('writes the bytes y-protocols writes, for payloads of every length (the stock provider reads them)', () => {
    const stock = (...parts: (number | Uint8Array)[]) => {
      const e = encoding.createEncoder();
      for (const part of parts) {
        if (typeof part === 'number') encoding.writeVarUint(e, part);
        else encoding.writeVarUint8Array(e, part);
      }
      return encoding.toUint8Array(e);
    };
    // Where two frames first differ (-1: nowhere): toEqual would walk megabytes element by element.
    const firstDifference = (a: Uint8Array, b: Uint8Array) => {
      if (Buffer.compare(a, b) === 0) return -1;
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return i;
    };
    const messageSync = 0; // y-websocket's
    const messageAwareness = 1;
    // Lengths either side of a varint's byte boundaries and of lib0's growing buffer.
    const lengths = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(127, 128, 16_383, 16_384, 65_536, 2_000_000));
    fc.assert(
      fc.property(lengths, fc.integer({ min: 0, max: 255 }), (length, fill) => {
        const payload = new Uint8Array(length).fill(fill);
        expect(firstDifference(encodeSyncStep1Frame(payload), stock(messageSync, syncProtocol.messageYjsSyncStep1, payload))).toBe(-1);
        expect(firstDifference(encodeSyncStep2Frame(payload), stock(messageSync, syncProtocol.messageYjsSyncStep2, payload))).toBe(-1);
        expect(firstDifference(encodeUpdateFrame(payload), stock(messageSync, syncProtocol.messageYjsUpdate, payload))).toBe(-1);
        expect(firstDifference(encodeAwarenessFrame(payload), stock(messageAwareness, payload))).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it('calls truncated frames and unknown types malformed', () => {
    expect(parseFrame(new Uint8Array([])).kind).toBe('malformed');
    expect(parseFrame(new Uint8Array([0, 2, 10, 1])).kind).toBe('malformed');
    expect(parseFrame(new Uint8Array([0, 9, 0])).kind).toBe('malformed');
    expect(parseFrame(new Uint8Array([77])).kind).toBe('malformed');
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(() => parseFrame(bytes)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
