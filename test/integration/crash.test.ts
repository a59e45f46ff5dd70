import { describe, expect, it } from 'vitest';
import { runCrashRounds } from '../helpers/crashRounds.js';

describe('durability under kill -9', () => {
  it('keeps every edit another client has seen when the server is killed mid-burst', async () => {
    const figures = await runCrashRounds(3);
    console.log(`crash test: ${JSON.stringify(figures)}`);
    expect(figures.observed).toBeGreaterThan(0);
    expect(figures.lost).toBe(0);
  }, 120_000);
});
