import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseFrame } from '../../shared/protocol/frames.js';
import { Broadcast, broadcastIntervalMs, type EmittedUpdate } from './broadcast.js';
import { SERVER_ORIGIN } from './changeOrigin.js';
import type { Peer } from './peer.js';

/** A peer that keeps the frames it is sent. */
function recordingPeer(id: number): Peer & { frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  return { id, role: { kind: 'observer' }, grantId: `g${id}`, name: `peer ${id}`, frames, send: (frame) => frames.push(frame), close: () => undefined };
}

/** `count` updates typed by one writer, one character each. */
function typedUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let k = 0; k < count; k++) doc.getText('t').insert(k, 'x');
  return updates;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('broadcast', () => {
  it('sends a small room’s change at the next turn of the event loop', async () => {
    const peers = new Set([recordingPeer(1), recordingPeer(2)]);
    const broadcast = new Broadcast(peers, () => false);
    const [update] = typedUpdates(1);
    broadcast.send([{ update: update!, origin: SERVER_ORIGIN }]);
    await turn();
    for (const peer of peers) expect(peer.frames).toHaveLength(1);
    broadcast.send([{ update: update!, origin: SERVER_ORIGIN }]);
    await turn();
    for (const peer of peers) expect(peer.frames).toHaveLength(2);
  });

  it('sends a large busy room one frame per interval, every update in it, the same bytes to every peer', async () => {
    const peers = new Set(Array.from({ length: 200 }, (_, k) => recordingPeer(k)));
    const broadcast = new Broadcast(peers, () => false);
    const updates = typedUpdates(60);
    const started = performance.now();
    for (const update of updates) {
      broadcast.send([{ update, origin: SERVER_ORIGIN } satisfies EmittedUpdate]);
      await turn();
    }
    const elapsed = performance.now() - started;
    await sleep(2 * broadcastIntervalMs(peers.size));
    const frames = [...peers][0]!.frames;
    // One turn per update: without the interval, one frame each.
    expect(frames.length).toBeLessThan(updates.length);
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(elapsed / broadcastIntervalMs(peers.size)) + 2);
    for (const peer of peers) expect(peer.frames.every((f, k) => f === frames[k])).toBe(true);
    const doc = new Y.Doc();
    for (const frame of frames) {
      const parsed = parseFrame(frame);
      if (parsed.kind === 'update') Y.applyUpdate(doc, parsed.update);
    }
    expect(doc.getText('t').toString()).toBe('x'.repeat(updates.length));
  });
});
