import { wallClock } from './samples.js';

/** How late a 20 ms timer fires, at worst, between two instants: this process's own queuing. */
export function watchLag(from: number, to: number): { worst(): number } {
  const TICK_MS = 20;
  let worst = 0;
  let last = wallClock();
  const timer = setInterval(() => {
    const now = wallClock();
    if (now >= from && now < to) worst = Math.max(worst, now - last - TICK_MS);
    last = now;
    if (now >= to) clearInterval(timer);
  }, TICK_MS);
  return { worst: () => worst };
}
