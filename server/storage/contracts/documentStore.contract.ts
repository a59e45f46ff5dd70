import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { DocumentStore } from '../documentStore.js';

/**
 * What every DocumentStore must do, whatever it is built on: run with `describeDocumentStore`
 * against each implementation (the embedded files store now; a database later).
 */
export function describeDocumentStore(
  name: string,
  open: () => Promise<{ store: DocumentStore; reopen(): Promise<DocumentStore>; cleanup(): Promise<void> }>,
): void {
  const id = (n: string) => `contract-${n}` as DeclarationId;
  const edit = (doc: Y.Doc, text: string): Uint8Array => {
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, text);
    return Y.encodeStateAsUpdate(doc, before);
  };
  const rebuild = (stored: { snapshot: Uint8Array | null; updates: readonly Uint8Array[] }) => {
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return doc.getText('t').toString();
  };

  describe(`${name}: the DocumentStore contract`, () => {
    it('loads an unknown document as empty', async () => {
      const { store, cleanup } = await open();
      expect(await store.loadDocument(id('empty'))).toMatchObject({ snapshot: null, updates: [], lastSeq: 0 });
      await cleanup();
    });

    it('returns appended updates in order, with increasing sequence numbers, across a reopen', async () => {
      const { store, reopen, cleanup } = await open();
      const doc = new Y.Doc();
      const seqs: number[] = [];
      for (const word of ['Tuyên ', 'bố ', 'chung ', '« commune »'])
        seqs.push(await store.appendUpdate(id('order'), edit(doc, word), { accessId: word === 'bố ' ? null : 'grant-1' }));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(4);
      const again = await (await reopen()).loadDocument(id('order'));
      expect(rebuild(again)).toBe('Tuyên bố chung « commune »');
      expect(again.lastSeq).toBe(seqs[3]);
      // Damage is a value a load reports; an intact history reports none.
      expect(again.damaged ?? null).toBeNull();
      await cleanup();
    });

    it('compacts into a snapshot that loads the same document, keeping updates after it', async () => {
      const { store, reopen, cleanup } = await open();
      const doc = new Y.Doc();
      let seq = 0;
      for (let i = 0; i < 50; i++) seq = await store.appendUpdate(id('compact'), edit(doc, `${i} `), { accessId: 'g' });
      await store.compact(id('compact'), Y.encodeStateAsUpdate(doc), seq);
      expect(await store.countUpdatesSinceSnapshot(id('compact'))).toBe(0);
      const after = await store.appendUpdate(id('compact'), edit(doc, 'fin'), { accessId: 'g' });
      expect(after).toBeGreaterThan(seq);
      expect(await store.countUpdatesSinceSnapshot(id('compact'))).toBe(1);
      const loaded = await (await reopen()).loadDocument(id('compact'));
      expect(loaded.snapshot).not.toBeNull();
      expect(loaded.updates).toHaveLength(1);
      expect(rebuild(loaded)).toBe(doc.getText('t').toString());
      await cleanup();
    });

    it('never lets an older snapshot replace a newer one', async () => {
      const { store, cleanup } = await open();
      const doc = new Y.Doc();
      const first = await store.appendUpdate(id('race'), edit(doc, 'a'), { accessId: 'g' });
      const older = Y.encodeStateAsUpdate(doc);
      const second = await store.appendUpdate(id('race'), edit(doc, 'b'), { accessId: 'g' });
      await store.compact(id('race'), Y.encodeStateAsUpdate(doc), second);
      await store.compact(id('race'), older, first);
      expect(rebuild(await store.loadDocument(id('race')))).toBe('ab');
      await cleanup();
    });

    it('keeps documents apart', async () => {
      const { store, cleanup } = await open();
      const a = new Y.Doc();
      const b = new Y.Doc();
      await store.appendUpdate(id('a'), edit(a, 'français'), { accessId: null });
      await store.appendUpdate(id('b'), edit(b, 'tiếng Việt'), { accessId: null });
      expect(rebuild(await store.loadDocument(id('a')))).toBe('français');
      expect(rebuild(await store.loadDocument(id('b')))).toBe('tiếng Việt');
      await cleanup();
    });
  });
}
