import fc from 'fast-check';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { DeclarationId } from '../../shared/model/ids.js';
import { encodeSaveCheckFrame, parseFrame } from '../../shared/protocol/frames.js';
import { apiClient } from './api.js';
import { socketPlan, type SocketPlan } from './frameArbitraries.js';
import { seedDeclaration } from './seed.js';
import { startTestServer, type TestServer } from './testServer.js';
import { connectClient, waitFor } from './yclient.js';

/**
 * Close codes a fuzzing socket may get: the server's refusals (connection.ts: 4400 malformed,
 * 4403 forbidden, 4508 rate limited), and what `ws` itself sends before the server sees a frame
 * (1009 past ACCORD_MAX_MESSAGE_BYTES, 1007 a text frame that is not UTF-8). Never 1006 (no
 * close frame), 1011 (internal error) or 1012 (restart).
 */
export const DOCUMENTED_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Malformed,
  CloseCode.Forbidden,
  CloseCode.RateLimited,
  CloseCode.MessageTooBig,
  1007,
]);

/** Codes the server sends itself, after a `permission-denied` message saying why. */
const REFUSALS_WITH_REASON: ReadonlySet<number> = new Set([CloseCode.Malformed, CloseCode.Forbidden, CloseCode.RateLimited]);

export interface FuzzOptions {
  /** Frames to send in all (rounded up to whole batches). */
  readonly frames: number;
  readonly socketsPerBatch: number;
  readonly harmlessPerSocket: number;
  readonly maxMessageBytes: number;
  readonly seed?: number;
  /** How long one socket may take to be answered or closed before it counts as stalled. */
  readonly socketTimeoutMs?: number;
  readonly healthTimeoutMs?: number;
}

export interface FuzzFigures {
  readonly seed: number;
  readonly batches: number;
  readonly sockets: number;
  readonly framesSent: number;
  readonly ms: number;
  readonly framesPerSecond: number;
  readonly maxHealthMs: number;
  /** Sockets per outcome: a close code, or `open` (every frame answered). */
  readonly outcomes: Record<string, number>;
  /** For each generator of the last frame, its outcomes. */
  readonly byLabel: Record<string, Record<string, number>>;
  /** Sockets that broke a rule; empty when the server behaved. */
  readonly violations: readonly string[];
  /** The fuzzed declaration as a fresh client syncs it from the store, before and after. */
  readonly documentBefore: DocumentState;
  readonly documentAfter: DocumentState;
}

/** Logs what a fuzz run measured, without the documents themselves. */
export function reportFuzz(name: string, figures: FuzzFigures): void {
  const { documentBefore, documentAfter, byLabel, ...summary } = figures;
  void documentBefore;
  void documentAfter;
  console.log(`${name}: ${JSON.stringify(summary)}`);
  console.log(`${name}, outcome by last frame: ${JSON.stringify(byLabel)}`);
}

/** What a fresh client holds after syncing: the whole state, its state vector, and each root's content. */
export interface DocumentState {
  readonly update: string;
  readonly stateVector: Record<string, number>;
  readonly roots: Record<string, string>;
}

interface SocketOutcome {
  readonly outcome: string;
  readonly violation: string | null;
}

const FINAL_CHECK = 0x7fffffff;

const FUZZ_ENV = (maxMessageBytes: number): Record<string, string> => ({
  ACCORD_MAX_MESSAGE_BYTES: String(maxMessageBytes),
  // The fuzz is not about throttling: no frame may be refused for its rate.
  ACCORD_MESSAGES_PER_SECOND: '1000000',
  ACCORD_MESSAGE_BURST: '1000000',
  ACCORD_BYTES_PER_SECOND: String(1024 * 1024 * 1024),
  ACCORD_MAX_CONNECTIONS_PER_TOKEN: '100000',
  ACCORD_AUTH_FAILURES_PER_MINUTE: '1000000',
});

