/**
 * The collaboration scenarios. Each takes a BenchTarget, runs its server in a process of its own
 * on a fresh data directory, drives clients (in worker processes where there are many), and
 * returns figures named the same whatever the target, so that Accord's and the reference's
 * can be paired.
 */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import { createAccordTarget } from './accordTarget.js';
import {
  awaitStored,
  buildHistory,
  buildTyped,
  charactersIn,
  connectTo,
  countLocalUpdates,
  lastParagraphText,
  seedDeclaration,
  typeSteadily,
} from './builders.js';
import { loadClientFactory, sleep, syncedWithin, waitUntil } from './clients.js';
import type { ConnectionInfo, PresenceJob, StormJob, WritersJob } from './jobs.js';
import { addOwnParagraph, appendMarker, markerKey, markersIn, watchMarkers } from './layout.js';
import { openCpuWindow, openTreeCpuWindow, readProcStats, type CpuReport } from './procStats.js';
import { percentile, seededRandom, sortedSamples, wallClock } from './samples.js';
import { newDocument, withSession } from './session.js';
import type { BenchTarget } from './target.js';
import { splitClients, WorkerPool } from './workerPool.js';

/** How big each scenario is: the sizes, or a smoke run's. */
export interface Scale {
  readonly writers: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
  readonly presenceClients: number;
  readonly stormClients: number;
  readonly historyBytes: number;
  readonly coldEdits: number;
  readonly coldRounds: number;
  readonly storageMs: number;
  readonly stallMs: number;
  readonly crashRounds: number;
}

export const FULL_SCALE: Scale = {
  writers: [10, 50, 200],
  warmupMs: 3_000,
  measureMs: 10_000,
  drainMs: 2_000,
  presenceClients: 300,
  stormClients: 300,
  historyBytes: 4 * 1024 * 1024,
  coldEdits: 20_000,
  coldRounds: 3,
  storageMs: 20_000,
  stallMs: 8_000,
  crashRounds: 5,
};

export const QUICK_SCALE: Scale = {
  writers: [10, 50],
  warmupMs: 1_500,
  measureMs: 4_000,
  drainMs: 1_500,
  presenceClients: 100,
  stormClients: 100,
  historyBytes: 1024 * 1024,
  coldEdits: 5_000,
  coldRounds: 1,
  storageMs: 6_000,
  stallMs: 3_000,
  crashRounds: 2,
};

const EDIT_INTERVAL_MS = 500;
const CARET_INTERVAL_MS = 1_000;
const PRESENCE_SAMPLED_CLIENTS = 10;
const CLIENTS_PER_WORKER = 50;
const SYNC_TIMEOUT_MS = 60_000;
const MB = 1024 * 1024;

/**
 * C writers on one declaration, each appending a marker to its own paragraph twice a second
 * (staggered over the 500 ms), spread over worker processes of 50 clients. Latency is from the
 * sender's clock at the edit to each other client's first sight of the marker; only edits made
 * in the measured window count, and an edit not seen `drainMs` after the last one is undelivered.
 */
export async function propagation(target: BenchTarget, writers: number, scale: Scale): Promise<Figure[]> {
  return withSession(target, async (session) => {
    const connection = await newDocument(session, `Propagation, ${writers} writers`);
    const run = await runWriters([connection], [session.server.pid], writers, scale);
    const name = propagationName(writers);
    const [cpuSeconds = NaN] = run.serverCpuSeconds;
    const [peakRss = NaN] = run.serverPeakRssBytes;
    return [
      { name: `${name}: p50 latency`, value: round(percentile(run.latencies, 50)), unit: 'ms' },
      { name: `${name}: p95 latency`, value: round(percentile(run.latencies, 95)), unit: 'ms' },
      checked({ name: `${name}: p99 latency`, value: round(percentile(run.latencies, 99)), unit: 'ms', target: '< 50 ms' }, (v) => v < 50),
      checked({ name: `${name}: delivered (each edit to every other client)`, value: round(run.delivered, 2), unit: '%', target: '100 %' }, (v) => v === 100),
      { name: `${name}: server CPU in the ${scale.measureMs / 1000} s window`, value: round(cpuSeconds, 2), unit: 's' },
      { name: `${name}: server CPU`, value: round((100 * cpuSeconds) / run.windowSeconds), unit: '% of a core' },
      { name: `${name}: server peak RSS`, value: round(peakRss / MB), unit: 'MB' },
      { name: `${name}: client workers' CPU (all ${run.workers})`, value: round(run.workersCpuPercent), unit: '% of a core' },
      lagFigure(name, run.worstLagMs),
      { name: `${name}: other programs' CPU on the machine`, value: round(run.otherCpuPercent), unit: '% of a core', ratioless: true },
    ];
  });
}

