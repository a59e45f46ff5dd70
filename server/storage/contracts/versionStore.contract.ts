import { describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { StoreHarness } from './storeHarness.js';
import type { StoredVersion, VersionStore } from '../versionStore.js';

/** What every VersionStore must do: run with `describeVersionStore` against each implementation. */
export function describeVersionStore(name: string, open: () => Promise<StoreHarness<VersionStore>>): void {
  const id = (n: string) => `versions-${n}` as DeclarationId;
  const version = (label: string, over: Partial<Omit<StoredVersion, 'version'>> = {}): Omit<StoredVersion, 'version'> => ({
    kind: 'named',
    label,
    note: '',
    at: 1_700_000_000_000,
    by: 'Secrétariat',
    changeSummary: null,
    state: new Uint8Array([1, 2, 3, 0, 255]),
    canonical: JSON.stringify({ label }),
    ...over,
  });

  describe(`${name}: the VersionStore contract`, () => {
    it('numbers versions from 1 for each declaration', async () => {
      const { store, cleanup } = await open();
      expect(await store.add(id('a'), version('v1'))).toBe(1);
      expect(await store.add(id('a'), version('v2'))).toBe(2);
      expect(await store.add(id('b'), version('autre'))).toBe(1);
      expect((await store.list(id('a'))).map((v) => v.label)).toEqual(['v1', 'v2']);
      expect(await store.list(id('none'))).toEqual([]);
      await cleanup();
    });

    it('gives back what was stored: the Yjs state, the canonical text and the change summary', async () => {
      const { store, reopen, cleanup } = await open();
      const state = new Uint8Array(4096).map((_, i) => (i * 7) % 256);
      const summary = { changes: null, openBrackets: { fr: 1, vi: 0 } };
      await store.add(
        id('a'),
        version('Première lecture', { kind: 'auto', note: 'note « ici »', by: 'Accord', state, changeSummary: summary, canonical: '{"rows":["Điều 1"]}' }),
      );
      const other = await reopen();
      const got = await other.get(id('a'), 1);
      expect(got).toEqual({
        version: 1,
        kind: 'auto',
        label: 'Première lecture',
        note: 'note « ici »',
        at: 1_700_000_000_000,
        by: 'Accord',
        changeSummary: summary,
        state,
        canonical: '{"rows":["Điều 1"]}',
      });
      expect(await other.list(id('a'))).toEqual([
        { version: 1, kind: 'auto', label: 'Première lecture', note: 'note « ici »', at: 1_700_000_000_000, by: 'Accord', changeSummary: summary },
      ]);
      expect(await other.get(id('a'), 2)).toBeNull();
      await cleanup();
    });

    it('finds the latest version', async () => {
      const { store, cleanup } = await open();
      expect(await store.latest(id('a'))).toBeNull();
      await store.add(id('a'), version('v1'));
      await store.add(id('a'), version('v2'));
      expect((await store.latest(id('a')))?.label).toBe('v2');
      await cleanup();
    });

    it('numbers versions without gaps or repeats when two servers add at once', async () => {
      const { store, reopen, cleanup } = await open();
      const other = await reopen();
      const numbers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).add(id('race'), version(`v${i}`))));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect((await store.list(id('race'))).map((v) => v.version)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      await cleanup();
    });

    it('refuses, in the database itself, to change or remove a version', async () => {
      const { store, exec, cleanup } = await open();
      await store.add(id('a'), version('v1'));
      await expect(exec("UPDATE versions SET label = 'rewritten'")).rejects.toThrow(/immutable/);
      await expect(exec('DELETE FROM versions')).rejects.toThrow(/immutable/);
      expect((await store.get(id('a'), 1))?.label).toBe('v1');
      await cleanup();
    });
  });
}
