import { describe, expect, it } from 'vitest';
import { Backlog, MAX_QUEUE_DELAY_MS, MIN_WAITING_TO_SHED, type BacklogPeer } from './backlog.js';

/** Peers that count how often they are looked at, and whether they were shed. */
function peers(count: number, pending: (k: number) => number): { list: (BacklogPeer & { shed: boolean })[]; looks: () => number } {
  let looks = 0;
  const list = Array.from({ length: count }, (_, k) => ({
    grantId: `g${k}`,
    get pending() {
      looks++;
      return pending(k);
    },
    shed: false,
    shedLoad() {
      this.shed = true;
    },
  }));
  return { list, looks: () => looks };
}

describe('backlog', () => {
  it('sheds the invitation with most updates waiting once a task starts a second late', () => {
    const { list } = peers(10, (k) => (k === 3 ? MIN_WAITING_TO_SHED : 1));
    new Backlog().taskStarted(performance.now() - MAX_QUEUE_DELAY_MS - 1, list);
    expect(list.map((p) => p.shed)).toEqual(list.map((_, k) => k === 3));
  });

  it('does not walk a large room at every late task when nobody floods it', () => {
    const { list, looks } = peers(200, () => 1);
    const backlog = new Backlog();
    for (let task = 0; task < 1000; task++) backlog.taskStarted(performance.now() - MAX_QUEUE_DELAY_MS - 1, list);
    expect(list.some((p) => p.shed)).toBe(false);
    expect(looks()).toBeLessThanOrEqual(2 * 200);
  });
});
