/** Raw samples as the workers collect them, and the statistics the figures are made of. */

/**
 * Milliseconds since the epoch with sub-millisecond resolution. Comparable across processes on
 * one machine (every process derives it from the same clock), which is what latencies between a
 * sender in one worker and a receiver in another rely on.
 */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/** A growable list of (key, time) pairs in typed arrays: cheap to fill and to send over IPC. */
export class SampleBuffer {
  private keys = new Uint32Array(1024);
  private times = new Float64Array(1024);
  private size = 0;

  push(key: number, time: number): void {
    if (this.size === this.keys.length) {
      const keys = new Uint32Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const times = new Float64Array(this.size * 2);
      times.set(this.times);
      this.times = times;
    }
    this.keys[this.size] = key;
    this.times[this.size] = time;
    this.size++;
  }

  get length(): number {
    return this.size;
  }

  /** Copies of the filled part (structured clone sends them as raw bytes). */
  toSamples(): Samples {
    return { keys: this.keys.slice(0, this.size), times: this.times.slice(0, this.size) };
  }
}

export interface Samples {
  readonly keys: Uint32Array;
  readonly times: Float64Array;
}

/** Nearest-rank percentile (p in 0..100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Ascending copy as a Float64Array (numeric sort, unlike Array.prototype.sort's default). */
export function sortedSamples(values: readonly number[] | Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** A small seeded generator (mulberry32), so that both servers get the very same edits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