/** The figures' common prefix for a propagation run of `writers` writers on one server. */
export function propagationName(writers: number): string {
  return `propagation, ${writers} writers × 2 edits/s`;
}

/** What one propagation run measured. */
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
}

/**
 * The client side of `propagation`, on one or several servers holding the same declaration:
 * client i connects through `connections[i % connections.length]`. `serverPids` are timed one by
 * one; `services` (process trees, e.g. a database's postmaster) only in total.
 */
export async function runWriters(
  connections: readonly ConnectionInfo[],
  serverPids: readonly number[],
  writers: number,
  scale: Scale,
  services: readonly number[] = [],
): Promise<WritersRun> {
  const jobs: WritersJob[] = splitClients(writers, CLIENTS_PER_WORKER).map((clients) => ({
    kind: 'writers',
    connection: connections[0]!,
    ...(connections.length > 1 ? { connections } : {}),
    clients,
    totalClients: writers,
    intervalMs: EDIT_INTERVAL_MS,
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
    const usage = await measureWindow(serverPids, pool.pids, windowStart, windowEnd, services);
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
    const expected = sentAt.size * (writers - 1);
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
    };
  } finally {
    await pool.end();
  }
}

/**
 * N clients each moving their caret (awareness) once a second, staggered; 10 of them, spread
 * over the workers, time every other client's moves from the `t` in the cursor state.
 */
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
      const name = `presence, ${count} clients × 1 caret move/s`;
      return [
        checked({ name: `${name}: server CPU`, value: round((100 * serverCpuSeconds) / usage.seconds), unit: '% of a core', target: '< 25 %' }, (v) => v < 25),
        { name: `${name}: server CPU in the ${scale.measureMs / 1000} s window`, value: round(serverCpuSeconds, 2), unit: 's' },
        { name: `${name}: p50 awareness latency (at ${sampled.length} clients)`, value: round(percentile(sorted, 50)), unit: 'ms' },
        { name: `${name}: p95 awareness latency (at ${sampled.length} clients)`, value: round(percentile(sorted, 95)), unit: 'ms' },
        { name: `${name}: moves delivered to the sampled clients`, value: round(expected === 0 ? NaN : (100 * sorted.length) / expected, 2), unit: '%' },
        { name: `${name}: server peak RSS`, value: round(serverPeakRssBytes / MB), unit: 'MB' },
        { name: `${name}: client workers' CPU (all ${jobs.length})`, value: round(usage.workersCpuPercent), unit: '% of a core' },
        lagFigure(name, Math.max(...results.map((r) => r.worstLagMs))),
        { name: `${name}: other programs' CPU on the machine`, value: round(usage.otherCpuPercent), unit: '% of a core', ratioless: true },
      ];
    } finally {
      await pool.end();
    }
  });
}

/**
 * A declaration with a long history; the server is stopped gracefully and started again on the
 * same data; then N fresh clients (holding nothing: the worst case, every one downloads the whole
 * state) connect at the same instant from the workers. Time until the last one is synced.
 */