/**
 * Sends fast-check generated frames to the real server from many sockets in parallel; after
 * each batch checks that the server answers `/api/health` and a stock client can still sync and
 * edit. Returns the figures, and the fuzzed declaration before and after for the caller to compare.
 */
export async function runFrameFuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const server = await startTestServer({ env: FUZZ_ENV(options.maxMessageBytes) });
  try {
    return await fuzz(server, options);
  } finally {
    await server.stop();
  }
}

async function fuzz(server: TestServer, options: FuzzOptions): Promise<FuzzFigures> {
  const seed = options.seed ?? Date.now() ^ (Math.random() * 0x7fffffff);
  const target = await seedDeclaration(server, 'Fuzz target', { fr: ['Article premier.', 'Article 2.'], vi: ['Điều 1.', 'Điều 2.'] });
  const probe = await apiClient(server.url, server.token).createDeclaration('Liveness probe');
  const tokens = await inviteRoles(server, target);
  await settled(server, target);
  const documentBefore = await documentState(server, target);

  const framesPerBatch = options.socketsPerBatch * (options.harmlessPerSocket + 1);
  const batches = Math.ceil(options.frames / framesPerBatch);
  const outcomes: Record<string, number> = {};
  const byLabel: Record<string, Record<string, number>> = {};
  const violations: string[] = [];
  let maxHealthMs = 0;
  const started = performance.now();

  await fc.assert(
    fc.asyncProperty(
      fc.array(socketPlan(options.maxMessageBytes, options.harmlessPerSocket), { minLength: options.socketsPerBatch, maxLength: options.socketsPerBatch }),
      async (plans) => {
        const results = await Promise.all(
          plans.map((plan) =>
            runSocket(`${server.wsUrl}/collab/${target}?token=${encodeURIComponent(tokens[plan.role])}`, plan, options.socketTimeoutMs ?? 5000),
          ),
        );
        const batchViolations: string[] = [];
        results.forEach((r, i) => {
          outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
          const label = plans[i]!.offence ? plans[i]!.frames.at(-1)!.label : 'control (harmless only)';
          const counts = (byLabel[label] ??= {});
          counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
          if (r.violation) batchViolations.push(`${plans[i]!.role} ${label}: ${r.violation}`);
        });
        violations.push(...batchViolations);
        maxHealthMs = Math.max(maxHealthMs, await checkHealth(server, options.healthTimeoutMs ?? 500));
        await checkClientCanEdit(server, probe);
        if (batchViolations.length > 0) throw new Error(batchViolations.join('\n'));
      },
    ),
    // No shrinking: each run is a batch against a live server, and the figures count every run.
    { numRuns: batches, seed, endOnFailure: true },
  );
  const ms = performance.now() - started;

  // The room unloads when idle: what a fresh client syncs then comes from the store.
  await waitFor(() => server.rooms.peek(target as DeclarationId) === null, 'the fuzzed room to unload', 10_000);
  const documentAfter = await documentState(server, target);
  return {
    seed,
    batches,
    sockets: batches * options.socketsPerBatch,
    framesSent: batches * framesPerBatch,
    ms: Math.round(ms),
    framesPerSecond: Math.round((batches * framesPerBatch) / (ms / 1000)),
    maxHealthMs: Math.round(maxHealthMs),
    outcomes,
    byLabel,
    violations,
    documentBefore,
    documentAfter,
  };
}

