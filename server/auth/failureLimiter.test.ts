import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failureLimiter.js';

describe('FailureLimiter', () => {
  it('blocks a key after its allowed failures, until its window ends, without touching other keys', () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) limiter.fail('address:203.0.113.7');
    expect(limiter.blocked('address:203.0.113.7')).toBe(true);
    expect(limiter.blocked('address:198.51.100.1')).toBe(false);
    now = 60_000;
    expect(limiter.blocked('address:203.0.113.7')).toBe(false);
  });

  it('holds a bounded number of keys however many a guesser invents', () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 60_000, () => now, 100);
    for (let i = 0; i < 10_000; i++) limiter.fail(`token:${i}`);
    limiter.fail('address:203.0.113.7');
    limiter.fail('address:203.0.113.7');
    // The most recent keys are kept; the map never grew past the bound.
    expect(limiter.blocked('address:203.0.113.7')).toBe(true);
    expect((limiter as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(100);
    now = 1;
    expect(limiter.blocked('token:0')).toBe(false);
  });
});
