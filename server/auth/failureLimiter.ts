/** Keys remembered at most: the oldest are forgotten first (a guesser can make a fresh key per try). */
const MAX_KEYS = 10_000;

/**
 * Slows token guessing: each key (an address, a token prefix) gets `allowed` failed
 * authentications per window; past that, the key is blocked until the window ends. What a
 * blocked key refuses is the caller's choice: Accord refuses only unknown tokens with it.
 */
export class FailureLimiter {
  // In order of window start, oldest first, so expired entries are always at the front.
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly allowed: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys: number = MAX_KEYS,
  ) {}

  blocked(key: string): boolean {
    const entry = this.failures.get(key);
    if (!entry) return false;
    if (this.now() - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return false;
    }
    return entry.count >= this.allowed;
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (entry && now - entry.since < this.windowMs) {
      entry.count++;
      return;
    }
    this.failures.delete(key);
    this.failures.set(key, { count: 1, since: now });
    for (const [old, value] of this.failures) {
      if (now - value.since < this.windowMs) break;
      this.failures.delete(old);
    }
    // Bound the memory a distributed guesser can make us hold, in constant time per failure.
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }
}