async function inviteRoles(server: TestServer, id: string): Promise<Record<SocketPlan['role'], string>> {
  const api = apiClient(server.url, server.token);
  const invite = async (body: object) => {
    const res = await api.request('POST', `/api/declarations/${id}/invites`, body);
    if (res.status !== 201) throw new Error(`invite failed: ${res.status}`);
    return (res.body as { token: string }).token;
  };
  return {
    observer: await invite({ role: 'observer', name: 'Observateur' }),
    delegation: await invite({ role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' }),
    secretariat: server.token,
  };
}

/** Waits until the server's own writes after seeding (alignment) are done and stored. */
async function settled(server: TestServer, id: string): Promise<void> {
  let previous = '';
  for (let i = 0; i < 20; i++) {
    await waitFor(() => server.rooms.peek(id as DeclarationId) === null, 'the seeded room to unload', 10_000);
    const now = (await documentState(server, id)).update;
    if (now === previous) return;
    previous = now;
  }
  throw new Error('the seeded declaration never settled');
}

/** The declaration as a fresh stock client holds it after syncing. */
export async function documentState(server: TestServer, id: string): Promise<DocumentState> {
  const client = connectClient(server.wsUrl, id, server.token);
  await client.synced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  const roots: Record<string, string> = {};
  for (const [name, type] of doc.share) {
    roots[name] = type instanceof Y.XmlFragment ? type.toString() : JSON.stringify(doc.getMap(name).toJSON());
  }
  const stateVector: Record<string, number> = {};
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) stateVector[client] = clock;
  const state = { update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'), stateVector, roots };
  doc.destroy();
  return state;
}

/**
 * One socket: sends its frames, then a save check. Frames are handled in order, so an answered
 * check means every frame was read and none offended; otherwise the socket must close, with a
 * documented code.
 */
function runSocket(url: string, plan: SocketPlan, timeoutMs: number): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let denied: string | null = null;
    let done = false;
    const finish = (outcome: SocketOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      ws.terminate();
      finish({ outcome: 'stalled', violation: `no answer and no close within ${timeoutMs} ms` });
    }, timeoutMs);
    ws.on('unexpected-response', (_req, res) => finish({ outcome: `http-${res.statusCode}`, violation: `upgrade refused with ${res.statusCode}` }));
    ws.on('error', () => undefined); // the close event says what happened
    ws.on('message', (data: Buffer) => {
      const frame = parseFrame(new Uint8Array(data));
      if (frame.kind === 'saved' && frame.seq === FINAL_CHECK) {
        ws.close(1000);
        finish({ outcome: 'open', violation: null });
      } else if (data[0] === 2 && data[1] === 0) {
        denied = new TextDecoder().decode(data.subarray(3));
      }
    });
    ws.on('close', (code) => {
      if (done) return;
      let violation: string | null = null;
      if (!plan.offence) violation = `closed with ${code} (${denied ?? 'no reason'}) though it sent only valid frames`;
      else if (!DOCUMENTED_CLOSE_CODES.has(code)) violation = `closed with ${code}${denied ? ` (${denied})` : ''}`;
      else if (REFUSALS_WITH_REASON.has(code) && denied === null) violation = `closed with ${code} without saying why`;
      finish({ outcome: String(code), violation });
    });
    ws.on('open', () => {
      for (const frame of plan.frames) ws.send(frame.data, { binary: !frame.text });
      ws.send(encodeSaveCheckFrame(FINAL_CHECK));
    });
  });
}

/** Milliseconds `/api/health` took; fails past `timeoutMs`. */
async function checkHealth(server: TestServer, timeoutMs: number): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`health answered ${res.status}`);
  await res.json();
  return performance.now() - started;
}

/** A stock client connects, syncs and edits, and a second one sees the edit. */
async function checkClientCanEdit(server: TestServer, id: string): Promise<void> {
  const writer = connectClient(server.wsUrl, id, server.token);
  const reader = connectClient(server.wsUrl, id, server.token);
  try {
    await Promise.race([Promise.all([writer.synced(), reader.synced()]), rejectAfter(3000, 'the probe clients to sync')]);
    const mark = `edit-${Math.random().toString(36).slice(2)}`;
    writer.doc.getText('probe').insert(0, mark);
    await waitFor(() => reader.doc.getText('probe').toString().includes(mark), 'the probe edit at a second client', 3000);
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

function rejectAfter(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref());
}
