import { describe, expect, it } from 'vitest';
import { runOfflineMerge } from '../helpers/offlineMerge.js';

describe('a client that edited offline', () => {
  it('merges 5,000 offline edits with two online writers, loses none, and keeps the server answering', async () => {
    const figures = await runOfflineMerge({ offlineEdits: 5000, onlineEdits: 300 });
    console.log(`offline merge: ${JSON.stringify(figures)}`);
    expect(figures.problems).toEqual([]);
    expect(figures.offline.insertions + figures.offline.deletions + figures.offline.paragraphs).toBe(5000);
    expect(figures.health.failures).toBe(0);
    // A bound that catches the server freezing for the whole merge (seconds before it was worked in phases),
    // not a timing target: the figure is printed above and measured on a quiet machine by the bench.
    expect(figures.health.maxMs).toBeLessThan(1000);
  }, 60_000);
});
