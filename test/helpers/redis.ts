import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { serviceAvailable } from './externalService.js';
import { findRedisBinaries, startRedis } from './localServices.js';

export { pingRedis, startRedis } from './localServices.js';

export const REDIS_MISSING = 'Redis not found: install redis-server or set ACCORD_TEST_REDIS_URL';

/**
 * Gives the calling test file a Redis: `ACCORD_TEST_REDIS_URL` when set, else a throwaway
 * `redis-server` on a free loopback port with persistence off, started before the file's tests
 * and stopped after. `available` is false (the tests skip, saying why) when there is neither;
 * under CI=true that fails the file instead.
 */
export function useTestRedis(): { readonly available: boolean; url(): string } {
  const fromEnv = process.env.ACCORD_TEST_REDIS_URL || null;
  const binDir = fromEnv ? null : findRedisBinaries();
  const available = serviceAvailable(fromEnv !== null || binDir !== null, REDIS_MISSING);
  let server: { url: string; stop(): Promise<void> } | null = null;
  if (available) {
    beforeAll(async () => {
      server = fromEnv ? { url: fromEnv, stop: async () => undefined } : await startRedis(join(binDir!, 'redis-server'));
    });
    afterAll(async () => {
      await server?.stop();
    });
  }
  return {
    available,
    url() {
      if (!server) throw new Error('the test Redis is not ready (use it inside tests or hooks)');
      return server.url;
    },
  };
}
