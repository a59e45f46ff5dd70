import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Room } from '../collab/room.js';
import { encodeSyncStep2Frame } from '../../shared/protocol/frames.js';
import { RoomHooks } from '../collab/roomHooks.js';
import { silentLogger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import { AlignerService } from './alignerService.js';
import { AlignmentWorker, type AlignmentComputer } from './alignmentWorker.js';

/** The part of a room the aligner uses. */
function fakeRoom(): { room: Room; join: () => void } {
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
    change: async (fn: (doc: Y.Doc) => void) => fn(doc),
    answerSync: async (_: Uint8Array, reply: (frame: Uint8Array) => void) => reply(encodeSyncStep2Frame(Y.encodeStateAsUpdate(doc))),
  };
  return { room: room as unknown as Room, join: () => (state.joinedAt = performance.now()) };
}

/** The real worker thread, noting when each alignment was asked of it. */
function recordingComputer(): { computer: AlignmentComputer; alignedAt: number[] } {
  const worker = new AlignmentWorker();
  const alignedAt: number[] = [];
  return {
    alignedAt,
    computer: {
      attach: (doc) => {
        const aligner = worker.attach(doc);
        return {
          get version() {
            return aligner.version;
          },
          align: (languages) => {
            alignedAt.push(performance.now());
            return aligner.align(languages);
          },
          detach: () => aligner.detach(),
        };
      },
      close: () => worker.close(),
    },
  };
}

const catalog = { getDeclaration: async () => ({ languages: ['fr', 'vi'] }) } as unknown as Catalog;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('aligner service', () => {
  it('checks the rows of a loaded declaration only once clients have settled', async () => {
    const { room, join } = fakeRoom();
    const { computer, alignedAt } = recordingComputer();
    const service = new AlignerService(catalog, silentLogger, 10, computer);
    service.attach(room);
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
    await service.close();
  });

  it('checks the rows a second after loading when nobody joins', async () => {
    const { room } = fakeRoom();
    const { computer, alignedAt } = recordingComputer();
    const loaded = performance.now();
    const service = new AlignerService(catalog, silentLogger, 10, computer);
    service.attach(room);
    await sleep(1300);
    expect(alignedAt).toHaveLength(1);
    expect(alignedAt[0]! - loaded).toBeGreaterThanOrEqual(990);
    await service.close();
  });
});
