import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { apiClient } from './api.js';
import { seedDeclaration } from './seed.js';
import { startTestServer, type TestServer } from './testServer.js';
import { connectClient, waitFor } from './yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { DeclarationId } from '../../shared/model/ids.js';

/** What one connection cycle does to the server. */
export type CycleKind = 'sync' | 'bad-token' | 'abort-mid-handshake' | 'terminate-after-open' | 'load-failure';

const KINDS: readonly CycleKind[] = ['sync', 'sync', 'sync', 'bad-token', 'abort-mid-handshake', 'terminate-after-open', 'load-failure'];

export interface ResourceFigures {
  readonly cycles: number;
  readonly byKind: Record<CycleKind, number>;
  readonly ms: number;
  /** Whether the heap was measured after a forced collection (otherwise after a settle delay). */
  readonly gcAvailable: boolean;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly heapGrowthMb: number;
  /** Rooms loaded right after the last cycle, and how long until none was. */
  readonly roomsAfterCycles: number;
  readonly unloadMs: number;
  readonly connectionsAfter: number;
  /** Active handles and requests by type, before and after (process.getActiveResourcesInfo). */
  readonly resourcesBefore: Record<string, number>;
  readonly resourcesAfter: Record<string, number>;
  /** Cycles whose outcome was not the expected one, with what happened. */
  readonly unexpected: readonly string[];
}

/** Types of active handles whose count grew, beyond `slack` each. */
export function grownResources(figures: ResourceFigures, slack: number): Record<string, [number, number]> {
  const grown: Record<string, [number, number]> = {};
  for (const [type, after] of Object.entries(figures.resourcesAfter)) {
    const before = figures.resourcesBefore[type] ?? 0;
    if (after > before + slack) grown[type] = [before, after];
  }
  return grown;
}

/**
 * A collector for measuring the heap. Vitest runs tests without `--expose-gc`; V8 still lets a
 * running process turn the flag on and fetch `gc` from a fresh context.
 */
export function collector(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

const counts = (): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) out[type] = (out[type] ?? 0) + 1;
  return out;
};

/**
 * Runs `cycles` connection cycles against one server, `concurrency` at a time: stock clients
 * that sync and leave, bad tokens, sockets cut mid-handshake or right after opening, and
 * connections to a declaration whose stored state cannot be loaded.
 */
export async function runResourceCycles(cycles: number, concurrency = 8): Promise<ResourceFigures> {
  const server = await startTestServer({
    env: { ACCORD_IDLE_UNLOAD_MS: '50', ACCORD_AUTH_FAILURES_PER_MINUTE: '1000000', ACCORD_MAX_CONNECTIONS_PER_TOKEN: '100000' },
  });
  try {
    return await cycle(server, cycles, concurrency);
  } finally {
    await server.stop();
  }
}

