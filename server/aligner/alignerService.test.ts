import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Room } from '../collab/room.js';
import { RoomHooks } from '../collab/roomHooks.js';
import { silentLogger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import { AlignerService } from './alignerService.js';

/** The part of a room the aligner uses; records when it began aligning (reading the text). */
function fakeRoom(): { room: Room; alignedAt: number[]; join: () => void } {
  const alignedAt: number[] = [];
  const state = { joinedAt: Number.NEGATIVE_INFINITY };
  const doc = new Y.Doc();
  const room = {
    id: 'd1',
    isClosed: false,
    leads: true,
    hooks: new RoomHooks(),
    get settling() {
      return performance.now() - state.joinedAt < 500;
    },
    peek: <T>(fn: (doc: Y.Doc) => T) => fn(doc),
    read: async <T>(fn: (doc: Y.Doc) => T) => {
      alignedAt.push(performance.now());
      return fn(doc);
    },
    change: async (fn: (doc: Y.Doc) => void) => fn(doc),
  };
  return { room: room as unknown as Room, alignedAt, join: () => (state.joinedAt = performance.now()) };
}

const catalog = { getDeclaration: async () => ({ languages: ['fr', 'vi'] }) } as unknown as Catalog;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('aligner service', () => {
  it('checks the rows of a loaded declaration only once clients have settled', async () => {
    const { room, alignedAt, join } = fakeRoom();
    new AlignerService(catalog, silentLogger, 10).attach(room);
    // Clients keep joining for 1.6 s, past the usual 1 s wait.
    let lastJoin = 0;
    for (let k = 0; k < 16; k++) {
      join();
      lastJoin = performance.now();
      await sleep(100);
    }
    expect(alignedAt).toHaveLength(0);
    await sleep(800);
    expect(alignedAt).toHaveLength(1);
    expect(alignedAt[0]! - lastJoin).toBeGreaterThanOrEqual(490);
  });

  it('checks the rows a second after loading when nobody joins', async () => {
    const { room, alignedAt } = fakeRoom();
    const loaded = performance.now();
    new AlignerService(catalog, silentLogger, 10).attach(room);
    await sleep(1300);
    expect(alignedAt).toHaveLength(1);
    expect(alignedAt[0]! - loaded).toBeGreaterThanOrEqual(990);
  });
});
