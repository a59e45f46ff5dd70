/**
 * Slows token guessing: each address gets `allowed` failed authentications per window; past
 * that, every attempt from it is refused until the window ends, valid token or not.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly allowed: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  blocked(address: string): boolean {
    const entry = this.failures.get(address);
    if (!entry) return false;
    if (this.now() - entry.since >= this.windowMs) {
      this.failures.delete(address);
      return false;
    }
    return entry.count >= this.allowed;
  }

  fail(address: string): void {
    const now = this.now();
    const entry = this.failures.get(address);
    if (!entry || now - entry.since >= this.windowMs) this.failures.set(address, { count: 1, since: now });
    else entry.count++;
    // Bound the memory a distributed guesser can make us hold.
    if (this.failures.size > 10_000) {
      for (const [key, value] of this.failures) if (now - value.since >= this.windowMs) this.failures.delete(key);
    }
  }
}
