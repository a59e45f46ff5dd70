import { defineConfig } from 'vitest/config';

/** `npm run soak`: the long versions of the fault tests. */
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