export async function reconnectStorm(target: BenchTarget, scale: Scale): Promise<Figure[]> {
  const count = scale.stormClients;
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Reconnect storm');
    const factory = await loadClientFactory(target.clientModule);
    const history = await buildHistory(factory, connection, scale.historyBytes);
    await session.restart();
    const restarted = session.connection(connection.document);
    const jobs: StormJob[] = splitClients(count, CLIENTS_PER_WORKER).map((clients) => ({
      kind: 'storm',
      connection: restarted,
      clients: clients.length,
      timeoutMs: SYNC_TIMEOUT_MS,
    }));
    const pool = await WorkerPool.start(jobs);
    try {
      const at = wallClock() + 300;
      const closeWindow = openCpuWindow([session.server.pid, ...pool.pids]);
      const results = await pool.run(at, SYNC_TIMEOUT_MS + 30_000);
      const usage = closeWindow();
      const synced = sortedSamples(results.flatMap((r) => [...r.syncedAt].filter(Number.isFinite).map((t) => t - at)));
      const bytes = sortedSamples(results.flatMap((r) => [...r.bytes].filter(Number.isFinite)));
      const missing = count - synced.length;
      const peak = readProcStats(session.server.pid).peakRssBytes;
      const name = `reconnect storm, ${count} fresh clients at once after a restart, ${round(history.historyBytes / MB)} MB history`;
      return [
        checked(
          { name: `${name}: time until all synced`, value: missing > 0 ? NaN : Math.round(synced[synced.length - 1] ?? NaN), unit: 'ms', target: '< 3,000 ms' },
          (v) => v < 3_000,
        ),
        { name: `${name}: median client synced after`, value: Math.round(percentile(synced, 50)), unit: 'ms' },
        checked({ name: `${name}: clients not synced within ${SYNC_TIMEOUT_MS / 1000} s`, value: missing, unit: 'clients', target: '0' }, (v) => v === 0),
        { name: `${name}: server peak RSS`, value: round(peak / MB), unit: 'MB' },
        { name: `${name}: state each client received (median)`, value: round(percentile(bytes, 50) / 1024), unit: 'KB' },
        { name: `${name}: history (${history.updates} updates)`, value: round(history.historyBytes / MB, 2), unit: 'MB' },
        { name: `${name}: server CPU until all synced`, value: round(usage.perProcess[0] ?? NaN, 2), unit: 's' },
        {
          name: `${name}: client workers' CPU until all synced`,
          value: round(
            usage.perProcess.slice(1).reduce((sum, s) => sum + s, 0),
            2,
          ),
          unit: 's',
        },
        otherLoad(name, usage),
      ];
    } finally {
      await pool.end();
    }
  });
}

/** After a cold load, how long the server's CPU time is still counted (work it does after answering, e.g. building its copy). */
const COLD_SETTLE_MS = 300;

/**
 * A declaration typed as `coldEdits` single keystrokes; then, `coldRounds` times, a graceful
 * restart and one fresh client: time from creating it to synced, the bytes it received, the
 * server's CPU time for it (until `COLD_SETTLE_MS` after synced) and the machine's other load
 * while it loaded (absolute times on a shared machine vary with it: read the ratio).
 */
export async function coldLoad(target: BenchTarget, scale: Scale): Promise<Figure[]> {
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Cold load');
    const factory = await loadClientFactory(target.clientModule);
    const typed = await buildTyped(factory, connection, scale.coldEdits);
    const times: number[] = [];
    const received: number[] = [];
    const serverCpu: number[] = [];
    const otherCpu: number[] = [];
    for (let r = 0; r < scale.coldRounds; r++) {
      await session.restart();
      const closeServerWindow = openCpuWindow([session.server.pid]);
      const closeWindow = openCpuWindow([session.server.pid]);
      const started = performance.now();
      const client = connectTo(factory, session.connection(connection.document));
      try {
        await syncedWithin(client, SYNC_TIMEOUT_MS);
        times.push(performance.now() - started);
        const usage = closeWindow();
        otherCpu.push((100 * usage.otherSeconds) / usage.seconds);
        received.push(client.bytesReceived());
        const characters = charactersIn(client.doc);
        if (characters !== typed.characters) throw new Error(`cold load got ${characters} characters, ${typed.characters} were typed`);
        await sleep(COLD_SETTLE_MS);
        serverCpu.push(1000 * (closeServerWindow().perProcess[0] ?? NaN));
      } finally {
        client.destroy();
      }
    }
    const name = `cold load, ${scale.coldEdits.toLocaleString('en')}-edit declaration, fresh client after a restart`;
    const median = (values: number[]) => round(percentile(sortedSamples(values), 50));
    return [
      checked({ name: `${name}: time to synced (median of ${scale.coldRounds})`, value: median(times), unit: 'ms', target: '< 100 ms' }, (v) => v < 100),
      { name: `${name}: fastest of ${scale.coldRounds}`, value: round(Math.min(...times)), unit: 'ms' },
      { name: `${name}: server CPU until ${COLD_SETTLE_MS} ms after synced (median)`, value: median(serverCpu), unit: 'ms' },
      { name: `${name}: bytes received`, value: round(percentile(sortedSamples(received), 50) / 1024), unit: 'KB' },
      { name: `${name}: document state`, value: round(typed.stateBytes / 1024), unit: 'KB' },
      { name: `${name}: other programs' CPU on the machine while loading (median)`, value: median(otherCpu), unit: '% of a core', ratioless: true },
    ];
  });
}

/**
 * Accord's storage. Write amplification: one writer, no other client, types small edits at
 * 50/s into a 300-row declaration; bytes the server wrote (/proc wchar) over the bytes of the
 * Yjs updates the writer produced. wchar counts socket writes too: with a single client the
 * server has nothing to forward, no save checks are sent, and the aligner waits for a pause
 * that never comes, so what it still sends (its echo of the writer's presence) is measured at
 * the client and subtracted. Stall: the same writer at 100 edits/s with a compaction every 100
 * updates, while the bench process times `GET /api/health` every 5 ms.
 */
