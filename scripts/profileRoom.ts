/**
 * Profiles one room of the compiled server (dist/node, `npm run build` first) with light
 * wire-level clients: they speak the y-websocket protocol but never apply what they receive, so
 * what is measured is the server. Server CPU is read from /proc over a fixed window.
 *
 *   node --import tsx scripts/profileRoom.ts writers [--writers 200] [--observers 0] [--presence-s 0] [--seconds 10]
 *   node --import tsx scripts/profileRoom.ts storm [--clients 300] [--partial 0.5] [--history-mb 4] [--restart kill|graceful]
 *   add --cpu-prof <dir> to write a V8 CPU profile of the server (of the restarted one, for storm)
 *   env PROFILE_PRELOAD=scripts/serverTrace.cjs: the server also notes its event-loop stalls and
 *   when each health check was accepted and answered (see that file); PROFILE_PORT=N: a fixed port
 *   (to poll it from another process as well); PROFILE_WRAP="strace -f -tt -e trace=accept4 -o FILE":
 *   a command the server runs under
 *
 * `writers`: each writer appends a marker to its own paragraph twice a second; probes decode what
 * they receive and time each marker from its send. `--observers N --presence-s S`: N more
 * clients that only watch, each moving its caret every S seconds (a plenary hall).
 * `storm`: a declaration with a long history, the server restarted, then all clients at once,
 * `--partial` of them holding the document as it was at 90 % of its history.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { prose } from '../bench/collab/builders.js';
import {
  encodeAwarenessFrame,
  encodeSaveCheckFrame,
  encodeSyncStep1Frame,
  encodeSyncStep2Frame,
  encodeUpdateFrame,
  parseFrame,
} from '../shared/protocol/frames.js';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = 'accord-profile-secretariat-token';
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
const MARKER = /⟦c(\d+)\.(\d+)⟧/g;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    writers: { type: 'string', default: '200' },
    observers: { type: 'string', default: '0' },
    'presence-s': { type: 'string', default: '0' },
    probes: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    clients: { type: 'string', default: '300' },
    partial: { type: 'string', default: '0' },
    'history-mb': { type: 'string', default: '4' },
    restart: { type: 'string', default: 'kill' },
    'cpu-prof': { type: 'string' },
    /** Another checkout's build to run instead (to compare before and after in the same conditions). */
    'server-root': { type: 'string' },
  },
});

interface Server {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly exited: Promise<void>;
}

async function startServer(dataDir: string, cpuProfDir?: string): Promise<Server> {
  const args = [
    ...(process.env.PROFILE_PRELOAD ? ['--require', resolve(process.env.PROFILE_PRELOAD)] : []),
    ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', cpuProfDir] : []),
    join(values['server-root'] ?? ROOT, 'dist/node/server/main.js'),
  ];
  const wrap = process.env.PROFILE_WRAP?.split(' ').filter(Boolean) ?? [];
  const child = spawn(wrap[0] ?? process.execPath, wrap.length > 0 ? [...wrap.slice(1), process.execPath, ...args] : args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: process.env.PROFILE_PORT ?? '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ACCORD_BOOTSTRAP_TOKEN: TOKEN,
      ACCORD_SERVE_CLIENT: '0',
      ACCORD_LOG: 'silent',
      // As the bench: every client uses one token, so the per-invitation guards are lifted.
      ACCORD_MAX_CONNECTIONS_PER_TOKEN: '100000',
      ACCORD_TOKEN_MESSAGES_PER_SECOND: '10000000',
      ACCORD_TOKEN_MESSAGE_BURST: '100000000',
      ACCORD_TOKEN_BYTES_PER_SECOND: '1000000000',
      ACCORD_BYTES_PER_SECOND: '1000000000',
      ACCORD_TOKEN_WORK_MS_PER_SECOND: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Accord is running at http:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, pid: child.pid!, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, exited };
}

async function stopServer(server: Server, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  server.child.kill(signal);
  await server.exited;
}

