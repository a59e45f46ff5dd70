import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseFrame } from '../../shared/protocol/frames.js';
import { holdsNothing, WholeState } from './wholeState.js';

const updateOf = (frame: Uint8Array): Uint8Array => {
  const parsed = parseFrame(frame);
  if (parsed.kind !== 'sync-step2') throw new Error(`expected a sync step 2, got ${parsed.kind}`);
  return parsed.update;
};

/** A document two writers typed in, and a copy of it as it was halfway. */
function typedTwice(): { doc: Y.Doc; half: Y.Doc } {
  const doc = new Y.Doc();
  const text = doc.getText('probe:fr');
  text.insert(0, 'Article premier. ');
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.getText('probe:fr').insert(0, 'Préambule. ');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  const half = new Y.Doc();
  Y.applyUpdate(half, Y.encodeStateAsUpdate(doc));
  text.insert(text.length, 'Article 2. ');
  text.delete(0, 3);
  return { doc, half };
}

describe('a whole document answering sync step 1 without a Y.Doc', () => {
  it('gives a client that holds nothing the whole document, one frame for all of them', () => {
    const { doc } = typedTwice();
    const whole = new WholeState(Y.encodeStateAsUpdate(doc));
    const fresh = new Y.Doc();
    expect(holdsNothing(Y.encodeStateVector(fresh))).toBe(true);
    const frame = whole.syncStep2For(Y.encodeStateVector(fresh));
    expect(whole.syncStep2For(Y.encodeStateVector(new Y.Doc()))).toBe(frame);
    Y.applyUpdate(fresh, updateOf(frame));
    expect(fresh.getText('probe:fr').toString()).toBe(doc.getText('probe:fr').toString());
  });

  it('gives a client that holds part of it what it lacks, as the built document would', () => {
    const { doc, half } = typedTwice();
    const whole = new WholeState(Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(half);
    expect(holdsNothing(sv)).toBe(false);
    const diff = updateOf(whole.syncStep2For(sv));
    expect(diff.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
    Y.applyUpdate(half, diff);
    expect(half.getText('probe:fr').toString()).toBe(doc.getText('probe:fr').toString());
    expect(Y.encodeStateVector(half)).toEqual(Y.encodeStateVector(doc));
  });
});
