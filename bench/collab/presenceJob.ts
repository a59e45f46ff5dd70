/** A worker's side of the presence scenario, with light clients: every client moves its caret every interval; sampled ones time the others' moves. */
import { caretState, caretTimer, encodePresence, randomClientId } from './caretWire.js';
import { sleep } from './clients.js';
import type { PresenceJob, PresenceResult } from './jobs.js';
import { watchLag } from './lag.js';
import { LightClient } from './lightClient.js';
import { wallClock } from './samples.js';

const CONNECT_TIMEOUT_MS = 60_000;

export async function runPresenceJob(job: PresenceJob, start: () => Promise<number>): Promise<PresenceResult> {
  const latencies: number[] = [];
  let window = { from: Infinity, to: -Infinity };
  const own = job.clients.map((index) => {
    const id = randomClientId();
    const sampled = job.sampled.includes(index);
    const onAwareness = sampled
      ? caretTimer(id, (t, now) => {
          if (t >= window.from && t < window.to) latencies.push(now - t);
        })
      : undefined;
    const client = new LightClient(job.connection.wire, onAwareness ? { onAwareness } : {});
    return { index, id, sampled, client, user: { name: `Délégation ${index}`, color: `hsl(${(index * 47) % 360} 70% 45%)` } };
  });
  await Promise.all(own.map(({ client }) => client.synced(CONNECT_TIMEOUT_MS)));
  for (const c of own) c.client.sendAwareness(encodePresence(c.id, 0, { user: c.user }));

  const at = await start();
  window = { from: at + job.warmupMs, to: at + job.warmupMs + job.measureMs };
  const lag = watchLag(window.from, window.to);
  let sent = 0;
  let sentBySampled = 0;
  for (const c of own) {
    const offset = (c.index / job.totalClients) * job.intervalMs;
    let move = 0;
    const next = () => {
      const due = at + offset + move * job.intervalMs;
      if (due >= window.to) return;
      setTimeout(() => {
        const t = wallClock();
        if (t >= window.from && t < window.to) {
          sent++;
          if (c.sampled) sentBySampled++;
        }
        move++;
        c.client.sendAwareness(encodePresence(c.id, move, caretState(c.user, move, t)));
        next();
      }, due - wallClock());
    };
    next();
  }
  await sleep(window.to + job.drainMs - wallClock());
  for (const { client } of own) client.close();
  return { kind: 'presence', latencies: Float64Array.from(latencies), sent, sentBySampled, worstLagMs: lag.worst() };
}
