import { describe, expect, it } from 'vitest';
import { grownResources, runResourceCycles } from '../helpers/resourceCycles.js';

describe('server resources under connection churn', () => {
  it('holds no room, socket, timer or memory after 2,000 connect / bad token / abort / load-failure cycles', async () => {
    const figures = await runResourceCycles(2000);
    console.log(`resource cycles: ${JSON.stringify(figures)}`);
    expect(figures.unexpected).toEqual([]);
    expect(figures.unloadMs).toBeLessThan(2000);
    expect(figures.connectionsAfter).toBe(0);
    expect(grownResources(figures, 2)).toEqual({});
    // With a forced collection the heap comes back to within a few MB; without one, garbage not yet collected counts too.
    expect(figures.heapGrowthMb).toBeLessThan(figures.gcAvailable ? 10 : 30);
  }, 60_000);
});
