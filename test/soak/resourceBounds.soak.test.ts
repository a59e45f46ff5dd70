import { describe, expect, it } from 'vitest';
import { grownResources, runResourceCycles } from '../helpers/resourceCycles.js';

describe('server resources under connection churn (soak)', () => {
  it('holds no room, socket, timer or memory after 20,000 connect / bad token / abort / load-failure cycles', async () => {
    const figures = await runResourceCycles(20_000);
    console.log(`resource cycles soak: ${JSON.stringify(figures)}`);
    expect(figures.unexpected).toEqual([]);
    expect(figures.unloadMs).toBeLessThan(2000);
    expect(figures.connectionsAfter).toBe(0);
    expect(grownResources(figures, 2)).toEqual({});
    expect(figures.heapGrowthMb).toBeLessThan(figures.gcAvailable ? 10 : 30);
  }, 600_000);
});
