import { describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { DocumentStore, StoredDocument, UpdateAuthor } from './documentStore.js';
import { instrumentStore } from './instrumentedStore.js';
import type { StoreOp } from '../metrics.js';

class FakeStore implements DocumentStore {
  appended = 0;
  async loadDocument(_id: DeclarationId): Promise<StoredDocument> {
    return { snapshot: null, updates: [], lastSeq: 0 };
  }
  async appendUpdate(_id: DeclarationId, _update: Uint8Array, _author: UpdateAuthor): Promise<number> {
    return ++this.appended;
  }
  async compact(_id: DeclarationId, _state: Uint8Array, _upToSeq: number): Promise<void> {
    throw new Error('disk full');
  }
  async countUpdatesSinceSnapshot(_id: DeclarationId): Promise<number> {
    return this.appended;
  }
  async readSince(_id: DeclarationId, _afterSeq: number): Promise<StoredDocument> {
    return { snapshot: null, updates: [], lastSeq: this.appended };
  }
  async checkWritable(_id: DeclarationId): Promise<boolean> {
    return true;
  }
  /** A method beyond the interface, as an implementation may add. */
  extra(): string {
    return `extra from a store holding ${this.appended}`;
  }
}

const id = 'd1' as DeclarationId;

describe('instrumentStore', () => {
  it('times loads, appends and compactions, failed ones too, and passes every other call through', async () => {
    const seen: StoreOp[] = [];
    const store = instrumentStore(new FakeStore(), (op, seconds) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      seen.push(op);
    });
    await store.loadDocument(id);
    expect(await store.appendUpdate(id, new Uint8Array([1]), { accessId: null })).toBe(1);
    await expect(store.compact(id, new Uint8Array(), 1)).rejects.toThrow('disk full');
    expect(await store.countUpdatesSinceSnapshot(id)).toBe(1);
    expect(await store.checkWritable(id)).toBe(true);
    expect((await store.readSince(id, 0)).lastSeq).toBe(1);
    expect(store.extra()).toBe('extra from a store holding 1');
    expect(store.appended).toBe(1);
    expect(seen).toEqual(['load', 'append', 'compact']);
  });
});
