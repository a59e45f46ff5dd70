/**
 * Response times of a server's HTTP health answer, polled from the bench process while something
 * else runs. Each poll opens a connection of its own (no keep-alive: a server closing an idle
 * kept-alive socket as the next request goes out would read as a failure of the server), and a
 * poll that fails is counted, not thrown, so that the run goes on.
 */
import { get } from 'node:http';
import { sleep } from './clients.js';
import { wallClock } from './samples.js';

export interface HealthPolls {
  /** Times (ms) of the polls that got a whole answer, in order. */
  readonly times: number[];
  /** Polls that got no answer (refused, reset, timed out). */
  readonly failed: number;
}

const POLL_TIMEOUT_MS = 10_000;

/** Times `GET url` every `everyMs` for `ms`. */
export function pollHealth(url: string, ms: number, everyMs = 5): Promise<HealthPolls> {
  const until = wallClock() + ms;
  return pollHealthWhile(url, () => wallClock() < until, everyMs);
}

/** Times `GET url` (the whole body read) every `everyMs` while `going()`. */
export async function pollHealthWhile(url: string, going: () => boolean, everyMs = 5): Promise<HealthPolls> {
  const times: number[] = [];
  let failed = 0;
  while (going()) {
    const started = performance.now();
    if (await answered(url)) times.push(performance.now() - started);
    else failed++;
    await sleep(everyMs);
  }
  return { times, failed };
}

/** Whether one `GET url` on a fresh connection got a whole answer (any status). */
function answered(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: POLL_TIMEOUT_MS }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(true));
      res.on('error', () => resolve(false));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
