/**
 * Slows token guessing: each key (an address, a token prefix) gets `allowed` failed
 * authentications per window; past that, the key is blocked until the window ends. What a
 * blocked key refuses is the caller's choice: Accord refuses only unknown tokens with it.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly allowed: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
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
    if (!entry || now - entry.since >= this.windowMs) this.failures.set(key, { count: 1, since: now });
    else entry.count++;
    // Bound the memory a distributed guesser can make us hold.
    if (this.failures.size > 10_000) {
      for (const [key, value] of this.failures) if (now - value.since >= this.windowMs) this.failures.delete(key);
    }
  }
}
