/**
 * What one invitation (grant) may cost the server, across all its sockets: an invitation link is
 * shared by a whole delegation, so a per-socket limit alone lets one link open dozens of sockets
 * that each stay within it (issue 21: 20 sockets at 400 updates/s each stalled the server).
 */

/** A token bucket: `rate` per second, holding at most `burst`. */
export class TokenBucket {
  private level: number;
  private last = performance.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.level = burst;
  }

  private refill(): void {
    const now = performance.now();
    this.level = Math.min(this.burst, this.level + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** Takes `amount` if the bucket holds it; otherwise takes nothing. */
  take(amount: number): boolean {
    this.refill();
    if (this.level < amount) return false;
    this.level -= amount;
    return true;
  }

  /**
   * Charges what has already been spent (it cannot be refused after the fact). The debt is kept
   * to two seconds' refill, so that one huge change never locks its sender out for long.
   * Returns whether the bucket is still out of debt.
   */
  charge(amount: number): boolean {
    this.refill();
    this.level = Math.min(this.burst, Math.max(-2 * this.rate, this.level - amount));
    return this.level >= 0;
  }

  get inDebt(): boolean {
    this.refill();
    return this.level < 0;
  }

  get full(): boolean {
    this.refill();
    return this.level >= this.burst;
  }
}

export interface GrantLimits {
  /** Frames per second all sockets of one invitation may send together, and the burst above that. */
  readonly grantMessagesPerSecond: number;
  readonly grantMessageBurst: number;
  /** Bytes per second all sockets of one invitation may send together. */
  readonly grantBytesPerSecond: number;
  readonly maxMessageBytes: number;
  /** Milliseconds of the server's processing (applying updates) per second one connection may cost… */
  readonly connectionWorkMsPerSecond: number;
  /** …and all connections of one invitation together. The burst is ten seconds' worth. */
  readonly grantWorkMsPerSecond: number;
}

/** Seconds of work a bucket may run ahead: a large paste or an offline backlog is paid for over time. */
const WORK_BURST_SECONDS = 10;

/** Processing time a connection's updates may cost: its own share, within its invitation's. */
export function connectionWorkBucket(limits: GrantLimits): TokenBucket {
  return new TokenBucket(limits.connectionWorkMsPerSecond, limits.connectionWorkMsPerSecond * WORK_BURST_SECONDS);
}

/** One invitation's budgets, shared by all its sockets. */
export class GrantBudget {
  readonly frames: TokenBucket;
  readonly bytes: TokenBucket;
  /** Milliseconds of processing its updates cost. */
  readonly work: TokenBucket;

  constructor(limits: GrantLimits) {
    this.frames = new TokenBucket(limits.grantMessagesPerSecond, limits.grantMessageBurst);
    // Bursts of a few maximum-size frames: several members reconnecting with offline backlogs at once.
    this.bytes = new TokenBucket(limits.grantBytesPerSecond, Math.max(limits.grantBytesPerSecond, 4 * limits.maxMessageBytes));
    this.work = new TokenBucket(limits.grantWorkMsPerSecond, limits.grantWorkMsPerSecond * WORK_BURST_SECONDS);
  }

  /** Takes one frame of `bytes` from the invitation's allowance, or nothing if it is spent. */
  takeFrame(bytes: number): boolean {
    if (!this.frames.take(1)) return false;
    if (this.bytes.take(bytes)) return true;
    this.frames.charge(-1); // the frame is not taken after all
    return false;
  }

  /** Nothing borrowed or spent: the budget can be forgotten once its sockets are gone. */
  get idle(): boolean {
    return this.frames.full && this.bytes.full && this.work.full;
  }
}
