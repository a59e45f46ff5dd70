import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseFrame } from '../../shared/protocol/frames.js';
import type { StoredDocument } from '../storage/documentStore.js';
import { holdsNothing, storedStateFrame } from './storedStateFrame.js';

function typed(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('probe:fr').insert(0, 'Article premier. ');
  doc.getText('probe:fr').delete(0, 3);
  return doc;
}

describe('answering a fresh client from the stored bytes', () => {
  it('gives the whole document when the store holds a snapshot and nothing after it', () => {
    const doc = typed();
    const frame = storedStateFrame({ snapshot: Y.encodeStateAsUpdate(doc), updates: [], lastSeq: 3 });
    const parsed = parseFrame(frame!);
    if (parsed.kind !== 'sync-step2') throw new Error(`expected a sync step 2, got ${parsed.kind}`);
    const fresh = new Y.Doc();
    expect(holdsNothing(Y.encodeStateVector(fresh))).toBe(true);
    Y.applyUpdate(fresh, parsed.update);
    expect(fresh.getText('probe:fr').toString()).toBe('icle premier. ');
    expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(doc));
  });

  it('gives nothing when the document must be built first: updates after the snapshot, damage, no snapshot', () => {
    const snapshot = Y.encodeStateAsUpdate(typed());
    const damaged: StoredDocument['damaged'] = { offset: 0, bytes: 1, reason: 'test', keptAt: '/tmp/x', skipped: [], tornWrite: true, foundAt: 0 };
    expect(storedStateFrame({ snapshot, updates: [Uint8Array.of(0, 0)], lastSeq: 4 })).toBeNull();
    expect(storedStateFrame({ snapshot, updates: [], lastSeq: 3, damaged })).toBeNull();
    expect(storedStateFrame({ snapshot: null, updates: [], lastSeq: 0 })).toBeNull();
  });

  it('tells a client that holds something from one that holds nothing', () => {
    expect(holdsNothing(Y.encodeStateVector(typed()))).toBe(false);
  });
});