export async function storage(scale: Scale): Promise<Figure[]> {
  const target = createAccordTarget();
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Storage');
    const factory = await loadClientFactory(target.clientModule);
    let writer = connectTo(factory, connection);
    let amplification: Figure[];
    try {
      await syncedWithin(writer, SYNC_TIMEOUT_MS);
      seedDeclaration(writer.doc);
      await awaitStored(factory, connection, writer.doc);
      await sleep(1_000); // the aligner's first pass over the new rows
      const counter = countLocalUpdates(writer.doc);
      const typing = lastParagraphText(writer.doc);
      const random = seededRandom(50);
      await typeSteadily(typing, random, 50, scale.warmupMs);
      const before = readProcStats(session.server.pid);
      const receivedBefore = writer.bytesReceived();
      const updatesBefore = { ...counter };
      await typeSteadily(typing, random, 50, scale.storageMs);
      await sleep(500); // the last updates stored
      const after = readProcStats(session.server.pid);
      const updateBytes = counter.bytes - updatesBefore.bytes;
      const updates = counter.updates - updatesBefore.updates;
      const socketBytes = writer.bytesReceived() - receivedBefore;
      const written = after.wchar - before.wchar - socketBytes;
      const name = `storage, one writer, 50 small edits/s for ${scale.storageMs / 1000} s`;
      amplification = [
        checked(
          {
            name: `${name}: write amplification (server wchar − socket bytes) / update bytes`,
            value: round(written / updateBytes, 2),
            unit: '×',
            target: '≤ 1.5',
          },
          (v) => v <= 1.5,
        ),
        { name: `${name}: update bytes (${updates} updates, mean ${round(updateBytes / updates)} B)`, value: round(updateBytes / 1024), unit: 'KB' },
        { name: `${name}: server bytes written`, value: round(written / 1024), unit: 'KB' },
      ];
      const blockBytes = after.writeBytes - before.writeBytes;
      if (blockBytes > 0)
        amplification.push({ name: `${name}: write amplification by write_bytes (block layer)`, value: round(blockBytes / updateBytes, 2), unit: '×' });
    } finally {
      writer.destroy();
    }

    await session.restart(createAccordTarget({ ACCORD_COMPACT_AFTER: '100' }));
    writer = connectTo(factory, session.connection(connection.document));
    try {
      await syncedWithin(writer, SYNC_TIMEOUT_MS);
      const health = `${session.server.httpUrl}/api/health`;
      const baseline = await pollHealth(health, 1_000);
      let typing = true;
      const closeWindow = openCpuWindow([session.server.pid]);
      const polling = pollHealthWhile(health, () => typing);
      await typeSteadily(lastParagraphText(writer.doc), seededRandom(100), 100, scale.stallMs);
      typing = false;
      const times = await polling;
      const usage = closeWindow();
      const base = percentile(sortedSamples(baseline), 50);
      const worst = Math.max(...times);
      const name = `storage, 100 edits/s for ${scale.stallMs / 1000} s, a compaction every 100 updates`;
      return [
        ...amplification,
        checked(
          {
            name: `${name}: largest event-loop stall (slowest of ${times.length} health polls − baseline ${round(base)} ms)`,
            value: round(worst - base),
            unit: 'ms',
            target: '≤ 50 ms',
          },
          (v) => v <= 50,
        ),
        otherLoad(name, usage),
      ];
    } finally {
      writer.destroy();
    }
  });
}

/**
 * Like test/helpers/crashRounds.ts, through the target interface: a writer appends markers
 * (marker client = the round) at about 2,000 a second, an observer watches; once the observer
 * has seen a random part of the burst the server gets SIGKILL, then starts again on the same
 * data, and a fresh client counts which of the markers the observer had seen survived. The
 * writer never reconnects.
 */
