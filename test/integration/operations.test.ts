import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient } from '../helpers/yclient.js';
import { appendBlocks } from '../../shared/model/documentText.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { isLoopback } from '../../server/http/operationsRoutes.js';

let server: TestServer;
let id: string;
/** Set to make the injected `redis` check fail, as a lost Redis would. */
let redisDown: Error | null = null;

beforeAll(async () => {
  server = await startTestServer({
    readiness: [
      {
        name: 'redis',
        check: async () => {
          if (redisDown) throw redisDown;
        },
      },
    ],
  });
  id = await seedDeclaration(server, 'Operations', { fr: ['Premier.'], vi: ['Thứ nhất.'] });
});

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}, base = server.url) => fetch(base + path, { headers });

// The text exposition format, version 0.0.4.
const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = String.raw`[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"`;
// Prometheus reads special values without regard to case (prom-client writes "Nan").
const VALUE = String.raw`(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-][Ii]nf|[Nn]a[Nn])`;
const SAMPLE_LINE = new RegExp(String.raw`^(${NAME})(\{(?:${LABEL}(?:,${LABEL})*,?)?\})? (${VALUE})(?: -?\d+)?$`);
const COMMENT_LINE = new RegExp(`^# (?:HELP ${NAME} .*|TYPE ${NAME} (?:counter|gauge|histogram|summary|untyped))$`);

/** Every sample by `name{labels}`, after checking each line against the grammar. */
async function scrape(): Promise<Map<string, number>> {
  const res = await get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    // The format allows blank lines (prom-client separates metric families with one).
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line).toMatch(COMMENT_LINE);
      if (line.startsWith('# TYPE ')) typed.add(line.split(' ')[2]!);
      continue;
    }
    const m = SAMPLE_LINE.exec(line);
    expect(m, `not a sample line: ${line}`).not.toBeNull();
    const family = m![1]!.replace(/_(bucket|sum|count)$/, '');
    expect(typed.has(m![1]!) || typed.has(family), `sample before its TYPE: ${line}`).toBe(true);
    // Labels in one order (by name), whatever order the writer chose.
    const labels = m![2]
      ? `{${[...m![2].slice(1, -1).matchAll(new RegExp(LABEL, 'g'))]
          .map((l) => l[0])
          .sort()
          .join(',')}}`
      : '';
    samples.set(m![1]! + labels, Number(m![3]!.replace(/^\+[Ii]nf$/, 'Infinity').replace(/^[Nn]a[Nn]$/, 'NaN')));
  }
  return samples;
}

/** Polls the metrics until `check` holds. */
async function scrapeUntil(check: (m: Map<string, number>) => boolean, what: string): Promise<Map<string, number>> {
  const started = Date.now();
  for (;;) {
    const m = await scrape();
    if (check(m)) return m;
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const value = (m: Map<string, number>, key: string) => m.get(key) ?? 0;

describe('health and readiness', () => {
  it('answers /api/health with exactly {"ok":true}', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"ok":true}');
  });

  it('is ready when the store and every check answer, and says which one fails otherwise', async () => {
    const ready = await get('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, store: 'ok', redis: 'ok' });

    redisDown = new Error('connect ECONNREFUSED 10.0.0.7:6379');
    try {
      const notReady = await get('/api/ready');
      expect(notReady.status).toBe(503);
      const body = await notReady.text();
      expect(JSON.parse(body)).toEqual({ ready: false, store: 'ok', redis: 'failed' });
      // Which dependency, not its address: the details go to the log.
      expect(body).not.toContain('10.0.0.7');
    } finally {
      redisDown = null;
    }
    expect((await get('/api/ready')).status).toBe(200);
  });

  it('reports Redis as not configured when no check of that name is given', async () => {
    const plain = await startTestServer();
    try {
      const res = await get('/api/ready', {}, plain.url);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ready: true, store: 'ok', redis: 'not configured' });
    } finally {
      await plain.stop();
    }
  });
});

