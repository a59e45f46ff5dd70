import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { apiClient } from '../helpers/api.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { ACCORD_HEADERS_TIMEOUT_MS: '500', ACCORD_REQUEST_TIMEOUT_MS: '1000', ACCORD_KEEP_ALIVE_TIMEOUT_MS: '500', ACCORD_MAX_CONNECTIONS: '20' },
  });
});

afterAll(async () => {
  await server?.stop();
});

/** A raw TCP connection to the server that sends `data` (if any) and reports when the server closed it. */
async function openSocket(data?: string): Promise<{ socket: Socket; closedAfter: Promise<number>; received: () => string }> {
  const socket = connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const opened = Date.now();
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closedAfter = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  if (data !== undefined) socket.write(data);
  return { socket, closedAfter, received: () => received };
}

const health = async () => (await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) })).status;

describe('slow and idle clients', () => {
  it('closes a socket that sends half a request header within the configured timeout', async () => {
    const { closedAfter } = await openSocket('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // 500 ms, checked every 125 ms; generous bound for a loaded machine.
    expect(await closedAfter).toBeLessThan(3_000);
  });

  it('closes a socket that connects and sends nothing', async () => {
    const { closedAfter } = await openSocket();
    expect(await closedAfter).toBeLessThan(3_000);
  });

  it('holds no more sockets than configured, and serves again once idle ones are dropped', async () => {
    const idle = await Promise.all(Array.from({ length: 20 }, () => openSocket('GET / HTTP/1.1\r\n')));
    // One more is closed at once, unanswered, instead of being held.
    const extra = await openSocket('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await extra.closedAfter).toBeLessThan(1_000);
    expect(extra.received()).toBe('');
    await Promise.all(idle.map((s) => s.closedAfter));
    expect(await health()).toBe(200);
  });

  it('keeps an open collaboration socket beyond the request timeouts', async () => {
    const id = await apiClient(server.url, server.token).createDeclaration('Patience');
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${server.token}`);
    let closed = false;
    void socket.whenClosed().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(closed).toBe(false);
    socket.close();
  });
});
