/**
 * Accord's metrics, one set per process (as Prometheus scrapes one process per target): the
 * collaboration layer, the store decorator and the HTTP layer count here; `/metrics` renders it.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Store calls take from well under a millisecond (a local append) to seconds (a large load over the network). */
const STORE_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type StoreOp = 'load' | 'append' | 'compact';

const registry = new Registry();
const registers = [registry];

/** The content type of the text exposition `/metrics` answers with. */
export const EXPOSITION_CONTENT_TYPE = registry.contentType;

const connections = new Gauge({ name: 'accord_connections', help: 'Open collaboration sockets.', registers });
const rooms = new Gauge({ name: 'accord_rooms', help: 'Declarations loaded in memory (open rooms).', registers });
const updates = new Counter({
  name: 'accord_updates_total',
  help: 'Document updates applied and stored, by who made them (client or server).',
  labelNames: ['origin'] as const,
  registers,
});
const refused = new Counter({
  name: 'accord_updates_refused_total',
  help: 'Messages from clients refused, by the close code the socket was then closed with (4403 writes the role may not make, 4508 rate limit, 4400 malformed, 1013 store failing).',
  labelNames: ['code'] as const,
  registers,
});
const storeSeconds = new Histogram({
  name: 'accord_store_seconds',
  help: 'Latency of document store calls, by operation.',
  buckets: STORE_SECONDS_BUCKETS,
  labelNames: ['op'] as const,
  registers,
});
const historyDamaged = new Counter({
  name: 'accord_history_damaged_records_total',
  help: "Damaged records skipped while loading declarations' stored history (each unreadable stretch counts once; found again after a restart, it is counted again).",
  registers,
});
const damagedDeclarations = new Gauge({
  name: 'accord_declarations_damaged',
  help: 'Declarations loaded since the start whose stored history was found damaged.',
  registers,
});
const httpRequests = new Counter({
  name: 'accord_http_requests_total',
  help: 'HTTP responses, by status class (2xx, 4xx, ...).',
  labelNames: ['status'] as const,
  registers,
});

// Scrapes show every series from the start, not only once something happened.
for (const origin of ['client', 'server']) updates.inc({ origin }, 0);
for (const op of ['load', 'append', 'compact'] satisfies StoreOp[]) storeSeconds.zero({ op });

let processMetrics = false;

/**
 * Starts the process metrics (memory, CPU, event loop lag, …: prom-client's defaults), once per
 * process; the server calls it when it builds its app.
 */
export function startProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
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
  storeSeconds.observe({ op }, seconds);
}

/** Loading a declaration found `records` damaged records (or stretches) in its stored history. */
export function countHistoryDamage(records: number): void {
  historyDamaged.inc(records);
}

/** An HTTP response went out with `status`. */
export function countHttpResponse(status: number): void {
  httpRequests.inc({ status: `${Math.floor(status / 100)}xx` });
}

/** The text exposition of every metric; `openRooms` is read from the server's room registry at scrape time. */
export function renderMetrics(now: { readonly openRooms: number; readonly damagedDeclarations?: number }): Promise<string> {
  rooms.set(now.openRooms);
  damagedDeclarations.set(now.damagedDeclarations ?? 0);
  return registry.metrics();
}
