import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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
