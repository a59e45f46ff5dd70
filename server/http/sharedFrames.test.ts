import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { framingOf, sendShared } from './sharedFrames.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** A ws server on loopback and `count` clients connected to it; resolves with the server's sockets and each client's messages. */
async function connect(count: number): Promise<{ sockets: WebSocket[]; received: Buffer[][]; clients: WebSocket[] }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  const received: Buffer[][] = [];
  const clients = await Promise.all(
    Array.from({ length: count }, (_, k) => {
      const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
      received[k] = [];
      client.on('message', (data: Buffer) => received[k]!.push(data));
      return new Promise<WebSocket>((resolve) => client.once('open', () => resolve(client)));
    }),
  );
  while (sockets.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return { sockets, received, clients };
}

function payload(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('shared frames', () => {
  it('delivers every payload size whole and in order, mixed with what ws sends itself', async () => {
    const { sockets, received, clients } = await connect(2);
    // Each length class of the WebSocket header, on both sides of the joined/header-only limit.
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 65_537, 300_000];
    const sent = sizes.map((size, k) => payload(size, k));
    for (const [k, p] of sent.entries()) {
      for (const socket of sockets) {
        sendShared(socket, p);
        if (k % 3 === 0) socket.send(payload(10, 99));
      }
    }
    const expected = sent.flatMap((p, k) => (k % 3 === 0 ? [p, payload(10, 99)] : [p]));
    while (received.some((r) => r.length < expected.length)) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const r of received) expect(r.map((b) => Buffer.from(b).toString('hex'))).toEqual(expected.map((p) => Buffer.from(p).toString('hex')));
    for (const c of clients) c.close();
  });

  it('frames a payload once, whatever the number of sockets it goes to', () => {
    const p = payload(1000, 1);
    expect(framingOf(p)).toBe(framingOf(p));
    expect(framingOf(p).byteLength).toBe(1004);
  });
});
