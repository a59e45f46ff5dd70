/**
 * N light clients each moving their caret (awareness) once a second, staggered; 10 of them, spread
 * over the workers, time every other client's moves from the `t` in the cursor state.
 */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import type { PresenceJob } from './jobs.js';
import { percentile, sortedSamples, wallClock } from './samples.js';
import { CARET_INTERVAL_MS, CLIENTS_PER_WORKER, PRESENCE_SAMPLED_CLIENTS, type Scale } from './scale.js';
import { newDocument, withSession } from './session.js';
import type { BenchTarget } from './target.js';
import { lagFigure, measureWindow, otherLoadPercent, peakRssFigure, perDeliveredFigure } from './usage.js';
import { splitClients, WorkerPool } from './workerPool.js';

export async function presence(target: BenchTarget, scale: Scale): Promise<Figure[]> {
  const count = scale.presenceClients;
  return withSession(target, async (session) => {
    const connection = await newDocument(session, `Presence, ${count} clients`);
    const sampled = Array.from({ length: PRESENCE_SAMPLED_CLIENTS }, (_, k) => Math.floor((k * count) / PRESENCE_SAMPLED_CLIENTS));
    const jobs: PresenceJob[] = splitClients(count, CLIENTS_PER_WORKER).map((clients) => ({
      kind: 'presence',
      connection,
      clients,
      totalClients: count,
      sampled: sampled.filter((s) => clients.includes(s)),
      intervalMs: CARET_INTERVAL_MS,
      warmupMs: scale.warmupMs,
      measureMs: scale.measureMs,
      drainMs: scale.drainMs,
    }));
    const pool = await WorkerPool.start(jobs);
    try {
      const at = wallClock() + 500;
      const windowStart = at + scale.warmupMs;
      const windowEnd = windowStart + scale.measureMs;
      const running = pool.run(at, scale.warmupMs + scale.measureMs + scale.drainMs + 60_000);
      const usage = await measureWindow([session.server.pid], pool.pids, windowStart, windowEnd);
      const [serverCpuSeconds = NaN] = usage.serverCpuSeconds;
      const [serverPeakRssBytes = NaN] = usage.serverPeakRssBytes;
      const results = await running;
      const sorted = sortedSamples(results.flatMap((r) => [...r.latencies]));
      const sent = results.reduce((sum, r) => sum + r.sent, 0);
      const sentBySampled = results.reduce((sum, r) => sum + r.sentBySampled, 0);
      const expected = sent * sampled.length - sentBySampled;
      const deliveredShare = expected === 0 ? NaN : sorted.length / expected;
      const name = `presence, ${count} clients × 1 caret move/s`;
      return [
        checked({ name: `${name}: server CPU`, value: round((100 * serverCpuSeconds) / usage.seconds), unit: '% of a core', target: '< 15 %' }, (v) => v < 15),
        { name: `${name}: server CPU in the ${scale.measureMs / 1000} s window`, value: round(serverCpuSeconds, 2), unit: 's' },
        { name: `${name}: p50 awareness latency (at ${sampled.length} clients)`, value: round(percentile(sorted, 50)), unit: 'ms' },
        checked(
          { name: `${name}: p95 awareness latency (at ${sampled.length} clients)`, value: round(percentile(sorted, 95)), unit: 'ms', target: '< 100 ms' },
          (v) => v < 100,
        ),
        { name: `${name}: moves delivered to the sampled clients`, value: round(100 * deliveredShare, 2), unit: '%' },
        // Every other client gets every move: the sampled clients' share stands for all of them.
        perDeliveredFigure(name, 'caret move (move, recipient)', serverCpuSeconds, sent * (count - 1) * deliveredShare),
        peakRssFigure(name, serverPeakRssBytes),
        { name: `${name}: client workers' CPU (all ${jobs.length})`, value: round(usage.workersCpuPercent), unit: '% of a core' },
        lagFigure(name, Math.max(...results.map((r) => r.worstLagMs))),
        otherLoadPercent(name, usage.otherCpuPercent),
      ];
    } finally {
      await pool.end();
    }
  });
}