async function createDeclaration(server: Server): Promise<string> {
  const res = await fetch(`${server.httpUrl}/api/declarations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Profile', languages: ['fr', 'vi'] }),
  });
  if (res.status !== 201) throw new Error(`creating a declaration failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak and current resident memory of a process, in MB. */
function memory(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

/** Why clients were closed, and how many. */
const closeReasons = new Map<string, number>();

/** A client that speaks the protocol and never applies what it receives. */
class LightClient {
  readonly socket: WebSocket;
  bytes = 0;
  updateFrames = 0;
  presenceFrames = 0;
  syncedAt = Number.NaN;
  closedWith: number | null = null;
  private readonly whenSynced: Promise<Uint8Array>;
  onUpdate: ((update: Uint8Array, at: number) => void) | null = null;

  constructor(url: string, stateVector: Uint8Array) {
    this.socket = new WebSocket(url);
    this.socket.binaryType = 'nodebuffer';
    let synced: (state: Uint8Array) => void = () => undefined;
    this.whenSynced = new Promise((resolve) => (synced = resolve));
    this.socket.on('open', () => this.socket.send(encodeSyncStep1Frame(stateVector)));
    this.socket.on('close', (code, reason) => {
      this.closedWith = code;
      closeReasons.set(`${code} ${reason.toString()}`, (closeReasons.get(`${code} ${reason.toString()}`) ?? 0) + 1);
    });
    this.socket.on('error', () => undefined);
    this.socket.on('message', (data: Buffer) => {
      const at = performance.now();
      this.bytes += data.byteLength;
      if (data[0] === 1) {
        this.presenceFrames++;
        return;
      }
      if (data[0] !== 0) return;
      if (data[1] === 0) {
        // The server's sync step 1: a light client holds nothing the server lacks.
        this.socket.send(encodeSyncStep2Frame(EMPTY_UPDATE));
      } else if (data[1] === 1) {
        this.syncedAt = at;
        const frame = parseFrame(data);
        synced(frame.kind === 'sync-step2' ? frame.update : EMPTY_UPDATE);
      } else if (data[1] === 2) {
        this.updateFrames++;
        if (this.onUpdate) {
          const frame = parseFrame(data);
          if (frame.kind === 'update') this.onUpdate(frame.update, at);
        }
      }
    });
  }

  synced(): Promise<Uint8Array> {
    return this.whenSynced;
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  close(): void {
    this.socket.terminate();
  }
}

function collabUrl(server: Server, id: string, token = TOKEN): string {
  return `${server.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`;
}

/**
 * One invitation per client, as in a real hall: a room that falls behind sheds the invitation
 * with most updates waiting (backlog.ts), which with one shared token is everyone at once.
 */
async function inviteAll(server: Server, id: string, writers: number, observers: number): Promise<string[]> {
  const invite = async (k: number): Promise<string> => {
    const body = k < writers ? { role: 'delegation', lang: 'fr', name: `writer ${k}` } : { role: 'observer', name: `observer ${k}` };
    const res = await fetch(`${server.httpUrl}/api/declarations/${id}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`inviting failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const tokens: string[] = [];
  for (let k = 0; k < writers + observers; k += 20) {
    tokens.push(...(await Promise.all(Array.from({ length: Math.min(20, writers + observers - k) }, (_, j) => invite(k + j)))));
  }
  return tokens;
}

/** An awareness update for one client id: a caret at `t`. */
function presenceFrame(client: number, clock: number, name: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify({ user: { name, color: '#336699' }, cursor: { anchor: clock, head: clock }, t: Date.now() }));
  return encodeAwarenessFrame(encoding.toUint8Array(e));
}

/** Markers a Yjs update inserts, without applying it. */
function markersOf(update: Uint8Array): string[] {
  const found: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    const content = (struct as { content?: { str?: unknown } }).content;
    if (content && typeof content.str === 'string') for (const m of content.str.matchAll(MARKER)) found.push(`${m[1]}.${m[2]}`);
  }
  return found;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A writer: holds the state it synced with and its own paragraph, and nothing else. */
class Writer {
  readonly doc = new Y.Doc();
  private text: Y.XmlText | null = null;
  private edits = 0;

  constructor(readonly client: LightClient) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === null) client.send(encodeUpdateFrame(update));
    });
  }

  async start(): Promise<void> {
    Y.applyUpdate(this.doc, await this.client.synced(), 'server');
  }

  /** Appends the next marker; returns its key. */
  edit(): string {
    const key = `${this.doc.clientID}.${this.edits++}`;
    this.doc.transact(() => {
      // The first edit adds the writer's own paragraph (staggered, as the edits are).
      if (!this.text) {
        this.text = new Y.XmlText('');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [this.text]);
        const fragment = this.doc.getXmlFragment('text:fr');
        fragment.insert(fragment.length, [paragraph]);
      }
      this.text.insert(this.text.length, `⟦c${key}⟧`);
    });
    return key;
  }
}

