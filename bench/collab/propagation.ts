/**
 * C writers on one declaration, each appending a marker to its own paragraph twice a second
 * (staggered over the 500 ms), with light clients (they scan what they receive and never apply
 * it: the server is what is measured). Latency is from the sender's clock at the edit to each
 * other client's first sight of the marker; only edits made in the measured window count, and an
 * edit not seen `drainMs` after the last one is undelivered. `runWriters` is also the hall's and
 * the cluster's client side.
 */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import type { ConnectionInfo, WritersJob } from './jobs.js';
import { percentile, sortedSamples, wallClock } from './samples.js';
import { CLIENTS_PER_WORKER, EDIT_INTERVAL_MS, type Scale } from './scale.js';
import { newDocument, withSession } from './session.js';
import type { BenchTarget } from './target.js';
import { lagFigure, measureWindow, otherLoadPercent, peakRssFigure, perDeliveredFigure, type WindowUsage } from './usage.js';
import { splitEvenly, WorkerPool } from './workerPool.js';

export async function propagation(target: BenchTarget, writers: number, scale: Scale): Promise<Figure[]> {
  return withSession(target, async (session) => {
    const { document } = await newDocument(session, `Propagation, ${writers} writers`);
    const tokens = await session.invite(document, 'writer', writers);
    const run = await runWriters(
      tokens.map((token) => session.connection(document, token)),
      [session.server.pid],
      scale,
    );
    const name = propagationName(writers);
    const [cpuSeconds = NaN] = run.serverCpuSeconds;
    const [peakRss = NaN] = run.serverPeakRssBytes;
    return [
      { name: `${name}: p50 latency`, value: round(percentile(run.latencies, 50)), unit: 'ms' },
      { name: `${name}: p95 latency`, value: round(percentile(run.latencies, 95)), unit: 'ms' },
      checked({ name: `${name}: p99 latency`, value: round(percentile(run.latencies, 99)), unit: 'ms', target: '< 50 ms' }, (v) => v < 50),
      checked({ name: `${name}: delivered (each edit to every other client)`, value: round(run.delivered, 2), unit: '%', target: '100 %' }, (v) => v === 100),
      droppedFigure(name, run),
      { name: `${name}: server CPU in the ${scale.measureMs / 1000} s window`, value: round(cpuSeconds, 2), unit: 's' },
      { name: `${name}: server CPU`, value: round((100 * cpuSeconds) / run.windowSeconds), unit: '% of a core' },
      perDeliveredFigure(name, 'update (edit, recipient)', cpuSeconds, run.latencies.length),
      peakRssFigure(name, peakRss),
      { name: `${name}: client workers' CPU (all ${run.workers})`, value: round(run.workersCpuPercent), unit: '% of a core' },
      lagFigure(name, run.worstLagMs),
      otherLoadPercent(name, run.otherCpuPercent),
    ];
  });
}

/** Clients the server closed during the run: a refusal (rate limit, permission) rather than slowness explains missing deliveries. */
export function droppedFigure(name: string, run: WritersRun): Figure {
  const why = run.dropReason === null ? '' : ` (first: ${run.dropReason.slice(0, 80)})`;
  return {
    ...checked({ name: `${name}: clients the server closed${why}`, value: run.dropped, unit: 'clients', target: '0' }, (v) => v === 0),
    ratioless: true,
  };
}

/** The figures' common prefix for a propagation run of `writers` writers on one server. */
export function propagationName(writers: number): string {
  return `propagation, ${writers} writers × 2 edits/s`;
}

/** What one writers run measured. */
export interface WritersRun {
  /** Latencies (ms) of every (edit in the window, other client) pair that arrived, sorted. */
  readonly latencies: Float64Array;
  /** Percentage of those pairs that arrived (NaN if no edit was made in the window). */
  readonly delivered: number;
  /** Wall-clock length of the measured window. */
  readonly windowSeconds: number;
  /** Per server, in the order given: CPU seconds in the window, and peak RSS at its end. */
  readonly serverCpuSeconds: readonly number[];
  readonly serverPeakRssBytes: readonly number[];
  readonly workers: number;
  readonly workersCpuPercent: number;
  /** CPU seconds of the `services` process trees (see runWriters) in the window; 0 without. */
  readonly servicesCpuSeconds: number;
  /** Everything else on the machine (not the servers, workers, services or the bench process). */
  readonly otherCpuPercent: number;
  readonly worstLagMs: number;
  /** With observers (the hall): the presence-only phase's usage, and the caret moves timed at the sampled observers. */
  readonly presenceOnly: WindowUsage | null;
  readonly caretLatencies: Float64Array;
  /** Percentage of the observers' moves that reached the sampled observers. */
  readonly caretsDelivered: number;
  /** Clients the server closed before the end, and why (the first one). */
  readonly dropped: number;
  readonly dropReason: string | null;
}

