import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { apiClient } from '../helpers/api.js';
import { pollHealth } from '../helpers/healthPoller.js';
import { seedDeclaration } from '../helpers/seed.js';
import { spawnServer, type ServerProcess } from '../helpers/serverProcess.js';
import { makeDataDir, startTestServer } from '../helpers/testServer.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { encodeSyncStep1Frame, encodeUpdateFrame, parseFrame } from '../../shared/protocol/frames.js';

const TOKEN = 'room-load-token';
/** The attack issue 21 reported: 20 sockets of one invitation, each within the per-socket limits. */
const SOCKETS = 20;
const UPDATES_PER_SECOND = 400;
const FLOOD_MS = 4_000;
const TICK_MS = 10;

let server: ServerProcess;
let dataDir: string;
let id: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = makeDataDir();
  // Its own process, as in production: this one builds and sends the flood meanwhile.
  server = await spawnServer({ DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN, ACCORD_IDLE_UNLOAD_MS: '600000' }, 60_000);
  const boot = { url: server.url, wsUrl: server.wsUrl, token: TOKEN };
  id = await seedDeclaration(boot, 'Charge', { fr: ['Article premier.', 'Article 2.'], vi: ['Điều 1.', 'Điều 2.'] });
  const api = apiClient(server.url, TOKEN);
  for (const [key, body] of Object.entries({
    fr: { role: 'delegation', lang: 'fr', name: 'Délégation française' },
    vi: { role: 'delegation', lang: 'vi', name: 'Phái đoàn Việt Nam' },
    observer: { role: 'observer', name: 'Observateur' },
  })) {
    const res = await api.request('POST', `/api/declarations/${id}/invites`, body);
    expect(res.status).toBe(201);
    tokens[key] = (res.body as { token: string }).token;
  }
}, 90_000);

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const socketUrl = (token: string) => `${server.wsUrl}/collab/${id}?token=${token}`;

/** A bare socket that holds the server's document, as an attacker's script would. */
async function openAttacker(token: string, url = socketUrl(token)): Promise<{ ws: WebSocket; doc: Y.Doc; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const doc = new Y.Doc();
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const frame = parseFrame(new Uint8Array(data));
      if (frame.kind !== 'sync-step2') return;
      Y.applyUpdate(doc, frame.update);
      // From now on it never looks at what others write: its inserts stay concurrent with theirs.
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.once('open', () => ws.send(encodeSyncStep1Frame(Y.encodeStateVector(doc))));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return { ws, doc, closed };
}

/** `count` one-character inserts, each its own update, all at the start of the first French paragraph. */
function oneSpotInserts(doc: Y.Doc, count: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on('update', onUpdate);
  const text = (doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 0; i < count; i++) text.insert(0, 'x');
  doc.off('update', onUpdate);
  return updates;
}

