import { describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { ClientOwnership } from '../clientOwnership.js';
import type { StoreHarness } from './storeHarness.js';

/** What every ClientOwnership must do: run with `describeClientOwnership` against each implementation. */
export function describeClientOwnership(name: string, open: () => Promise<StoreHarness<ClientOwnership>>): void {
  const doc = 'owners-doc' as DeclarationId;

  describe(`${name}: the ClientOwnership contract`, () => {
    it('keeps the first owner of a client id, per declaration, across a restart', async () => {
      const { store, reopen, cleanup } = await open();
      // Yjs client ids are unsigned 32-bit numbers: the largest must round-trip.
      await store.claim(doc, 4_294_967_295, 'g-vi');
      await store.claim(doc, 4_294_967_295, 'g-fr');
      await store.claim(doc, 7, 'g-fr');
      await store.claim('other' as DeclarationId, 7, 'g-vi');
      const other = await reopen();
      expect(await other.owners(doc)).toEqual(
        new Map([
          [4_294_967_295, 'g-vi'],
          [7, 'g-fr'],
        ]),
      );
      expect(await other.owners('none' as DeclarationId)).toEqual(new Map());
      await cleanup();
    });
  });
}
