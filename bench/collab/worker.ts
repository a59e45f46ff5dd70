/**
 * A benchmark worker process (`node --import tsx bench/collab/worker.ts`, forked with an IPC
 * channel): receives one job, connects its clients with the target's client module, says
 * `ready`, runs the client side of the scenario from the common start instant, and sends the raw
 * samples back. It exits when the bench process disconnects.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { FromWorker, Job, PresenceJob, PresenceResult, StormJob, StormResult, ToWorker, WritersJob, WritersResult } from './jobs.js';
import { addOwnParagraph, appendMarker, MAX_CLIENTS, MAX_EDITS, markerKey, watchMarkers } from './layout.js';
import { loadClientFactory, sleep, syncedWithin } from './clients.js';
import { SampleBuffer, wallClock } from './samples.js';
import type { BenchClient, ClientFactory } from './target.js';

const CONNECT_TIMEOUT_MS = 60_000;

/** Every provider adds a process 'exit' listener; hundreds per worker are expected. */
process.setMaxListeners(0);

const clients: BenchClient[] = [];
const inbox: ToWorker[] = [];
let waiting: ((message: ToWorker) => void) | null = null;

process.on('message', (message: ToWorker) => {
  if (waiting) {
    const resolve = waiting;
    waiting = null;
    resolve(message);
  } else inbox.push(message);
});
process.on('disconnect', () => {
  for (const client of clients) client.destroy();
  process.exit(0);
});

function nextMessage(): Promise<ToWorker> {
  const queued = inbox.shift();
  if (queued) return Promise.resolve(queued);
  return new Promise((resolve) => (waiting = resolve));
}

function send(message: FromWorker): void {
  process.send!(message);
}

async function nextGo(): Promise<number> {
  const message = await nextMessage();
  if (message.type !== 'go') throw new Error(`expected go, got ${message.type}`);
  return message.at;
}

async function main(): Promise<void> {
  const message = await nextMessage();
  if (message.type !== 'job') throw new Error(`expected a job, got ${message.type}`);
  const job: Job = message.job;
  const factory = await loadClientFactory(job.connection.clientModule);
  const result =
    job.kind === 'writers' ? await runWriters(job, factory) : job.kind === 'presence' ? await runPresence(job, factory) : await runStorm(job, factory);
  send({ type: 'result', result });
}

/** Connects one client; a writers job over several servers puts client `index` on server `index % count`. */
function connect(factory: ClientFactory, job: Job, index = 0): BenchClient {
  const servers = job.kind === 'writers' && job.connections?.length ? job.connections : [job.connection];
  const { wsUrl, httpUrl, token, document } = servers[index % servers.length]!;
  const client = factory({ wsUrl, httpUrl, token, document });
  clients.push(client);
  return client;
}

/** Writers: each client owns a paragraph and appends a marker every interval, staggered over the interval. */
async function runWriters(job: WritersJob, factory: ClientFactory): Promise<WritersResult> {
  const own = job.clients.map((index) => ({ index, client: connect(factory, job, index) }));
  await Promise.all(own.map(({ client }) => syncedWithin(client, CONNECT_TIMEOUT_MS)));
  const editsPerClient = Math.ceil((job.warmupMs + job.measureMs) / job.intervalMs) + 1;
  if (job.totalClients > MAX_CLIENTS || editsPerClient > MAX_EDITS) throw new Error('markers hold at most 65,536 clients and 65,536 edits each');
  const sends = new SampleBuffer();
  const arrivals = new SampleBuffer();
  const texts = own.map(({ index, client }) => {
    // A byte per (sender, edit): "seen before" without a Set per receiver.
    const seen = new Uint8Array(job.totalClients * editsPerClient);
    watchMarkers(client.doc, (sender, edit) => {
      if (sender === index || sender >= job.totalClients || edit >= editsPerClient) return;
      const slot = sender * editsPerClient + edit;
      if (seen[slot]) return;
      seen[slot] = 1;
      arrivals.push(markerKey(sender, edit), wallClock());
    });
    return addOwnParagraph(client.doc);
  });
  send({ type: 'ready' });
  const at = await nextGo();
  const editsEnd = at + job.warmupMs + job.measureMs;
  own.forEach(({ index }, i) => {
    const text = texts[i]!;
    const offset = (index / job.totalClients) * job.intervalMs;
    let edit = 0;
    const next = () => {
      const due = at + offset + edit * job.intervalMs;
      if (due >= editsEnd) return;
      setTimeout(() => {
        sends.push(markerKey(index, edit), wallClock());
        appendMarker(text, index, edit);
        edit++;
        next();
      }, due - wallClock());
    };
    next();
  });
  const lag = watchLag(at + job.warmupMs, editsEnd);
  await sleep(editsEnd + job.drainMs - wallClock());
  return { kind: 'writers', sends: sends.toSamples(), arrivals: arrivals.toSamples(), worstLagMs: lag.worst() };
}