export async function crash(target: BenchTarget, scale: Scale, burst = 400): Promise<Figure[]> {
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Crash');
    const factory = await loadClientFactory(target.clientModule);
    let observed = 0;
    let lost = 0;
    let written = 0;
    for (let wave = 0; wave < scale.crashRounds; wave++) {
      const here = session.connection(connection.document);
      const writer = connectTo(factory, here, false);
      const observer = connectTo(factory, here, false);
      let seen: Set<number>;
      try {
        await Promise.all([syncedWithin(writer, SYNC_TIMEOUT_MS), syncedWithin(observer, SYNC_TIMEOUT_MS)]);
        const text = addOwnParagraph(writer.doc);
        const seenNow = new Set<number>();
        watchMarkers(observer.doc, (client, edit) => {
          if (client === wave) seenNow.add(markerKey(client, edit));
        });
        const killAfter = 20 + Math.floor(seededRandom(wave + 1)() * (burst / 2));
        let made = 0;
        let killed = false;
        // About 2,000 edits a second, so that the kill lands while the writer is still writing.
        const writing = (async () => {
          while (made < burst && !killed) {
            appendMarker(text, wave, made++);
            if (made % 10 === 0) await sleep(5);
          }
        })();
        // Killed once the observer has seen `killAfter` edits (or, if it never does, after 10 s);
        // the writer goes on until the process is gone, so edits are in flight as it dies.
        await waitUntil(() => seenNow.size >= killAfter, 'the observer to see the burst', 10_000, 1).catch(() => undefined);
        await session.server.kill();
        killed = true;
        await writing;
        seen = new Set(seenNow);
        written += made;
      } finally {
        writer.destroy();
        observer.destroy();
      }
      await session.startAgain();
      const check = connectTo(factory, session.connection(connection.document));
      try {
        await syncedWithin(check, SYNC_TIMEOUT_MS);
        const present = markersIn(check.doc);
        observed += seen.size;
        for (const key of seen) if (!present.has(key)) lost++;
      } finally {
        check.destroy();
      }
    }
    const name = `crash (kill -9 mid-burst), ${scale.crashRounds} rounds`;
    return [
      { name: `${name}: edits an observer had seen`, value: observed, unit: 'edits' },
      checked({ name: `${name}: of those, lost after the restart`, value: lost, unit: 'edits', target: '0' }, (v) => v === 0),
      { name: `${name}: edits written`, value: written, unit: 'edits' },
    ];
  });
}

interface WindowUsage {
  readonly seconds: number;
  readonly serverCpuSeconds: readonly number[];
  readonly serverPeakRssBytes: readonly number[];
  readonly workersCpuPercent: number;
  readonly servicesCpuSeconds: number;
  /** CPU used by everything else on the machine in the window (other programs disturb the figures). */
  readonly otherCpuPercent: number;
}

/**
 * CPU of each server, of the workers (together) and of the `services` process trees (together)
 * between two wall-clock instants (sleeps until the end), and each server's peak RSS.
 */
async function measureWindow(
  serverPids: readonly number[],
  workerPids: readonly number[],
  start: number,
  end: number,
  services: readonly number[] = [],
): Promise<WindowUsage> {
  await sleep(start - wallClock());
  const close = openCpuWindow([...serverPids, ...workerPids]);
  const closeServices = openTreeCpuWindow(services);
  await sleep(end - wallClock());
  const servicesCpuSeconds = closeServices();
  const { seconds, perProcess, otherSeconds } = close();
  const workers = perProcess.slice(serverPids.length);
  return {
    seconds,
    serverCpuSeconds: perProcess.slice(0, serverPids.length),
    serverPeakRssBytes: serverPids.map((pid) => readProcStats(pid).peakRssBytes),
    workersCpuPercent: (100 * workers.reduce((sum, s) => sum + s, 0)) / seconds,
    servicesCpuSeconds,
    otherCpuPercent: (100 * (otherSeconds - servicesCpuSeconds)) / seconds,
  };
}

/** The workers' worst event-loop delay: when it is large, the clients queue and the latencies are partly theirs. */
export function lagFigure(name: string, worstLagMs: number): Figure {
  return {
    name: `${name}: client workers' worst event-loop lag (client-side queuing, part of the latencies)`,
    value: Math.round(worstLagMs),
    unit: 'ms',
    ratioless: true,
  };
}

/** How busy the rest of the machine was: other programs on a 2-core machine disturb every timing. */
function otherLoad(name: string, usage: CpuReport): Figure {
  return {
    name: `${name}: other programs' CPU on the machine`,
    value: round((100 * usage.otherSeconds) / usage.seconds),
    unit: '% of a core',
    ratioless: true,
  };
}

/** Response times of `GET url`, one request every 5 ms, for `ms`. */
function pollHealth(url: string, ms: number): Promise<number[]> {
  const until = wallClock() + ms;
  return pollHealthWhile(url, () => wallClock() < until);
}

async function pollHealthWhile(url: string, going: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (going()) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    await sleep(5);
  }
  return times;
}
