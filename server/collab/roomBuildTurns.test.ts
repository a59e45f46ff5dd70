import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeclarationId } from '../../shared/model/ids.js';
import { silentLogger } from '../log.js';
import { LogDocumentStore } from '../storage/sqlite/logDocumentStore.js';
import { openSqliteDatabase } from '../storage/sqlite/sqliteDatabase.js';
import { RoomRegistry } from './roomRegistry.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A declaration of a few megabytes as a store holds it after a while: a snapshot and a log after it. */
async function storeLongDeclaration(store: LogDocumentStore, id: DeclarationId): Promise<void> {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('text:fr');
  const texts = Array.from({ length: 100 }, (_, p) => {
    const text = new Y.XmlText(`Paragraphe ${p + 1}. `);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
    return text;
  });
  for (let step = 0; step < 300; step++) texts[step % 100]!.insert(texts[step % 100]!.length, `la coopération décentralisée ${step} `.repeat(250));
  await store.compact(id, Y.encodeStateAsUpdate(doc), 0);
  let seq = 0;
  doc.on('update', (update: Uint8Array) => void store.appendUpdate(id, update, { accessId: null }).then((s) => (seq = s)));
  for (let step = 0; step < 100; step++) texts[step]!.insert(0, `Mise à jour ${step}. `.repeat(200));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(seq).toBe(100);
}

describe('building a room', () => {
  it('gives the event loop turns between reading, applying and encoding a long declaration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-build-'));
    dirs.push(dir);
    const id = 'd-longdeclaration' as DeclarationId;
    await storeLongDeclaration(new LogDocumentStore(openSqliteDatabase(dir), dir), id);
    // What a restarted server holds: nothing in memory.
    const store = new LogDocumentStore(openSqliteDatabase(dir), dir);
    const rooms = new RoomRegistry(store, silentLogger, { compactAfterUpdates: 100_000, idleUnloadMs: 60_000 });

    // A ticker on the event loop: the longest gap between its turns is the longest the loop was held.
    const turns: number[] = [];
    let ticking = true;
    const tick = () => {
      turns.push(performance.now());
      if (ticking) setImmediate(tick);
    };
    const started = performance.now();
    tick();
    const room = await rooms.acquire(id);
    const full = await new Promise<Uint8Array | null>((resolve) => void room.answerSync(new Uint8Array([0]), resolve));
    const ended = performance.now();
    const total = ended - started;
    ticking = false;
    expect(full?.byteLength).toBeGreaterThan(2_000_000);
    const longest = Math.max(...[...turns.slice(1), ended].map((t, k) => t - turns[k]!));
    // Reading, applying the snapshot, applying the log and encoding for the first client each get a turn of their own.
    // Alone, the longest step is about a third of the build; in one turn it is all of it. A busy
    // machine can stretch one step (a collection, a lost core): the bound leaves room for that.
    expect(longest).toBeLessThan(total * 0.8);
    await rooms.closeAll();
  }, 60_000);
});
