/**
 * Accord's metrics, one set per process (as Prometheus scrapes one process per target): the
 * collaboration layer, the store decorator and the HTTP layer count here; `/metrics` renders it.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { MetricsRegistry } from './metricsRegistry.js';

/** Store calls take from well under a millisecond (a local append) to seconds (a large load over the network). */
const STORE_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type StoreOp = 'load' | 'append' | 'compact';

const registry = new MetricsRegistry();

const connections = registry.gauge('accord_connections', 'Open collaboration sockets.');
const rooms = registry.gauge('accord_rooms', 'Declarations loaded in memory (open rooms).');
const updates = registry.counter('accord_updates_total', 'Document updates applied and stored, by who made them (client or server).', ['origin']);
const refused = registry.counter(
  'accord_updates_refused_total',
  'Messages from clients refused, by the close code the socket was then closed with (4403 writes the role may not make, 4508 rate limit, 4400 malformed, 1013 store failing).',
  ['code'],
);
const storeSeconds = registry.histogram('accord_store_seconds', 'Latency of document store calls, by operation.', STORE_SECONDS_BUCKETS, ['op']);
const historyDamaged = registry.counter(
  'accord_history_damaged_records_total',
  'Damaged records skipped while loading declarations\' stored history (each unreadable stretch counts once; found again after a restart, it is counted again).',
);
const damagedDeclarations = registry.gauge('accord_declarations_damaged', 'Declarations loaded since the start whose stored history was found damaged.');
const httpRequests = registry.counter('accord_http_requests_total', 'HTTP responses, by status class (2xx, 4xx, ...).', ['status']);
registry.observed('process_resident_memory_bytes', 'Resident memory size in bytes.', 'gauge', () => process.memoryUsage.rss());
registry.observed('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.', 'counter', () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
});
registry.observed('nodejs_eventloop_lag_max_seconds', 'Longest event loop delay since the previous scrape, in seconds.', 'gauge', readEventLoopLag);

// Scrapes show every series from the start, not only once something happened.
for (const origin of ['client', 'server']) updates.inc({ origin }, 0);
for (const op of ['load', 'append', 'compact'] satisfies StoreOp[]) storeSeconds.touch({ op });

let eventLoop: IntervalHistogram | null = null;

/** Starts measuring event loop delay (once per process; the server calls it when it builds its app). */
export function startProcessMetrics(): void {
  if (eventLoop) return;
  eventLoop = monitorEventLoopDelay({ resolution: 20 });
  eventLoop.enable();
}

function readEventLoopLag(): number {
  if (!eventLoop) return 0;
  const max = eventLoop.count > 0 ? eventLoop.max / 1e9 : 0;
  eventLoop.reset();
  return max;
}

/** A collaboration socket opened. */
export function countConnectionOpened(): void {
  connections.inc();
}

/** A collaboration socket closed (pair with `countConnectionOpened`). */
export function countConnectionClosed(): void {
  connections.dec();
}

/** A client's update was applied and stored. */
export function countClientUpdate(): void {
  updates.inc({ origin: 'client' });
}

/** An update the server made itself (aligner, ids, restore, publication) was applied and stored. */
export function countServerUpdate(): void {
  updates.inc({ origin: 'server' });
}

/** A client's message was refused and its socket closed with `code`. */
export function countRefusal(code: number): void {
  refused.inc({ code: String(code) });
}

/** One document store call took `seconds`. */
export function observeStoreCall(op: StoreOp, seconds: number): void {
  storeSeconds.observe(seconds, { op });
}

/** Loading a declaration found `records` damaged records (or stretches) in its stored history. */
export function countHistoryDamage(records: number): void {
  historyDamaged.inc({}, records);
}

/** An HTTP response went out with `status`. */
export function countHttpResponse(status: number): void {
  httpRequests.inc({ status: `${Math.floor(status / 100)}xx` });
}

/** The text exposition of every metric; `openRooms` is read from the server's room registry at scrape time. */
export function renderMetrics(now: { readonly openRooms: number; readonly damagedDeclarations?: number }): string {
  rooms.set(now.openRooms);
  damagedDeclarations.set(now.damagedDeclarations ?? 0);
  return registry.render();
}

