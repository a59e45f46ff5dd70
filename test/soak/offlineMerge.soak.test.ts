import { describe, expect, it } from 'vitest';
import { runOfflineMerge } from '../helpers/offlineMerge.js';

describe('a client that edited offline (soak)', () => {
  it('merges 50,000 offline edits with two online writers, loses none, and keeps the server answering', async () => {
    const figures = await runOfflineMerge({ offlineEdits: 50_000, onlineEdits: 2000, timeoutMs: 300_000 });
    console.log(`offline merge soak: ${JSON.stringify(figures)}`);
    expect(figures.problems).toEqual([]);
    expect(figures.offline.insertions + figures.offline.deletions + figures.offline.paragraphs).toBe(50_000);
    expect(figures.health.failures).toBe(0);
    // Catches the server freezing for the whole merge (a quadratic write check once took 57 s here);
    // the figure itself is printed above.
    expect(figures.health.maxMs).toBeLessThan(2000);
  }, 600_000);
});
