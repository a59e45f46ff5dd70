import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { apiClient } from '../helpers/api.js';
import { findProgramDir, freePort } from '../helpers/externalService.js';
import { useTestDatabase } from '../helpers/postgres.js';
import { startRedis, useTestRedis } from '../helpers/redis.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { spawnServer, type ServerProcess } from '../helpers/serverProcess.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';

// Several instances of the real server, as separate processes, sharing PostgreSQL and Redis.
const database = useTestDatabase();
const redis = useTestRedis();
const runs = database.available && redis.available ? describe : describe.skip;
const TOKEN = 'cluster-secretariat-token';

const processes: ServerProcess[] = [];
const clients: YClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function instance(redisUrl = redis.url(), env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-instance-'));
  dirs.push(dataDir);
  const p = await spawnServer({
    DATA_DIR: dataDir,
    DATABASE_URL: database.get().url,
    REDIS_URL: redisUrl,
    ACCORD_BOOTSTRAP_TOKEN: TOKEN,
    ACCORD_LOG: 'json',
    ...env,
  });
  processes.push(p);
  return p;
}

function client(p: ServerProcess, id: string, token = TOKEN): YClient {
  const c = connectClient(p.wsUrl, id, token);
  clients.push(c);
  return c;
}

const markers = (c: YClient) =>
  new Set(
    c.doc
      .getText('probe')
      .toString()
      .match(/<[^>]+>/g) ?? [],
  );

async function type(c: YClient, prefix: string, n: number): Promise<void> {
  const text = c.doc.getText('probe');
  for (let i = 0; i < n; i++) {
    text.insert(text.length, `<${prefix}${i}>`);
    if (i % 5 === 0) await new Promise((r) => setTimeout(r, 2));
  }
}

