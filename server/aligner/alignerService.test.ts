import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Room } from '../collab/room.js';
import { encodeSyncStep2Frame } from '../../shared/protocol/frames.js';
import { RoomHooks } from '../collab/roomHooks.js';
import { silentLogger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import { appendBlocks } from '../../shared/model/documentText.js';
import { ensureParagraphIds } from '../../shared/model/paragraphIds.js';
import { AlignerService } from './alignerService.js';
import { AlignmentWorker, type AlignmentComputer } from './alignmentWorker.js';

/** The part of a room the aligner uses. */
function fakeRoom(doc = new Y.Doc()): { room: Room; join: () => void } {
  const state = { joinedAt: Number.NEGATIVE_INFINITY };
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
    const service = new AlignerService(catalog, silentLogger, 10, { computer, threadFromCharacters: 0 });
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
    const service = new AlignerService(catalog, silentLogger, 10, { computer, threadFromCharacters: 0 });
    service.attach(room);
    await sleep(1300);
    expect(alignedAt).toHaveLength(1);
    expect(alignedAt[0]! - loaded).toBeGreaterThanOrEqual(990);
    await service.close();
  });

  it('aligns a short declaration on the event loop, and a long one in the thread', async () => {
    const declaration = (paragraph: string) => {
      const doc = new Y.Doc();
      for (const [lang, text] of [
        ['fr', `Article premier. ${paragraph}`],
        ['vi', `Điều 1. ${paragraph}`],
      ] as const)
        appendBlocks(doc.getXmlFragment(`text:${lang}`), [{ text }]);
      ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
      return doc;
    };
    const rowsOf = (doc: Y.Doc) => doc.getMap('alignment').size;
    for (const [paragraph, threaded] of [
      ['Les parties coopèrent.', 0],
      ['Les parties coopèrent. '.repeat(60), 0],
      ['Les parties coopèrent. '.repeat(2_500), 1],
    ] as const) {
      const doc = declaration(paragraph);
      const { computer, alignedAt } = recordingComputer();
      const service = new AlignerService(catalog, silentLogger, 10, { computer, threadFromCharacters: 100_000 });
      service.attach(fakeRoom(doc).room);
      // Rows either way (the thread starts and reads its copy first); the thread only for the long one.
      for (const started = performance.now(); rowsOf(doc) === 0 && performance.now() - started < 10_000; ) await sleep(50);
      expect(rowsOf(doc)).toBe(1);
      expect(alignedAt).toHaveLength(threaded);
      await service.close();
    }
  });
});
