import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeclarationId } from '../../../shared/model/ids.js';
import { describeDocumentStore } from '../contracts/documentStore.contract.js';
import { LogDocumentStore, type WriteBytes } from './logDocumentStore.js';
import { openSqliteDatabase } from './sqliteDatabase.js';
import { writeSync } from 'node:fs';

function openStore(write?: WriteBytes) {
  const dir = mkdtempSync(join(tmpdir(), 'accord-store-'));
  const dbs = [openSqliteDatabase(dir)];
  const stores = [new LogDocumentStore(dbs[0]!, dir, { write })];
  return {
    dir,
    store: stores[0]!,
    async reopen() {
      const db = openSqliteDatabase(dir);
      dbs.push(db);
      const store = new LogDocumentStore(db, dir, { write });
      stores.push(store);
      return store;
    },
    async cleanup() {
      for (const s of stores) s.close();
      for (const db of dbs) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeDocumentStore('LogDocumentStore', async () => openStore());

const ID = 'doc-1' as DeclarationId;
const typed = (doc: Y.Doc, text: string) => {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
};
const textOf = (stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }) => {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
};

describe('the update log on disk', () => {
  it('detects a torn last record, loads everything before it, reports it, and keeps appending after it', async () => {
    const { dir, store, reopen, cleanup } = openStore();
    const doc = new Y.Doc();
    for (const word of ['Hội ', 'nghị ', 'lần ', 'thứ 12']) await store.appendUpdate(ID, typed(doc, word), { accessId: 'g' });
    store.close();
    const log = join(dir, 'docs', `${ID}.log`);
    truncateSync(log, readFileSync(log).length - 3); // the last write was cut short
    const again = await reopen();
    const loaded = await again.loadDocument(ID);
    expect(textOf(loaded)).toBe('Hội nghị lần ');
    expect(loaded.damaged).toMatchObject({ reason: 'truncated record' });
    expect(readdirSync(join(dir, 'docs')).some((n) => n.includes('.damaged-'))).toBe(true);
    // The next update follows the good records, not the torn bytes.
    const redo = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(redo, u);
    await again.appendUpdate(ID, typed(redo, 'mười hai'), { accessId: 'g' });
    again.close();
    const third = await reopen();
    const after = await third.loadDocument(ID);
    expect(after.damaged).toBeNull();
    expect(textOf(after)).toBe('Hội nghị lần mười hai');
    await cleanup();
  });

  it('detects a corrupted (bit-flipped) last record by its checksum', async () => {
    const { dir, store, reopen, cleanup } = openStore();
    const doc = new Y.Doc();
    for (const word of ['un ', 'deux ', 'trois']) await store.appendUpdate(ID, typed(doc, word), { accessId: null });
    store.close();
    const log = join(dir, 'docs', `${ID}.log`);
    const bytes = readFileSync(log);
    bytes[bytes.length - 2]! ^= 0x20;
    writeFileSync(log, bytes);
    const loaded = await (await reopen()).loadDocument(ID);
    expect(textOf(loaded)).toBe('un deux ');
    expect(loaded.damaged?.reason).toBe('checksum mismatch');
    await cleanup();
  });

  it('refuses an update when the disk is full, leaves the log byte-identical, and takes writes again once the disk does', async () => {
    let full = false;
    let partial = false;
    const write: WriteBytes = (fd, bytes) => {
      if (partial) writeSync(fd, bytes, 0, Math.floor(bytes.length / 2)); // half a record reached the disk
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    };
    const { dir, store, reopen, cleanup } = openStore(write);
    const doc = new Y.Doc();
    await store.appendUpdate(ID, typed(doc, 'avant '), { accessId: 'g' });
    const log = join(dir, 'docs', `${ID}.log`);
    const before = readFileSync(log);
    full = true;
    partial = true;
    await expect(store.appendUpdate(ID, typed(new Y.Doc(), 'perdu'), { accessId: 'h' })).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(log).equals(before)).toBe(true);
    expect(await store.checkWritable(ID)).toBe(false);
    expect(readFileSync(log).equals(before)).toBe(true);
    full = false;
    partial = false;
    expect(await store.checkWritable(ID)).toBe(true);
    await store.appendUpdate(ID, typed(doc, 'après'), { accessId: 'g' });
    store.close();
    const loaded = await (await reopen()).loadDocument(ID);
    expect(loaded.damaged).toBeNull();
    expect(textOf(loaded)).toBe('avant après');
    await cleanup();
  });

  it('writes about six bytes of framing per typed character', async () => {
    const { dir, store, cleanup } = openStore();
    const doc = new Y.Doc();
    let payload = 0;
    await store.appendUpdate(ID, typed(doc, 'x'), { accessId: 'grant-with-a-long-id' });
    const start = readFileSync(join(dir, 'docs', `${ID}.log`)).length;
    for (let i = 0; i < 500; i++) {
      const u = typed(doc, 'é');
      payload += u.length;
      await store.appendUpdate(ID, u, { accessId: 'grant-with-a-long-id' });
    }
    const written = readFileSync(join(dir, 'docs', `${ID}.log`)).length - start;
    expect(written / payload).toBeLessThan(1.4);
    await cleanup();
  });

  it('moves documents an earlier version kept in SQLite into files, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-store-'));
    const db = openSqliteDatabase(dir);
    const doc = new Y.Doc();
    db.prepare('INSERT INTO doc_updates (doc_id, data, access_id, at) VALUES (?, ?, ?, ?)').run(ID, Buffer.from(typed(doc, 'ancien ')), 'g', 1);
    db.prepare('INSERT INTO doc_updates (doc_id, data, access_id, at) VALUES (?, ?, ?, ?)').run(ID, Buffer.from(typed(doc, 'texte')), 'g', 2);
    const store = new LogDocumentStore(db, dir);
    expect(textOf(await store.loadDocument(ID))).toBe('ancien texte');
    expect((db.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n).toBe(0);
    store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

/** The byte offset of each record's frame in a log file (header first), read from the format itself. */
function recordOffsets(bytes: Uint8Array): number[] {
  let at = 5;
  while (bytes[at]! >= 0x80) at++;
  at++;
  const offsets: number[] = [];
  while (at < bytes.length) {
    offsets.push(at);
    let length = 0;
    let scale = 1;
    while (bytes[at]! >= 0x80) {
      length += (bytes[at]! & 0x7f) * scale;
      scale *= 0x80;
      at++;
    }
    length += bytes[at]! * scale;
    at += 1 + 4 + length;
  }
  return offsets;
}

describe('a byte flipped in the middle of the log', () => {
  const words = Array.from({ length: 30 }, (_, i) => `mot${i} `);
  async function writeThirty() {
    const opened = openStore();
    const doc = new Y.Doc();
    for (const word of words) await opened.store.appendUpdate(ID, typed(doc, word), { accessId: 'g' });
    opened.store.close();
    return { ...opened, log: join(opened.dir, 'docs', `${ID}.log`) };
  }
  const flip = (log: string, at: number) => {
    const bytes = readFileSync(log);
    bytes[at]! ^= 0x5a;
    writeFileSync(log, bytes);
    return bytes;
  };

  it('costs the damaged record only: the intact records after it are loaded, and the damaged file is kept byte-identical', async () => {
    const { dir, reopen, cleanup, log } = await writeThirty();
    // Record 0 declares the author; update n is record n + 1. Flip a byte in the body of update 11.
    const offsets = recordOffsets(readFileSync(log));
    const flipped = flip(log, offsets[12]! + 8);
    const store = await reopen();
    const loaded = await store.loadDocument(ID);
    const text = textOf(loaded);
    // Update 11 is lost (an empty stand-in keeps the numbering); the 29 intact updates are all handed over.
    expect(loaded.updates.filter((u) => u.length > 2)).toHaveLength(29);
    expect(loaded.damaged).toMatchObject({ reason: 'checksum mismatch', tornWrite: false, skipped: [{ offset: offsets[12] }] });
    expect(text.startsWith(words.slice(0, 11).join(''))).toBe(true);
    const kept = readdirSync(join(dir, 'docs')).filter((n) => n.startsWith(`${ID}.log.damaged-`) && !n.endsWith('.json'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, 'docs', kept[0]!)).equals(flipped)).toBe(true);
    // New appends follow the intact records, and the damage is still reported while its copy is kept.
    await store.appendUpdate(ID, typed(new Y.Doc(), 'x'), { accessId: 'h' });
    store.close();
    const again = await (await reopen()).loadDocument(ID);
    expect(again.updates.filter((u) => u.length > 2)).toHaveLength(30);
    expect(again.damaged).toMatchObject({ keptAt: loaded.damaged!.keptAt, reason: 'checksum mismatch' });
    expect(readFileSync(join(dir, 'docs', kept[0]!)).equals(flipped)).toBe(true);
    await cleanup();
  });

  it('finds the next intact record when the flipped byte is a record length', async () => {
    const { reopen, cleanup, log } = await writeThirty();
    const original = (await (await reopen()).loadDocument(ID)).updates.map((u) => Buffer.from(u).toString('hex'));
    const offsets = recordOffsets(readFileSync(log));
    flip(log, offsets[12]!);
    const loaded = await (await reopen()).loadDocument(ID);
    expect(loaded.damaged?.tornWrite).toBe(false);
    // Updates 0–10 and 12–29 are there, byte for byte; only update 11 is lost.
    const hex = loaded.updates.map((u) => Buffer.from(u).toString('hex')).filter((h) => h !== '0000'); // the stand-in for the lost record
    expect(hex).toEqual([...original.slice(0, 11), ...original.slice(12)]);
    await cleanup();
  });

  it('reports no damage after a torn write once the log is whole again (nothing stored was lost)', async () => {
    const { reopen, cleanup, log } = await writeThirty();
    truncateSync(log, readFileSync(log).length - 1);
    const first = await (await reopen()).loadDocument(ID);
    expect(first.damaged).toMatchObject({ tornWrite: true });
    expect(first.updates).toHaveLength(29);
    expect((await (await reopen()).loadDocument(ID)).damaged).toBeNull();
    await cleanup();
  });
});

describe('a snapshot newer than its log (an older log restored beside it)', () => {
  it('numbers new updates after the snapshot, so none is skipped on the next load', async () => {
    const { dir, store, reopen, cleanup } = openStore();
    const doc = new Y.Doc();
    await store.appendUpdate(ID, typed(doc, 'un '), { accessId: 'g' });
    store.close();
    const log = join(dir, 'docs', `${ID}.log`);
    const oldLog = readFileSync(log);
    const second = await reopen();
    await second.loadDocument(ID);
    let seq = 0;
    for (const w of ['deux ', 'trois ']) seq = await second.appendUpdate(ID, typed(doc, w), { accessId: 'g' });
    await second.compact(ID, Y.encodeStateAsUpdate(doc), seq);
    second.close();
    writeFileSync(log, oldLog); // the backup copied the log before the snapshot was replaced
    const third = await reopen();
    expect(textOf(await third.loadDocument(ID))).toBe('un deux trois ');
    await third.appendUpdate(ID, typed(doc, 'quatre'), { accessId: 'g' });
    third.close();
    expect(textOf(await (await reopen()).loadDocument(ID))).toBe('un deux trois quatre');
    await cleanup();
  });
});
