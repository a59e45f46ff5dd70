import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { findProgramDir, freePort, serviceAvailable, stopChild, waitUntilReady } from './externalService.js';

export const REDIS_MISSING = 'Redis not found: install redis-server or set ACCORD_TEST_REDIS_URL';

/**
 * Gives the calling test file a Redis: `ACCORD_TEST_REDIS_URL` when set, else a throwaway
 * `redis-server` on a free loopback port with persistence off, started before the file's tests
 * and stopped after. `available` is false (the tests skip, saying why) when there is neither;
 * under CI=true that fails the file instead.
 */
export function useTestRedis(): { readonly available: boolean; url(): string } {
  const fromEnv = process.env.ACCORD_TEST_REDIS_URL || null;
  const binDir = fromEnv ? null : findProgramDir(['redis-server'], ['/usr/bin', '/usr/local/bin']);
  const available = serviceAvailable(fromEnv !== null || binDir !== null, REDIS_MISSING);
  let server: { url: string; stop(): Promise<void> } | null = null;
  if (available) {
    beforeAll(async () => {
      server = fromEnv ? { url: fromEnv, stop: async () => undefined } : await startRedisOnSomePort(join(binDir!, 'redis-server'));
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

/** The free port may be taken between choosing it and binding it (test files start in parallel): try another. */
async function startRedisOnSomePort(program: string): Promise<{ url: string; stop(): Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRedis(program, await freePort());
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startRedis(program: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    await stopChild(child, 'SIGTERM');
  };
  try {
    await waitUntilReady(child, () => output, () => pingRedis(`redis://127.0.0.1:${port}`), 'redis-server');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

/** Whether the Redis at `url` answers PING (an inline command: no client library needed). */
export function pingRedis(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}
