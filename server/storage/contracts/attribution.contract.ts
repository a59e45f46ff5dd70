import { describe, expect, it } from 'vitest';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { AttributionLog } from '../attribution.js';
import type { StoreHarness } from './storeHarness.js';

/** What every AttributionLog must do: run with `describeAttributionLog` against each implementation. */
export function describeAttributionLog(name: string, open: () => Promise<StoreHarness<AttributionLog>>): void {
  const doc = 'attribution-doc' as DeclarationId;
  const vi = { grantId: 'g-vi', name: 'Đoàn Việt Nam' };
  const fr = { grantId: 'g-fr', name: 'Délégation française' };

  describe(`${name}: the AttributionLog contract`, () => {
    it("gives a paragraph's editors newest first, one entry per person per minute of work", async () => {
      const { store, cleanup } = await open();
      await store.record(doc, ['p1'], { ...vi, at: 1_000 });
      await store.record(doc, ['p1'], { ...vi, at: 30_000 });
      await store.record(doc, ['p1'], { ...fr, at: 40_000 });
      await store.record(doc, ['p1'], { ...vi, at: 50_000 });
      await store.record(doc, ['p1', 'p2'], { ...vi, at: 120_000 });
      expect(await store.history(doc, 'p1', 10)).toEqual([
        { ...vi, at: 120_000 },
        { ...vi, at: 50_000 },
        { ...fr, at: 40_000 },
        { ...vi, at: 30_000 },
      ]);
      expect(await store.history(doc, 'p1', 2)).toHaveLength(2);
      expect(await store.history(doc, 'p2', 10)).toEqual([{ ...vi, at: 120_000 }]);
      expect(await store.history('other' as DeclarationId, 'p1', 10)).toEqual([]);
      await cleanup();
    });

    it('lists the paragraphs others changed since a time, each with its latest change, newest first', async () => {
      const { store, cleanup } = await open();
      await store.record(doc, ['p1'], { ...fr, at: 1_000 });
      await store.record(doc, ['p2'], { ...fr, at: 2_000 });
      await store.record(doc, ['p3'], { ...vi, at: 3_000 });
      await store.record(doc, ['p1'], { ...fr, at: 4_000 });
      await store.record(doc, ['p4'], { ...fr, at: 500 });
      expect(await store.changedSince(doc, 900, vi.grantId, 10)).toEqual([
        { pid: 'p1', ...fr, at: 4_000 },
        { pid: 'p2', ...fr, at: 2_000 },
      ]);
      expect(await store.changedSince(doc, 900, vi.grantId, 1)).toEqual([{ pid: 'p1', ...fr, at: 4_000 }]);
      expect(await store.changedSince(doc, 900, fr.grantId, 10)).toEqual([{ pid: 'p3', ...vi, at: 3_000 }]);
      await cleanup();
    });
  });
}
