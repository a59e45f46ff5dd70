/** A worker's side of the reconnect storm: light clients created at the start instant, each saying it holds the job's state vector. */
import type { StormJob, StormResult } from './jobs.js';
import { LightClient } from './lightClient.js';
import { sleep } from './clients.js';
import { wallClock } from './samples.js';

export async function runStormJob(job: StormJob, start: () => Promise<number>): Promise<StormResult> {
  const at = await start();
  await sleep(at - wallClock());
  const options = job.stateVector ? { stateVector: job.stateVector } : {};
  const own = Array.from({ length: job.clients }, () => new LightClient(job.connection.wire, options));
  await Promise.all(own.map((client) => client.synced(job.timeoutMs).catch(() => undefined)));
  for (const client of own) client.close();
  return {
    kind: 'storm',
    syncedAt: Float64Array.from(own, (c) => c.syncedAt),
    bytes: Float64Array.from(own, (c) => c.bytesAtSync),
  };
}