async function cycle(server: TestServer, cycles: number, concurrency: number): Promise<ResourceFigures> {
  const declarations = [
    await seedDeclaration(server, 'Cycles A', { fr: ['Article premier.'], vi: ['Điều 1.'] }),
    await seedDeclaration(server, 'Cycles B', { fr: ['Article premier.', 'Article 2.'], vi: ['Điều 1.', 'Điều 2.'] }),
    await apiClient(server.url, server.token).createDeclaration('Cycles C'),
  ];
  const broken = await breakDeclaration(server);
  // A garbage record in the log does not stop a declaration from opening: loading a room skips it.
  await server.documents.appendUpdate(declarations[2]! as DeclarationId, new Uint8Array([1, 5, 0, 7, 0, 0xde]), { accessId: null });
  const unexpected: string[] = [];
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<CycleKind, number>;

  const runCycles = async (n: number, offset: number) => {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const i = offset + next++;
        const kind = KINDS[i % KINDS.length]!;
        byKind[kind]++;
        const problem = await runCycle(server, kind, declarations[i % declarations.length]!, broken, i).catch((error: unknown) => String(error));
        if (problem) unexpected.push(`cycle ${i} (${kind}): ${problem}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  const gc = collector();
  const settle = async () => {
    await waitFor(() => server.rooms.openRooms === 0 && server.connections.total === 0, 'every room to unload', 10_000);
    await new Promise((r) => setTimeout(r, gc ? 500 : 1500)); // short timers (debounces, backoffs) run out
    if (gc) for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };

  // Warm up (lazy module loading, JIT, statement caches) before the baseline.
  await runCycles(Math.min(100, cycles), 0);
  const heapBefore = await settle();
  const resourcesBefore = counts();
  for (const kind of KINDS) byKind[kind] = 0;

  const started = performance.now();
  await runCycles(cycles, 100);
  const ms = performance.now() - started;
  const roomsAfterCycles = server.rooms.openRooms;
  const unloadStarted = performance.now();
  await waitFor(() => server.rooms.openRooms === 0, 'every room to unload', 10_000);
  const unloadMs = performance.now() - unloadStarted;
  const heapAfter = await settle();
  const resourcesAfter = counts();
  const connectionsAfter = server.connections.total;

  // Still serving: every good declaration syncs, the broken one is still refused the same way.
  for (const id of declarations) {
    const problem = await runCycle(server, 'sync', id, broken, 0);
    if (problem) unexpected.push(`after the cycles, ${id}: ${problem}`);
  }
  const problem = await runCycle(server, 'load-failure', declarations[0]!, broken, 0);
  if (problem) unexpected.push(`after the cycles, the broken declaration: ${problem}`);

  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    cycles,
    byKind,
    ms: Math.round(ms),
    gcAvailable: gc !== null,
    heapBeforeMb: mb(heapBefore),
    heapAfterMb: mb(heapAfter),
    heapGrowthMb: mb(heapAfter - heapBefore),
    roomsAfterCycles,
    unloadMs: Math.round(unloadMs),
    connectionsAfter,
    resourcesBefore,
    resourcesAfter,
    unexpected,
  };
}

/**
 * A declaration whose stored snapshot is garbage, so that loading its room throws. (A garbage
 * *record* in the update log is not enough: loading a room skips a record that does not apply.)
 */
async function breakDeclaration(server: TestServer): Promise<DeclarationId> {
  const id = (await apiClient(server.url, server.token).createDeclaration('Cannot load')) as DeclarationId;
  // Five GC structs declared, one present. (Declaring ~2^24–2^32 structs instead makes yjs allocate
  // hundreds of MB and spend up to a second before it throws: a stored snapshot is trusted.)
  const garbage = new Uint8Array([1, 5, 0, 7, 0, 0xde]);
  await server.documents.compact(id, garbage, 0);
  return id;
}

const url = (server: TestServer, id: string, token: string) => `${server.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`;

/** One cycle; returns what went differently from what a client should see, or null. */
async function runCycle(server: TestServer, kind: CycleKind, id: string, broken: string, i: number): Promise<string | null> {
  switch (kind) {
    case 'sync': {
      const client = connectClient(server.wsUrl, id, server.token);
      try {
        await withTimeout(client.synced(), 5000, 'sync');
        if (i % 10 === 0) client.doc.getText('cycles').insert(0, `${i} `);
        return null;
      } finally {
        client.destroy();
      }
    }
    case 'bad-token': {
      const status = await upgradeStatus(url(server, id, `not-a-token-${i}`));
      return status === 401 ? null : `expected HTTP 401, got ${status}`;
    }
    case 'abort-mid-handshake':
      await abortHandshake(server, id, i % 4);
      return null;
    case 'terminate-after-open': {
      const ws = new WebSocket(url(server, id, server.token));
      ws.on('error', () => undefined);
      await withTimeout(new Promise((resolve) => ws.once('open', resolve)), 5000, 'open');
      ws.terminate();
      return null;
    }
    case 'load-failure': {
      const closed = await closeOf(url(server, broken, server.token));
      return closed.code === CloseCode.InternalError && /could not be loaded/.test(closed.reason)
        ? null
        : `expected close 1011 "could not be loaded", got ${JSON.stringify(closed)}`;
    }
  }
}

/** The HTTP status that refused an upgrade (101 if it was accepted). */
function upgradeStatus(address: string): Promise<number> {
  return withTimeout(
    new Promise<number>((resolve) => {
      const ws = new WebSocket(address);
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      ws.on('open', () => {
        resolve(101);
        ws.close();
      });
    }),
    5000,
    'the upgrade answer',
  );
}

/** How the server closed a socket it accepted. */
function closeOf(address: string): Promise<{ code: number; reason: string }> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(address);
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    }),
    5000,
    'the close',
  );
}

/**
 * Sends a raw upgrade request and cuts the TCP connection at one of four points: before the
 * request is complete, right after it, after a tick, or once the first response bytes arrive.
 */
function abortHandshake(server: TestServer, id: string, point: number): Promise<void> {
  const socket: Socket = connect(server.port, '127.0.0.1');
  return withTimeout(
    new Promise<void>((resolve) => {
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
      socket.resume(); // read (and drop) the answer, so that the server's FIN is seen
      const request =
        `GET /collab/${id}?token=${encodeURIComponent(server.token)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
      socket.on('connect', () => {
        if (point === 0) {
          socket.write(request.slice(0, 40));
          socket.destroy();
        } else if (point === 1) {
          socket.end(request);
        } else if (point === 2) {
          socket.write(request);
          setImmediate(() => socket.destroy());
        } else {
          socket.write(request);
          socket.once('data', () => socket.destroy());
        }
      });
    }),
    5000,
    'the server to close a half-closed or cut handshake',
  ).finally(() => socket.destroy());
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
