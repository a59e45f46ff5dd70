import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseFrame } from '../../shared/protocol/frames.js';
import { SyncReplies } from './syncReplies.js';

/** A document with a long text typed in `steps` updates; `at` is the state vector after `held` of them, `heldState` that state. */
function history(steps: number, held: number): { doc: Y.Doc; at: Uint8Array; heldState: Uint8Array } {
  const doc = new Y.Doc();
  let at = Y.encodeStateVector(doc);
  let heldState = Y.encodeStateAsUpdate(doc);
  for (let k = 0; k < steps; k++) {
    doc.getText('t').insert(doc.getText('t').length, `paragraphe ${k} `.repeat(20));
    if (k === held - 1) {
      at = Y.encodeStateVector(doc);
      heldState = Y.encodeStateAsUpdate(doc);
    }
  }
  return { doc, at, heldState };
}

function updateOf(frame: Uint8Array): Uint8Array {
  const parsed = parseFrame(frame);
  if (parsed.kind !== 'sync-step2') throw new Error(`expected a sync step 2, got ${parsed.kind}`);
  return parsed.update;
}

describe('sync replies', () => {
  it('gives a client that holds most of the document only the difference', () => {
    const { doc, at, heldState } = history(100, 90);
    const replies = new SyncReplies(doc);
    const difference = updateOf(replies.replyTo(at));
    const full = updateOf(replies.replyTo(new Uint8Array([0])));
    expect(difference.byteLength).toBeLessThan(full.byteLength / 5);
    // What the client held, plus the difference, is the document.
    const client = new Y.Doc();
    Y.applyUpdate(client, heldState);
    Y.applyUpdate(client, difference);
    expect(client.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('encodes one frame for every client with the same state, until the document changes', () => {
    const { doc, at } = history(20, 10);
    const replies = new SyncReplies(doc);
    const fresh = replies.replyTo(new Uint8Array([0]));
    const partial = replies.replyTo(at);
    expect(replies.replyTo(new Uint8Array([0]))).toBe(fresh);
    expect(replies.replyTo(Uint8Array.from(at))).toBe(partial);
    doc.getText('t').insert(0, 'nouveau ');
    replies.changed();
    const after = replies.replyTo(Uint8Array.from(at));
    expect(after).not.toBe(partial);
    const client = new Y.Doc();
    Y.applyUpdate(client, updateOf(fresh));
    Y.applyUpdate(client, updateOf(replies.replyTo(Y.encodeStateVector(client))));
    expect(client.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('refuses an invalid state vector without keeping anything for it', () => {
    const { doc } = history(2, 1);
    const replies = new SyncReplies(doc);
    expect(() => replies.replyTo(new Uint8Array([5, 200]))).toThrow();
  });
});
