/** Small helpers for driving benchmark clients, in workers and in the bench process alike. */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './processes.js';
import type { BenchClient, ClientFactory } from './target.js';

/** Imports a target's client module (a path absolute or relative to the project root). */
export async function loadClientFactory(modulePath: string): Promise<ClientFactory> {
  const file = isAbsolute(modulePath) ? modulePath : resolve(PROJECT_ROOT, modulePath);
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof module.default !== 'function') throw new Error(`${modulePath} has no default export (a ClientFactory)`);
  return module.default as ClientFactory;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs: number, everyMs = 10): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** `client.synced()`, failing after `timeoutMs` instead of hanging the benchmark. */
export async function syncedWithin(client: BenchClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a client did not sync within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.synced(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
