import { describe, expect, it } from 'vitest';
import { reportFuzz, runFrameFuzz } from '../helpers/frameFuzz.js';

describe('the collaboration socket under fuzzed frames (soak)', () => {
  it('closes every offending socket with a documented code, stays healthy, and leaves the document unchanged over 100,000 frames', async () => {
    const figures = await runFrameFuzz({ frames: 100_000, socketsPerBatch: 50, harmlessPerSocket: 9, maxMessageBytes: 4096 });
    reportFuzz('frame fuzz soak', figures);
    expect(figures.violations).toEqual([]);
    expect(figures.framesSent).toBeGreaterThanOrEqual(100_000);
    expect(figures.maxHealthMs).toBeLessThan(500);
    expect(figures.documentAfter.roots).toEqual(figures.documentBefore.roots);
    expect(figures.documentAfter.stateVector).toEqual(figures.documentBefore.stateVector);
    expect(figures.documentAfter.update === figures.documentBefore.update, 'the whole stored state is byte-identical').toBe(true);
  }, 600_000);
});