/** How late a 20 ms timer fires, at worst, between two instants: this process's own queuing. */
function watchLag(from: number, to: number): { worst(): number } {
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

interface Cursor {
  readonly anchor: number;
  readonly head: number;
  /** Wall-clock time of the move, for the receivers' latency. */
  readonly t: number;
}

/** Presence: every client moves its caret every interval; sampled clients time the moves of others. */
async function runPresence(job: PresenceJob, factory: ClientFactory): Promise<PresenceResult> {
  const own = job.clients.map((index) => ({ index, client: connect(factory, job) }));
  await Promise.all(own.map(({ client }) => syncedWithin(client, CONNECT_TIMEOUT_MS)));
  for (const { index, client } of own)
    client.awareness.setLocalStateField('user', { name: `Délégation ${index}`, color: `hsl(${(index * 47) % 360} 70% 45%)` });
  const latencies: number[] = [];
  let windowStart = Infinity;
  let windowEnd = -Infinity;
  for (const { index, client } of own) {
    if (job.sampled.includes(index))
      timeCarets(client.awareness, (t, now) => {
        if (t >= windowStart && t < windowEnd) latencies.push(now - t);
      });
  }
  send({ type: 'ready' });
  const at = await nextGo();
  windowStart = at + job.warmupMs;
  windowEnd = windowStart + job.measureMs;
  const lag = watchLag(windowStart, windowEnd);
  let sent = 0;
  let sentBySampled = 0;
  for (const { index, client } of own) {
    const offset = (index / job.totalClients) * job.intervalMs;
    const sampled = job.sampled.includes(index);
    let move = 0;
    const next = () => {
      const due = at + offset + move * job.intervalMs;
      if (due >= windowEnd) return;
      setTimeout(() => {
        const t = wallClock();
        if (t >= windowStart && t < windowEnd) {
          sent++;
          if (sampled) sentBySampled++;
        }
        const cursor: Cursor = { anchor: move % 500, head: (move % 500) + 3, t };
        client.awareness.setLocalStateField('cursor', cursor);
        move++;
        next();
      }, due - wallClock());
    };
    next();
  }
  await sleep(windowEnd + job.drainMs - wallClock());
  return { kind: 'presence', latencies: Float64Array.from(latencies), sent, sentBySampled, worstLagMs: lag.worst() };
}

/** Calls `onMove(t, now)` once per new caret position of another client. */
function timeCarets(awareness: Awareness, onMove: (t: number, now: number) => void): void {
  const last = new Map<number, number>();
  awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    const now = wallClock();
    for (const id of added.concat(updated)) {
      if (id === awareness.clientID) continue;
      const t = (awareness.getStates().get(id) as { cursor?: Cursor } | undefined)?.cursor?.t;
      if (typeof t !== 'number' || last.get(id) === t) continue;
      last.set(id, t);
      onMove(t, now);
    }
  });
}

/** Storm: all clients created at the start instant; each reports when it holds the whole document. */
async function runStorm(job: StormJob, factory: ClientFactory): Promise<StormResult> {
  send({ type: 'ready' });
  const at = await nextGo();
  await sleep(at - wallClock());
  const syncedAt = new Float64Array(job.clients).fill(NaN);
  const bytes = new Float64Array(job.clients).fill(NaN);
  const own = Array.from({ length: job.clients }, () => connect(factory, job));
  await Promise.all(
    own.map((client, i) =>
      syncedWithin(client, job.timeoutMs).then(
        () => {
          syncedAt[i] = wallClock();
          bytes[i] = client.bytesReceived();
        },
        () => undefined,
      ),
    ),
  );
  return { kind: 'storm', syncedAt, bytes };
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
