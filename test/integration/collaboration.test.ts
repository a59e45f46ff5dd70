import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiClient } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { storedBytes, storedUpdateCount } from '../helpers/stored.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';
import { encodeUpdateFrame, encodeSyncStep1Frame } from '../../shared/protocol/frames.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';

let server: TestServer | null = null;
const clients: YClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = null;
});

function client(s: TestServer, id: string, token = s.token, options = {}): YClient {
  const c = connectClient(s.wsUrl, id, token, options);
  clients.push(c);
  return c;
}

const textOf = (c: YClient, lang = 'fr') => c.doc.getText(`probe:${lang}`).toString();

/** Opens a raw socket, sends `frames`, and resolves with how the server closed it. */
function rawExchange(url: string, frames: (Uint8Array | string)[]): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      for (const f of frames) ws.send(f);
    });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

describe('collaboration server', () => {
  it('converges the concurrent edits of three clients', async () => {
    server = await startTestServer();
    const id = await apiClient(server.url, server.token).createDeclaration('Convergence');
    const [a, b, c] = [client(server, id), client(server, id), client(server, id)];
    await Promise.all([a.synced(), b.synced(), c.synced()]);
    for (let i = 0; i < 30; i++) {
      a.doc.getText('probe:fr').insert(0, 'a');
      b.doc.getText('probe:fr').insert(0, 'b');
      c.doc.getText('probe:fr').insert(0, 'c');
    }
    await waitFor(() => textOf(a).length === 90 && textOf(b).length === 90 && textOf(c).length === 90, 'all 90 characters everywhere');
    expect(textOf(b)).toBe(textOf(a));
    expect(textOf(c)).toBe(textOf(a));
  });

  it('keeps the document across a clean restart', async () => {
    server = await startTestServer();
    const dataDir = server.dataDir;
    const id = await apiClient(server.url, server.token).createDeclaration('Restart');
    const a = client(server, id);
    await a.synced();
    a.doc.getText('probe:vi').insert(0, 'Tuyên bố chung của Hội nghị');
    const saved = a.doc.getText('probe:vi').toString();
    await waitFor(() => storedUpdateCount(server!) > 0, 'the edit stored');
    a.destroy();
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const b = client(server, id);
    await b.synced();
    expect(b.doc.getText('probe:vi').toString()).toBe(saved);
  });

  it('refuses a malformed binary frame and a text frame without touching the stored document', async () => {
    server = await startTestServer();
    const id = await apiClient(server.url, server.token).createDeclaration('Malformed');
    const a = client(server, id);
    await a.synced();
    a.doc.getText('probe:fr').insert(0, 'Déclaration finale');
    await waitFor(() => storedUpdateCount(server!) > 0, 'the edit stored');
    const before = storedBytes(server);
    const url = `${server.wsUrl}/collab/${id}?token=${server.token}`;

    const garbageUpdate = encodeUpdateFrame(new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]));
    expect((await rawExchange(url, [garbageUpdate])).code).toBe(CloseCode.Malformed);
    expect((await rawExchange(url, [new Uint8Array([0x00, 0x05])])).code).toBe(CloseCode.Malformed);
    expect((await rawExchange(url, [new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80])])).code).toBe(CloseCode.Malformed);
    expect((await rawExchange(url, ['hello'])).code).toBe(CloseCode.Malformed);
    expect((await rawExchange(url, [encodeSyncStep1Frame(new Uint8Array([0xff]))])).code).toBe(CloseCode.Malformed);

    expect(storedBytes(server)).toBe(before);
    // The server still serves the document to a new client.
    const b = client(server, id);
    await b.synced();
    expect(textOf(b)).toBe('Déclaration finale');
  });

  it('cuts off a connection that sends more bytes per second than allowed, but not one within it', async () => {
    server = await startTestServer({ env: { ACCORD_MAX_MESSAGE_BYTES: '20000', ACCORD_BYTES_PER_SECOND: '1024' } });
    const id = await apiClient(server.url, server.token).createDeclaration('Octets');
    const url = `${server.wsUrl}/collab/${id}?token=${server.token}`;
    // A presence query padded to 15 kB: harmless, but it weighs.
    const heavy = new Uint8Array(15_000);
    heavy[0] = 3;
    expect((await rawExchange(url, [heavy, heavy, heavy])).code).toBe(CloseCode.RateLimited);
    const within = await new Promise<number | null>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('open', () => {
        ws.send(heavy);
        ws.send(heavy);
        setTimeout(() => {
          resolve(null);
          ws.close();
        }, 300);
      });
      ws.on('close', (code) => resolve(code));
    });
    expect(within).toBe(null);
  });

  it('refuses a missing or wrong token before any socket opens', async () => {
    server = await startTestServer();
    const id = await apiClient(server.url, server.token).createDeclaration('Tokens');
    const status = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await status(`${server.wsUrl}/collab/${id}`)).toBe(401);
    expect(await status(`${server.wsUrl}/collab/${id}?token=wrong`)).toBe(401);
    expect(await status(`${server.wsUrl}/collab/${id}?token=${server.token}`)).toBe(101);
    expect(await status(`${server.wsUrl}/collab/doesnotexist?token=${server.token}`)).toBe(404);

    expect((await apiClient(server.url, null).request('GET', '/api/declarations')).status).toBe(401);
    expect((await apiClient(server.url, 'wrong').request('GET', '/api/declarations')).status).toBe(401);
  });
});
