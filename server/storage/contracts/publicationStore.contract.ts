import { describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { FreezeRecord, PublicationStore, StoredSignature } from '../publicationStore.js';
import type { StoreHarness } from './storeHarness.js';

/** What every PublicationStore must do: run with `describePublicationStore` against each implementation. */
export function describePublicationStore(name: string, open: () => Promise<StoreHarness<PublicationStore>>): void {
  const id = (n: string) => `publish-${n}` as DeclarationId;
  const freeze = (doc: DeclarationId, over: Partial<Omit<FreezeRecord, 'id' | 'unfrozen'>> = {}): Omit<FreezeRecord, 'id' | 'unfrozen'> => ({
    declarationId: doc,
    version: 3,
    frozenAt: 1_000,
    frozenBy: 'Secrétariat',
    overrideReason: null,
    concordance: '[]',
    exportJson: '{"sha256":"ab"}',
    ...over,
  });
  const signature = (lang: string, over: Partial<StoredSignature> = {}): StoredSignature => ({
    lang,
    grantId: `grant-${lang}`,
    signer: `Signataire ${lang}`,
    publicKey: `key-${lang}`,
    signature: `sig-${lang}`,
    signedAt: '2024-05-01T10:00:00.000Z',
    ...over,
  });

  describe(`${name}: the PublicationStore contract`, () => {
    it('keeps one current freeze per declaration, and a history of the ended ones', async () => {
      const { store, cleanup } = await open();
      const first = await store.addFreeze(freeze(id('a'), { overrideReason: 'urgence' }));
      expect(first).toMatchObject({ declarationId: id('a'), overrideReason: 'urgence', unfrozen: null });
      await expect(store.addFreeze(freeze(id('a')))).rejects.toThrow();
      await store.addFreeze(freeze(id('b')));
      expect(await store.currentFreeze(id('a'))).toEqual(first);
      await store.endFreeze(first.id, { at: 2_000, by: 'Secrétariat', reason: 'erreur au § 3' });
      await store.endFreeze(first.id, { at: 3_000, by: 'Autre', reason: 'again' });
      expect(await store.currentFreeze(id('a'))).toBeNull();
      const second = await store.addFreeze(freeze(id('a'), { version: 4 }));
      expect(second.id).toBeGreaterThan(first.id);
      expect(await store.listFreezes(id('a'))).toEqual([{ ...first, unfrozen: { at: 2_000, by: 'Secrétariat', reason: 'erreur au § 3' } }, second]);
      await cleanup();
    });

    it('lets exactly one of two servers freeze a declaration at once', async () => {
      const { store, reopen, cleanup } = await open();
      const other = await reopen();
      const results = await Promise.allSettled([store.addFreeze(freeze(id('race'))), other.addFreeze(freeze(id('race')))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.listFreezes(id('race'))).toHaveLength(1);
      await cleanup();
    });

    it("keeps an invitation's latest key", async () => {
      const { store, cleanup } = await open();
      expect(await store.keyOf('g')).toBeNull();
      await store.registerKey(id('a'), 'g', 'k1', 1_000);
      await store.registerKey(id('a'), 'g', 'k2', 2_000);
      await store.registerKey(id('a'), 'g', 'k3', 2_000);
      await store.registerKey(id('a'), 'h', 'other', 5_000);
      expect(await store.keyOf('g')).toBe('k3');
      await cleanup();
    });

    it('takes one signature per language and freeze, and keeps the first', async () => {
      const { store, cleanup } = await open();
      const f = await store.addFreeze(freeze(id('a')));
      expect(await store.addSignature(f.id, signature('vi', { signedAt: '2024-05-01T11:00:00.000Z' }))).toBe(true);
      expect(await store.addSignature(f.id, signature('fr'))).toBe(true);
      expect(await store.addSignature(f.id, signature('fr', { signature: 'forged' }))).toBe(false);
      expect(await store.signatures(f.id)).toEqual([signature('fr'), signature('vi', { signedAt: '2024-05-01T11:00:00.000Z' })]);
      await expect(store.addSignature(f.id + 1000, signature('en'))).rejects.toThrow();
      await cleanup();
    });

    it('publishes a declaration once, and links a correction both ways', async () => {
      const { store, reopen, cleanup } = await open();
      const f = await store.addFreeze(freeze(id('orig')));
      const original = { declarationId: id('orig'), freezeId: f.id, publishedAt: 5_000, publishedBy: 'Secrétariat', replaces: null, exportJson: '{"a":1}' };
      await store.publish(original);
      await expect(store.publish({ ...original, exportJson: '{"a":2}' })).rejects.toThrow();
      await store.recordCorrection(id('fix'), id('orig'));
      const g = await store.addFreeze(freeze(id('fix')));
      const correction = {
        declarationId: id('fix'),
        freezeId: g.id,
        publishedAt: 6_000,
        publishedBy: 'Secrétariat',
        replaces: id('orig'),
        exportJson: '{"b":1}',
      };
      await store.publish(correction);
      const other = await reopen();
      expect(await other.publication(id('orig'))).toEqual(original);
      expect(await other.correctionOf(id('orig'))).toEqual(correction);
      expect(await other.correctionOf(id('fix'))).toBeNull();
      expect(await other.replacedBy(id('fix'))).toBe(id('orig'));
      expect(await other.replacedBy(id('orig'))).toBeNull();
      expect(await other.publication(id('none'))).toBeNull();
      await cleanup();
    });

    it('refuses, in the database itself, to change a signature, a publication or what a freeze fingerprinted', async () => {
      const { store, exec, cleanup } = await open();
      const f = await store.addFreeze(freeze(id('a')));
      await store.addSignature(f.id, signature('fr'));
      await store.publish({ declarationId: id('a'), freezeId: f.id, publishedAt: 1, publishedBy: 'S', replaces: null, exportJson: '{}' });
      await expect(exec("UPDATE signatures SET signer = 'someone else'")).rejects.toThrow(/immutable/);
      await expect(exec('DELETE FROM signatures')).rejects.toThrow(/immutable/);
      await expect(exec("UPDATE publications SET published_by = 'someone else'")).rejects.toThrow(/immutable/);
      await expect(exec('DELETE FROM publications')).rejects.toThrow(/immutable/);
      await expect(exec('UPDATE freezes SET version = 99')).rejects.toThrow(/immutable/);
      expect(await store.signatures(f.id)).toEqual([signature('fr')]);
      expect((await store.publication(id('a')))?.publishedBy).toBe('S');
      expect((await store.currentFreeze(id('a')))?.version).toBe(3);
      await cleanup();
    });
  });
}
