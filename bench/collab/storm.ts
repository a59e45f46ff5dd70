/**
 * A hall's Wi-Fi comes back: a declaration with a long history; the server is stopped gracefully
 * and started again on the same data; then N light clients connect at the same instant from the
 * workers. Twice: all fresh (holding nothing: every one downloads the whole state), then half of
 * them holding most of the document (a copy taken before the last ~10 % of the history), which
 * should get only the difference. Meanwhile the bench process times the server's HTTP health
 * answer every 50 ms: a server busy syncing must stay responsive.
 */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import { buildHistory } from './builders.js';
import { loadClientFactory } from './clients.js';
import { pollHealthWhile } from './health.js';
import type { StormJob, StormResult } from './jobs.js';
import { openCpuWindow, readProcStats } from './procStats.js';
import { percentile, sortedSamples, wallClock } from './samples.js';
import { CLIENTS_PER_WORKER, MB, type Scale, SYNC_TIMEOUT_MS } from './scale.js';
import { newDocument, type Session, withSession } from './session.js';
import type { BenchTarget } from './target.js';
import { otherLoad, peakRssFigure } from './usage.js';
import { splitClients, WorkerPool } from './workerPool.js';

const HEALTH_EVERY_MS = 50;
/** The share of the history the partial clients hold. */
const PARTIAL_AT = 0.9;

export async function reconnectStorm(target: BenchTarget, scale: Scale): Promise<Figure[]> {
  const count = scale.stormClients;
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Reconnect storm');
    const factory = await loadClientFactory(target.clientModule);
    const history = await buildHistory(factory, connection, scale.historyBytes, PARTIAL_AT);
    // Named after the scale, not the measured size: Accord's and the reference's rows must pair.
    const mb = round(scale.historyBytes / MB);
    const fresh = await stormOnce(session, connection.document, count, null);
    const half = Math.floor(count / 2);
    const mixed = await stormOnce(session, connection.document, count - half, { clients: half, stateVector: history.partialStateVector });
    return [
      ...fresh(`reconnect storm, ${count} fresh clients at once after a restart, ${mb} MB history`),
      ...mixed(`reconnect storm, ${count - half} fresh + ${half} holding ${100 * PARTIAL_AT} % of the history, at once after a restart, ${mb} MB history`),
      { name: 'reconnect storm: history written (Yjs updates)', value: round(history.historyBytes / MB, 2), unit: 'MB' },
      { name: 'reconnect storm: updates in the history', value: history.updates, unit: 'updates' },
      { name: 'reconnect storm: state a fresh client needs (Y.encodeStateAsUpdate)', value: round(history.stateBytes / 1024), unit: 'KB' },
    ];
  });
}

/** Restarts the server, runs one storm, and returns how to name its figures. */
async function stormOnce(
  session: Session,
  document: string,
  freshCount: number,
  partial: { readonly clients: number; readonly stateVector: Uint8Array } | null,
): Promise<(name: string) => Figure[]> {
  await session.restart();
  const restarted = session.connection(document);
  const job = (clients: number, stateVector: Uint8Array | null): StormJob => ({
    kind: 'storm',
    connection: restarted,
    clients,
    stateVector,
    timeoutMs: SYNC_TIMEOUT_MS,
  });
  const jobs = [
    ...splitClients(freshCount, CLIENTS_PER_WORKER).map((c) => job(c.length, null)),
    ...(partial ? splitClients(partial.clients, CLIENTS_PER_WORKER).map((c) => job(c.length, partial.stateVector)) : []),
  ].filter((j) => j.clients > 0);
  const pool = await WorkerPool.start(jobs);
  try {
    const at = wallClock() + 300;
    let storming = true;
    const health = pollHealthWhile(`${session.server.httpUrl}/api/health`, () => storming, HEALTH_EVERY_MS);
    const closeWindow = openCpuWindow([session.server.pid, ...pool.pids]);
    let results: StormResult[];
    try {
      results = await pool.run(at, SYNC_TIMEOUT_MS + 30_000);
    } finally {
      storming = false;
    }
    const usage = closeWindow();
    const polls = await health;
    const healthTimes = sortedSamples(polls.times);
    const peak = readProcStats(session.server.pid).peakRssBytes;
    const synced = sortedSamples(results.flatMap((r) => [...r.syncedAt].filter(Number.isFinite).map((t) => t - at)));
    const bytesOf = (fromPartial: boolean) =>
      sortedSamples(results.flatMap((r, i) => ((jobs[i]!.stateVector !== null) === fromPartial ? [...r.bytes].filter(Number.isFinite) : [])));
    const total = freshCount + (partial?.clients ?? 0);
    const missing = total - synced.length;
    const serverCpu = usage.perProcess[0] ?? NaN;
    return (name) => [
      checked(
        { name: `${name}: time until all synced`, value: missing > 0 ? NaN : Math.round(synced[synced.length - 1] ?? NaN), unit: 'ms', target: '< 3,000 ms' },
        (v) => v < 3_000,
      ),
      { name: `${name}: median client synced after`, value: Math.round(percentile(synced, 50)), unit: 'ms' },
      checked({ name: `${name}: clients not synced within ${SYNC_TIMEOUT_MS / 1000} s`, value: missing, unit: 'clients', target: '0' }, (v) => v === 0),
      { name: `${name}: bytes a fresh client received until synced (median)`, value: round(percentile(bytesOf(false), 50) / 1024), unit: 'KB' },
      ...(partial
        ? [
            {
              name: `${name}: bytes a client holding most of it received until synced (median)`,
              value: round(percentile(bytesOf(true), 50) / 1024, 1),
              unit: 'KB',
            },
          ]
        : []),
      { name: `${name}: server CPU until all synced`, value: round(serverCpu, 2), unit: 's' },
      { name: `${name}: server CPU per synced client`, value: synced.length > 0 ? round((1000 * serverCpu) / synced.length, 2) : NaN, unit: 'ms' },
      { name: `${name}: health answer p99 (polled every ${HEALTH_EVERY_MS} ms)`, value: round(percentile(healthTimes, 99)), unit: 'ms' },
      { name: `${name}: health polls answered`, value: healthTimes.length, unit: 'polls', ratioless: true },
      checked({ name: `${name}: health polls unanswered`, value: polls.failed, unit: 'polls', target: '0' }, (v) => v === 0),
      checked(
        { name: `${name}: health answer, slowest`, value: round(healthTimes[healthTimes.length - 1] ?? NaN), unit: 'ms', target: '< 100 ms' },
        (v) => v < 100,
      ),
      peakRssFigure(name, peak),
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
}