describe('one invitation flooding one spot of the text', () => {
  it('keeps /api/health answering within a second, sheds the flooding invitation and lets another delegation edit', async () => {
    // Another delegation is connected throughout (a bare socket: this process does not apply the flood).
    const bystander = await openAttacker(tokens.vi!);
    let bystanderClosedWith: number | null = null;
    void bystander.closed.then((code) => (bystanderClosedWith = code));

    const attackers = await Promise.all(Array.from({ length: SOCKETS }, () => openAttacker(tokens.fr!)));
    // Built before the flood, so that this process only sends while the server works.
    const perSocket = Math.ceil((UPDATES_PER_SECOND * FLOOD_MS) / 1000);
    const floods = attackers.map((a) => oneSpotInserts(a.doc, perSocket).map((u) => encodeUpdateFrame(u)));
    const codes: (number | null)[] = attackers.map(() => null);
    attackers.forEach((a, i) => void a.closed.then((code) => (codes[i] = code)));

    const health = await pollHealth(server.url, 10);
    const started = Date.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const perTick = (UPDATES_PER_SECOND * TICK_MS) / 1000;
      let tick = 0;
      const timer = setInterval(() => {
        tick++;
        attackers.forEach((a, i) => {
          if (a.ws.readyState !== WebSocket.OPEN) return;
          for (const frame of floods[i]!.slice((tick - 1) * perTick, tick * perTick)) {
            a.ws.send(frame);
            sent++;
          }
        });
        if (Date.now() - started >= FLOOD_MS) {
          clearInterval(timer);
          resolve();
        }
      }, TICK_MS);
    });
    const floodMs = Date.now() - started;
    // The server works off what it accepted; health is watched until then too. Then another
    // delegation's edit is stored and reaches a reader.
    const vi = connectClient(server.wsUrl, id, tokens.vi!);
    const reader = connectClient(server.wsUrl, id, tokens.observer!);
    await Promise.all([vi.synced(), reader.synced()]);
    const edit = 'Sửa đổi sau đợt tấn công';
    ((vi.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, edit);
    const received = await waitFor(() => reader.doc.getXmlFragment('text:vi').toString().includes(edit), 'the Vietnamese edit at the reader', 10_000).then(
      () => Date.now() - started,
      () => null,
    );
    const figures = await health.stop();
    const reasons = new Set([...server.output().matchAll(/"event":"connection.refused".*?"reason":"([^"]*)"/g)].map((m) => m[1]));
    console.log(
      `flood: ${sent} updates sent in ${floodMs} ms; health ${JSON.stringify(figures)}; attackers closed with ${JSON.stringify(codes)} (${[...reasons].join('; ')}); edit received ${received} ms after the flood began`,
    );
    expect(received).not.toBe(null);

    expect(figures.failures).toBe(0);
    expect(figures.maxMs).toBeLessThan(1000);
    // The flooding invitation was cut off; the other delegation never was.
    expect(codes.filter((c) => c === 4508).length).toBeGreaterThan(0);
    expect(bystanderClosedWith).toBe(null);
    for (const a of [...attackers, bystander]) a.ws.close();
    vi.destroy();
    reader.destroy();
  }, 60_000);
});

describe('what an invitation’s updates cost the server', () => {
  it('cuts off an invitation whose updates cost more processing than its budget, and only it', async () => {
    // A budget of 20 ms a second (a burst of 200 ms): a few large pastes exceed it, a small edit never does.
    const small = await startTestServer({ env: { ACCORD_TOKEN_WORK_MS_PER_SECOND: '20', ACCORD_CONNECTION_WORK_MS_PER_SECOND: '20' } });
    try {
      const sid = await seedDeclaration(small, 'Budget', { fr: ['Article premier.'], vi: ['Điều 1.'] });
      const api = apiClient(small.url, small.token);
      const invite = async (body: object) => ((await api.request('POST', `/api/declarations/${sid}/invites`, body)).body as { token: string }).token;
      const fr = await invite({ role: 'delegation', lang: 'fr', name: 'Délégation française' });
      const vi = await invite({ role: 'delegation', lang: 'vi', name: 'Phái đoàn Việt Nam' });
      const url = (token: string) => `${small.wsUrl}/collab/${sid}?token=${token}`;
      const heavy = await openAttacker(fr, url(fr));
      const text = (heavy.doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      let code: number | null = null;
      void heavy.closed.then((c) => (code = c));
      for (let i = 0; i < 100 && code === null; i++) {
        const before = Y.encodeStateVector(heavy.doc);
        for (let j = 0; j < 2000; j++) text.insert(j % 7, 'mot ');
        heavy.ws.send(encodeUpdateFrame(Y.encodeStateAsUpdate(heavy.doc, before)));
        await new Promise((r) => setTimeout(r, 20));
      }
      await waitFor(() => code !== null, 'the costly invitation to be cut off');
      expect(code).toBe(CloseCode.RateLimited);
      // Another delegation still edits.
      const other = await RawSocket.open(url(vi));
      const doc = new Y.Doc();
      const client = connectClient(small.wsUrl, sid, vi);
      await client.synced();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
      const before = Y.encodeStateVector(doc);
      ((doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Xin chào ');
      expect(await other.send(Y.encodeStateAsUpdate(doc, before))).toEqual({ kind: 'stored' });
      other.close();
      client.destroy();
    } finally {
      await small.stop();
    }
  }, 30_000);
});