runs('two instances behind one address', () => {
  it('converge on concurrent edits made through either, and keep permissions on each', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const id = await apiClient(a.url, TOKEN).createDeclaration('Deux instances');
    const onA = client(a, id);
    const onB = client(b, id);
    const watcherA = client(a, id);
    const watcherB = client(b, id);
    await Promise.all([onA, onB, watcherA, watcherB].map((c) => c.synced()));
    const started = performance.now();
    await Promise.all([type(onA, 'a', 60), type(onB, 'b', 60)]);
    const all = () => [onA, onB, watcherA, watcherB].every((c) => markers(c).size === 120);
    await waitFor(all, 'every edit at every client, through either instance', 10_000);
    console.log(`cluster: 120 edits through two instances converged in ${Math.round(performance.now() - started)} ms`);
    expect(onA.doc.getText('probe').toString()).toBe(watcherB.doc.getText('probe').toString());

    // An invitation made on one instance works on the other, and so do its limits.
    const invite = (
      await apiClient(a.url, TOKEN).request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang: 'fr', name: 'Délégation française' })
    ).body as { token: string };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcherB.doc));
    const before = Y.encodeStateVector(doc);
    doc.getXmlFragment('text:vi').insert(0, [new Y.XmlElement('paragraph')]);
    const socket = await RawSocket.open(`${b.wsUrl}/collab/${id}?token=${encodeURIComponent(invite.token)}`);
    expect(await socket.send(Y.encodeStateAsUpdate(doc, before))).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
  });

  it('loses nothing another client saw when an instance is killed, and its clients carry on through the other', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const id = await apiClient(a.url, TOKEN).createDeclaration('Une instance tombe');
    const writer = new Y.Doc();
    const toA = new WebsocketProvider(`${a.wsUrl}/collab`, id, writer, { params: { token: TOKEN }, WebSocketPolyfill: WebSocket as never, disableBc: true });
    const observer = client(b, id);
    await observer.synced();
    await waitFor(() => toA.synced, 'the writer synced with the first instance');
    const text = writer.getText('probe');
    let i = 0;
    const writing = (async () => {
      while (i < 400) {
        text.insert(text.length, `<w${i++}>`);
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await waitFor(() => markers(observer).size >= 50, 'the observer on the other instance to see some of it', 10_000);
    a.child.kill('SIGKILL');
    await a.exited;
    await writing;
    const seen = markers(observer);
    // The writer's client reconnects to the surviving instance (a load balancer would send it there).
    toA.destroy();
    const toB = new WebsocketProvider(`${b.wsUrl}/collab`, id, writer, { params: { token: TOKEN }, WebSocketPolyfill: WebSocket as never, disableBc: true });
    await waitFor(() => markers(observer).size === 400, 'every edit, those the dead instance never stored included', 10_000);
    toB.destroy();
    const fresh = client(b, id);
    await fresh.synced();
    const stored = markers(fresh);
    expect([...seen].filter((m) => !stored.has(m))).toEqual([]);
    expect(stored.size).toBe(400);
  });

  it('runs background work on one instance per declaration, and hands it on when that instance dies', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const id = await apiClient(a.url, TOKEN).createDeclaration('Un seul aligneur');
    const onA = client(a, id);
    await onA.synced();
    const onB = client(b, id);
    await onB.synced();
    const leads = (p: ServerProcess) => p.output().includes(`"event":"lease.acquired","declaration":"${id}"`);
    await waitFor(() => leads(a) || leads(b), 'one instance to take the lease', 5000);
    // Both hold the declaration; only one leads (its lease is renewed, the other never gets it).
    await new Promise((r) => setTimeout(r, 4000));
    expect([leads(a), leads(b)]).toEqual([true, false]);
    a.child.kill('SIGKILL');
    await a.exited;
    await waitFor(() => leads(b), 'the surviving instance to take the lease once it expired', 20_000);
  }, 40_000);

  it('heals what Redis dropped while it was down, from the store', async () => {
    const program = join(findProgramDir(['redis-server'], ['/usr/bin', '/usr/local/bin'])!, 'redis-server');
    const port = await freePort();
    let own = await startRedis(program, port);
    try {
      const [a, b] = await Promise.all([instance(own.url), instance(own.url)]);
      const id = await apiClient(a.url, TOKEN).createDeclaration('Redis redémarre');
      const onA = client(a, id);
      const onB = client(b, id);
      await Promise.all([onA.synced(), onB.synced()]);
      await type(onA, 'before', 10);
      await waitFor(() => markers(onB).size === 10, 'edits through Redis', 5000);
      await own.stop();
      await type(onA, 'during', 20);
      await type(onB, 'other', 5);
      // Nothing carries these between the instances but the store.
      await waitFor(() => markers(onB).size === 35 && markers(onA).size === 35, 'edits made while Redis was down, caught up from the store', 10_000);
      own = await startRedis(program, port);
      await type(onB, 'after', 10);
      await waitFor(() => markers(onA).size === 45, 'edits after Redis came back', 10_000);
    } finally {
      await own.stop();
    }
  });

  it('loses nothing when an instance that has not heard of the other’s updates folds its log', async () => {
    const program = join(findProgramDir(['redis-server'], ['/usr/bin', '/usr/local/bin'])!, 'redis-server');
    const own = await startRedis(program, await freePort());
    try {
      const a = await instance();
      // B hears nothing from A (a Redis of its own: both lead) and folds its log after every update.
      // Nothing else may read the store for B in this test's time: not the periodic read, and not
      // the aligner (a server write first catches up with what others stored).
      const b = await instance(own.url, { ACCORD_COMPACT_AFTER: '1', ACCORD_CATCH_UP_MS: '3600000', ACCORD_ALIGN_DEBOUNCE_MS: '60000' });
      const id = await apiClient(a.url, TOKEN).createDeclaration('Compacter en retard');
      const onA = client(a, id);
      const watcherA = client(a, id);
      const onB = client(b, id);
      await Promise.all([onA.synced(), watcherA.synced(), onB.synced()]);
      await type(onA, 'a', 30);
      // A sends only what it stored: once its watcher has everything, the store has it too.
      await waitFor(() => markers(watcherA).size === 30, "A's edits stored", 10_000);
      expect(markers(onB).size).toBe(0);
      const compactions = () => b.output().split('"event":"compaction"').length - 1;
      const before = compactions();
      // B stores this past a gap, so it is behind when it folds. (Checked: with compaction
      // queued ahead of the catch-up and encoding first, the fresh client below sees 1 edit.)
      await type(onB, 'b', 1);
      await waitFor(() => compactions() > before, 'B to fold its log', 10_000);
      for (const p of [a, b]) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
      const c = await instance();
      const fresh = client(c, id);
      await fresh.synced();
      expect(markers(fresh).size).toBe(31);
    } finally {
      await own.stop();
    }
  });
});