async function writersScenario(): Promise<void> {
  const writerCount = Number(values.writers);
  const observerCount = Number(values.observers);
  const presenceS = Number(values['presence-s']);
  const probeCount = Math.min(Number(values.probes), writerCount + observerCount);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const dataDir = await mkdtemp(join(tmpdir(), 'accord-profile-'));
  const server = await startServer(dataDir, values['cpu-prof']);
  try {
    const id = await createDeclaration(server);
    const tokens = await inviteAll(server, id, writerCount, observerCount);
    const clients: LightClient[] = [];
    for (let i = 0; i < writerCount + observerCount; i++) {
      clients.push(new LightClient(collabUrl(server, id, tokens[i]), EMPTY_STATE_VECTOR));
      if (i % 50 === 49) await sleep(20);
    }
    await Promise.all(clients.map((c) => c.synced()));
    const writers = clients.slice(0, writerCount).map((c) => new Writer(c));
    await Promise.all(writers.map((w) => w.start()));
    // Probes: spread over writers and observers; each decodes what it receives.
    const sentAt = new Map<string, number>();
    const arrivals: { key: string; ms: number }[] = [];
    let arrived = 0;
    const probes = Array.from({ length: probeCount }, (_, k) => clients[Math.floor((k * clients.length) / probeCount)]!);
    const seen = probes.map(() => new Set<string>());
    probes.forEach((probe, k) => {
      probe.onUpdate = (update, at) => {
        for (const key of markersOf(update)) {
          const sent = sentAt.get(key);
          if (sent === undefined || seen[k]!.has(key)) continue;
          seen[k]!.add(key);
          arrived++;
          arrivals.push({ key, ms: at - sent });
        }
      };
    });
    const started = performance.now();
    const windowStart = started + warmup * 1000;
    const windowEnd = windowStart + seconds * 1000;
    const inWindow = new Set<string>();
    const timers: NodeJS.Timeout[] = [];
    writers.forEach((writer, i) => {
      const offset = (500 * i) / writerCount;
      timers.push(
        setTimeout(() => {
          const tick = () => {
            const now = performance.now();
            const key = writer.edit();
            sentAt.set(key, now);
            if (now >= windowStart && now < windowEnd) inWindow.add(key);
          };
          tick();
          timers.push(setInterval(tick, 500));
        }, offset),
      );
    });
    const observers = clients.slice(writerCount);
    let presenceSent = 0;
    if (presenceS > 0) {
      observers.forEach((observer, i) => {
        let clock = 0;
        const client = 1_000_000 + i;
        timers.push(
          setTimeout(
            () => {
              const move = () => {
                observer.send(presenceFrame(client, clock++, `observer ${i}`));
                presenceSent++;
              };
              move();
              timers.push(setInterval(move, presenceS * 1000));
            },
            (presenceS * 1000 * i) / observers.length,
          ),
        );
      });
    }
    await sleep(windowStart - performance.now());
    const cpuBefore = cpuSeconds(server.pid);
    const presenceBefore = presenceSent;
    const framesBefore = clients.reduce((n, c) => n + c.updateFrames + c.presenceFrames, 0);
    let maxLag = 0;
    let lastTick = performance.now();
    const lagTimer = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - lastTick - 50);
      lastTick = now;
    }, 50);
    await sleep(windowEnd - performance.now());
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const framesIn = clients.reduce((n, c) => n + c.updateFrames + c.presenceFrames, 0) - framesBefore;
    const presenceInWindow = presenceSent - presenceBefore;
    for (const t of timers) clearTimeout(t);
    await sleep(2000);
    clearInterval(lagTimer);
    // Every (edit in the window, probe that did not write it) pair must arrive.
    let expected = 0;
    let delivered = 0;
    const latencies: number[] = [];
    probes.forEach((probe, k) => {
      const own = writers.find((w) => w.client === probe)?.doc.clientID;
      for (const key of inWindow) {
        if (own !== undefined && key.startsWith(`${own}.`)) continue;
        expected++;
        if (seen[k]!.has(key)) delivered++;
      }
    });
    for (const a of arrivals) if (inWindow.has(a.key)) latencies.push(a.ms);
    latencies.sort((a, b) => a - b);
    const edits = inWindow.size;
    const deliveredUpdates = edits * (clients.length - 1);
    const closed = clients.filter((c) => c.closedWith !== null).length;
    console.log(
      JSON.stringify(
        {
          scenario: 'writers',
          writers: writerCount,
          observers: observerCount,
          presenceEverySeconds: presenceS,
          windowSeconds: seconds,
          edits,
          presenceMoves: presenceInWindow,
          serverCpuSeconds: cpu,
          serverCpuPercentOfCore: Math.round((100 * cpu) / seconds),
          cpuMicrosecondsPerDeliveredUpdate: Number(((cpu * 1e6) / deliveredUpdates).toFixed(2)),
          framesReceivedByClients: framesIn,
          p50: Math.round(percentile(latencies, 50)),
          p99: Math.round(percentile(latencies, 99)),
          max: Math.round(latencies[latencies.length - 1] ?? Number.NaN),
          deliveredPercent: Number(((100 * delivered) / expected).toFixed(2)),
          arrivalsAtProbes: arrived,
          driverMaxLagMs: Math.round(maxLag),
          closedClients: closed,
          closeReasons: Object.fromEntries(closeReasons),
          ...memory(server.pid),
        },
        null,
        2,
      ),
    );
    for (const c of clients) c.close();
  } finally {
    await stopServer(server, 'SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Polls /api/health from a thread of its own (the driver's event loop is busy with the storm): [asked at (performance.timeOrigin-relative ms), answered in ms]. */
function pollHealth(url: string): { stop: () => Promise<[number, number][]> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const times = []; let running = true;
     parentPort.on('message', () => { running = false; });
     (async () => {
       while (running) {
         const t = performance.now();
         // A fresh connection each time, as a load balancer's check (and the bench) opens: it waits behind other connections being accepted.
         await new Promise((resolve) => {
           const req = require('node:http').get(${JSON.stringify(url)}, { agent: false }, (res) => { res.resume(); res.on('end', resolve); res.on('error', resolve); });
           req.on('error', resolve);
         });
         times.push([performance.timeOrigin + t, performance.now() - t]);
         await new Promise((r) => setTimeout(r, 20));
       }
       parentPort.postMessage(times);
     })();`,
    { eval: true },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (times: [number, number][]) => {
          void worker.terminate();
          resolve(times);
        });
        worker.postMessage('stop');
      }),
  };
}

async function stormScenario(): Promise<void> {
  const count = Number(values.clients);
  const partialShare = Number(values.partial);
  const historyBytes = Number(values['history-mb']) * 1024 * 1024;
  const dataDir = await mkdtemp(join(tmpdir(), 'accord-profile-'));
  let server = await startServer(dataDir);
  try {
    const id = await createDeclaration(server);
    // The history: 100 paragraphs, 8 KB appended per update, 4 KB deleted after each (as the bench).
    const builder = new Writer(new LightClient(collabUrl(server, id), EMPTY_STATE_VECTOR));
    await builder.client.synced();
    Y.applyUpdate(builder.doc, await builder.client.synced(), 'server');
    const random = seededRandom(4);
    const texts: Y.XmlText[] = [];
    let written = 0;
    let updates = 0;
    builder.doc.on('update', (update: Uint8Array) => {
      written += update.byteLength;
      updates++;
    });
    builder.doc.transact(() => {
      const fragment = builder.doc.getXmlFragment('text:fr');
      for (let p = 0; p < 100; p++) {
        const text = new Y.XmlText(`Paragraphe ${p + 1}. `);
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [text]);
        fragment.insert(fragment.length, [paragraph]);
        texts.push(text);
      }
    });
    let partialVector: Uint8Array | null = null;
    for (let step = 0; written < historyBytes; step++) {
      const text = texts[step % texts.length]!;
      text.insert(text.length, prose(random, 8_000));
      const victim = texts[Math.floor(random() * texts.length)]!;
      if (victim.length > 4_100) victim.delete(Math.floor(random() * (victim.length - 4_000)), 4_000);
      if (!partialVector && written >= 0.9 * historyBytes) partialVector = Y.encodeStateVector(builder.doc);
      while (builder.client.socket.bufferedAmount > 256 * 1024) await sleep(5);
      if (step % 20 === 19) await sleep(5);
    }
    partialVector ??= Y.encodeStateVector(builder.doc);
    const stateBytes = Y.encodeStateAsUpdate(builder.doc).byteLength;
    // Stored once the server answers a save check sent after everything.
    await new Promise<void>((resolve) => {
      builder.client.socket.on('message', (data: Buffer) => {
        if (data[0] === 101) resolve();
      });
      builder.client.send(encodeSaveCheckFrame(1));
    });
    builder.client.close();
    await sleep(200);
    await stopServer(server, values.restart === 'graceful' ? 'SIGTERM' : 'SIGKILL');
    server = await startServer(dataDir, values['cpu-prof']);
    const health = pollHealth(`${server.httpUrl}/api/health`);
    await sleep(300);
    const url = collabUrl(server, id);
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const clients: LightClient[] = [];
    const partialCount = Math.round(count * partialShare);
    for (let i = 0; i < count; i++) clients.push(new LightClient(url, i < partialCount ? partialVector : EMPTY_STATE_VECTOR));
    const timeout = sleep(60_000).then(() => 'timeout' as const);
    const outcome = await Promise.race([Promise.all(clients.map((c) => c.synced())), timeout]);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const healthSamples = await health.stop();
    const healthTimes = healthSamples.map(([, ms]) => ms).sort((a, b) => a - b);
    // When the slow answers were asked, from the first client: to find them in a CPU profile.
    const healthSlow = healthSamples.filter(([, ms]) => ms >= 100).map(([at, ms]) => [Math.round(at - performance.timeOrigin - started), Math.round(ms)]);
    const synced = clients.filter((c) => Number.isFinite(c.syncedAt)).map((c) => c.syncedAt - started);
    synced.sort((a, b) => a - b);
    const bytesOf = (list: LightClient[]) => list.map((c) => c.bytes).sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          scenario: 'storm',
          clients: count,
          partialClients: partialCount,
          restart: values.restart,
          historyBytes: written,
          historyUpdates: updates,
          stateBytes,
          allSynced: outcome !== 'timeout',
          lastSyncedMs: Math.round(synced[synced.length - 1] ?? Number.NaN),
          medianSyncedMs: Math.round(percentile(synced, 50)),
          serverCpuSeconds: cpu,
          fullClientBytesMedian: percentile(bytesOf(clients.slice(partialCount)), 50),
          partialClientBytesMedian: percentile(bytesOf(clients.slice(0, partialCount)), 50),
          healthMaxMs: Math.round(healthTimes[healthTimes.length - 1] ?? Number.NaN),
          healthP99Ms: Math.round(percentile(healthTimes, 99)),
          healthSamples: healthTimes.length,
          healthSlow,
          closedClients: clients.filter((c) => c.closedWith !== null).length,
          closeReasons: Object.fromEntries(closeReasons),
          ...memory(server.pid),
        },
        null,
        2,
      ),
    );
    for (const c of clients) c.close();
  } finally {
    await stopServer(server, 'SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

const scenario = positionals[0] ?? 'writers';
if (scenario === 'writers') await writersScenario();
else if (scenario === 'storm') await stormScenario();
else throw new Error(`unknown scenario ${scenario}: writers or storm`);
