/** A small seeded generator (mulberry32): the same seed makes the same run, so a failure can be replayed. */
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

/** The seed to use: `ACCORD_TEST_SEED` to replay a run, else a fresh one (which the caller reports). */
export function testSeed(): number {
  const fixed = Number(process.env.ACCORD_TEST_SEED);
  return Number.isInteger(fixed) ? fixed >>> 0 : (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
}