describe('metrics', () => {
  it('serves every metric in the text format, with the process basics', async () => {
    const m = await scrape();
    for (const key of [
      'accord_connections',
      'accord_rooms',
      'accord_updates_total{origin="client"}',
      'accord_updates_total{origin="server"}',
      'accord_store_seconds_count{op="load"}',
      'accord_store_seconds_bucket{le="+Inf",op="append"}',
      'accord_store_seconds_count{op="compact"}',
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_max_seconds',
    ]) {
      expect(m.has(key), key).toBe(true);
    }
    expect(value(m, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(value(m, 'accord_http_requests_total{status="2xx"}')).toBeGreaterThan(0);
  });

  it('counts a connection, its room, its edits and their stores while a client edits', async () => {
    const before = await scrape();
    const client = connectClient(server.wsUrl, id, server.token);
    await client.synced();
    appendBlocks(client.doc.getXmlFragment('text:fr'), [{ text: 'Deuxième.' }]);
    const during = await scrapeUntil(
      (m) => value(m, 'accord_updates_total{origin="client"}') > value(before, 'accord_updates_total{origin="client"}'),
      'the edit to be counted',
    );
    expect(value(during, 'accord_connections')).toBe(value(before, 'accord_connections') + 1);
    expect(value(during, 'accord_rooms')).toBeGreaterThanOrEqual(1);
    expect(value(during, 'accord_store_seconds_count{op="append"}')).toBeGreaterThan(value(before, 'accord_store_seconds_count{op="append"}'));
    // The new paragraph gets its row from the server's aligner: a server update, counted as such.
    await scrapeUntil(
      (m) => value(m, 'accord_updates_total{origin="server"}') > value(before, 'accord_updates_total{origin="server"}'),
      'the aligner’s update to be counted',
    );
    client.destroy();
    await scrapeUntil((m) => value(m, 'accord_connections') === value(before, 'accord_connections'), 'the connection to be closed');
  });

  it('counts a refused update by its close code', async () => {
    const res = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'Observateur' });
    expect(res.status).toBe(201);
    const observerToken = (res.body as { token: string }).token;
    const reader = connectClient(server.wsUrl, id, server.token);
    await reader.synced();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
    reader.destroy();
    const stateBefore = Y.encodeStateVector(doc);
    appendBlocks(doc.getXmlFragment('text:fr'), [{ text: 'Pas le droit.' }]);
    const update = Y.encodeStateAsUpdate(doc, stateBefore);

    const key = `accord_updates_refused_total{code="${CloseCode.Forbidden}"}`;
    const before = value(await scrape(), key);
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(observerToken)}`);
    expect(await socket.send(update)).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
    expect(value(await scrape(), key)).toBe(before + 1);
  });

  it('answers only direct loopback callers when no metrics token is set', async () => {
    // Through a reverse proxy on the same machine the socket is loopback too: the proxy's headers tell.
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const res = await get('/metrics', { [header]: '203.0.113.9' });
      expect(res.status, header).toBe(403);
      expect(await res.text()).not.toContain('accord_');
    }
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:192.168.1.2', '2001:db8::1', '1127.0.0.1', 'unknown'].some(isLoopback)).toBe(false);
  });

  it('requires the bearer token, from anywhere, once ACCORD_METRICS_TOKEN is set', async () => {
    const guarded = await startTestServer({ env: { ACCORD_METRICS_TOKEN: 'metrics-secret' } });
    try {
      const none = await get('/metrics', {}, guarded.url);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await get('/metrics', { authorization: 'Bearer wrong' }, guarded.url)).status).toBe(401);
      // The secretariat's token is not the metrics token.
      expect((await get('/metrics', { authorization: `Bearer ${guarded.token}` }, guarded.url)).status).toBe(401);
      const ok = await get('/metrics', { authorization: 'Bearer metrics-secret', 'x-forwarded-for': '203.0.113.9' }, guarded.url);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('# TYPE accord_connections gauge');
    } finally {
      await guarded.stop();
    }
  });
});
