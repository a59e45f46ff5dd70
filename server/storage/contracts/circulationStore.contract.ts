import { describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { CirculationStore, StoredCirculation } from '../circulationStore.js';
import type { StoreHarness } from './storeHarness.js';

/** What every CirculationStore must do: run with `describeCirculationStore` against each implementation. */
export function describeCirculationStore(name: string, open: () => Promise<StoreHarness<CirculationStore>>): void {
  const circulation = (id: string, deadline: number): StoredCirculation => ({
    id,
    declarationId: 'circ-doc' as DeclarationId,
    version: 2,
    deadline,
    startedAt: 1_000,
    by: 'Secrétariat',
    closedAt: null,
    outcome: null,
  });

  describe(`${name}: the CirculationStore contract`, () => {
    it('lists open circulations soonest deadline first, across a restart', async () => {
      const { store, reopen, cleanup } = await open();
      await store.add(circulation('late', 9_000));
      await store.add(circulation('soon', 3_000));
      await store.add(circulation('mid', 5_000));
      expect((await (await reopen()).open()).map((c) => c.id)).toEqual(['soon', 'mid', 'late']);
      expect((await store.open())[0]).toEqual(circulation('soon', 3_000));
      await cleanup();
    });

    it('forgets a circulation once it is closed', async () => {
      const { store, cleanup } = await open();
      await store.add(circulation('a', 3_000));
      await store.add(circulation('b', 4_000));
      await store.close('a', 3_500, 'adopted-by-silence');
      await store.close('a', 3_600, 'objected');
      await store.close('unknown', 1, 'adopted-by-silence');
      expect((await store.open()).map((c) => c.id)).toEqual(['b']);
      await cleanup();
    });
  });
}