/** Optional parts of a writers run. */
export interface WritersOptions {
  /** Process trees (e.g. a database's postmaster) timed in total. */
  readonly services?: readonly number[];
  /** The hall's observers (all on `connection`): they receive every edit and move their caret every `caretIntervalMs`; `sampled` of them time the moves. */
  readonly observers?: { readonly connection: ConnectionInfo; readonly count: number; readonly caretIntervalMs: number; readonly sampled: number };
  /** A phase before the edits where only carets move; its server CPU is measured on its own (from 1 s in). */
  readonly presenceOnlyMs?: number;
}

/**
 * The client side of `propagation`, on one or several servers holding the same declaration:
 * writer i connects as `writerConnections[i]` (its server, its token). `serverPids` are timed one
 * by one. Writers and observers are spread evenly over the workers.
 */
export async function runWriters(
  writerConnections: readonly ConnectionInfo[],
  serverPids: readonly number[],
  scale: Scale,
  options: WritersOptions = {},
): Promise<WritersRun> {
  const { observers } = options;
  const writers = writerConnections.length;
  const workers = Math.max(1, Math.ceil((writers + (observers?.count ?? 0)) / CLIENTS_PER_WORKER));
  const writerGroups = splitEvenly(writers, workers);
  const observerGroups = splitEvenly(observers?.count ?? 0, workers);
  const sampledObservers = observers ? Array.from({ length: observers.sampled }, (_, k) => Math.floor((k * observers.count) / observers.sampled)) : [];
  const editsDelayMs = options.presenceOnlyMs ?? 0;
  const jobs: WritersJob[] = writerGroups.map((clients, w) => ({
    kind: 'writers',
    writers: clients.map((index) => ({ index, wire: writerConnections[index]!.wire })),
    totalClients: writers,
    intervalMs: EDIT_INTERVAL_MS,
    warmupMs: scale.warmupMs,
    measureMs: scale.measureMs,
    drainMs: scale.drainMs,
    editsDelayMs,
    ...(observers
      ? {
          observers: {
            wire: observers.connection.wire,
            indices: observerGroups[w]!,
            total: observers.count,
            caretIntervalMs: observers.caretIntervalMs,
            sampled: sampledObservers.filter((s) => observerGroups[w]!.includes(s)),
          },
        }
      : {}),
  }));
  const pool = await WorkerPool.start(jobs);
  try {
    const at = wallClock() + 500;
    const windowStart = at + editsDelayMs + scale.warmupMs;
    const windowEnd = windowStart + scale.measureMs;
    const running = pool.run(at, editsDelayMs + scale.warmupMs + scale.measureMs + scale.drainMs + 60_000);
    const presenceOnly = editsDelayMs > 1_000 ? await measureWindow(serverPids, pool.pids, at + 1_000, at + editsDelayMs) : null;
    const usage = await measureWindow(serverPids, pool.pids, windowStart, windowEnd, options.services ?? []);
    const results = await running;

    const sentAt = new Map<number, number>();
    for (const { sends } of results) {
      for (let i = 0; i < sends.keys.length; i++) {
        const t = sends.times[i]!;
        if (t >= windowStart && t < windowEnd) sentAt.set(sends.keys[i]!, t);
      }
    }
    const latencies: number[] = [];
    for (const { arrivals } of results) {
      for (let i = 0; i < arrivals.keys.length; i++) {
        const sent = sentAt.get(arrivals.keys[i]!);
        if (sent !== undefined) latencies.push(arrivals.times[i]! - sent);
      }
    }
    const expected = sentAt.size * (writers - 1 + (observers?.count ?? 0));
    const caretsSent = results.reduce((sum, r) => sum + r.caretsSent, 0);
    const caretsBySampled = results.reduce((sum, r) => sum + r.caretsSentBySampled, 0);
    const caretLatencies = sortedSamples(results.flatMap((r) => [...r.caretLatencies]));
    const caretsExpected = caretsSent * sampledObservers.length - caretsBySampled;
    return {
      latencies: sortedSamples(latencies),
      delivered: expected === 0 ? NaN : (100 * latencies.length) / expected,
      windowSeconds: usage.seconds,
      serverCpuSeconds: usage.serverCpuSeconds,
      serverPeakRssBytes: usage.serverPeakRssBytes,
      workers: jobs.length,
      workersCpuPercent: usage.workersCpuPercent,
      servicesCpuSeconds: usage.servicesCpuSeconds,
      otherCpuPercent: usage.otherCpuPercent,
      worstLagMs: Math.max(...results.map((r) => r.worstLagMs)),
      presenceOnly,
      caretLatencies,
      caretsDelivered: caretsExpected > 0 ? (100 * caretLatencies.length) / caretsExpected : NaN,
      dropped: results.reduce((sum, r) => sum + r.dropped, 0),
      dropReason: results.find((r) => r.firstDropReason !== null)?.firstDropReason ?? null,
    };
  } finally {
    await pool.end();
  }
}
