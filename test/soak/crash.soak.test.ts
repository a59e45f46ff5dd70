import { describe, expect, it } from 'vitest';
import { runCrashRounds } from '../helpers/crashRounds.js';

describe('durability under kill -9 (soak)', () => {
  it('loses no observed edit over 20 kills', async () => {
    const figures = await runCrashRounds(20, 1000);
    console.log(`crash soak: ${JSON.stringify(figures)}`);
    expect(figures.observed).toBeGreaterThan(0);
    expect(figures.lost).toBe(0);
  }, 600_000);
});
