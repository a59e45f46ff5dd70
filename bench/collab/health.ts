/** Response times of a server's HTTP health answer, polled from the bench process while something else runs. */
import { sleep } from './clients.js';
import { wallClock } from './samples.js';

/** Times `GET url` every `everyMs` for `ms`. */
export function pollHealth(url: string, ms: number, everyMs = 5): Promise<number[]> {
  const until = wallClock() + ms;
  return pollHealthWhile(url, () => wallClock() < until, everyMs);
}

/** Times `GET url` (the whole body read) every `everyMs` while `going()`. */
export async function pollHealthWhile(url: string, going: () => boolean, everyMs = 5): Promise<number[]> {
  const times: number[] = [];
  while (going()) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    await sleep(everyMs);
  }
  return times;
}
