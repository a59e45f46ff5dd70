import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { sendShared } from './sharedFrames.js';
import { pacedBytes } from './writePacing.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** `count` server-side sockets on loopback, and what each client receives (sizes and first bytes). */
async function connect(count: number): Promise<{ sockets: WebSocket[]; received: number[][][]; clients: WebSocket[] }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  const received: number[][][] = [];
  const clients = await Promise.all(
    Array.from({ length: count }, (_, k) => {
      const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
      received[k] = [];
      client.on('message', (data: Buffer) => received[k]!.push([data.byteLength, data[0] ?? -1, data[data.byteLength - 1] ?? -1]));
      return new Promise<WebSocket>((resolve) => client.once('open', () => resolve(client)));
    }),
  );
  while (sockets.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return { sockets, received, clients };
}

function payload(size: number, mark: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes[0] = mark;
  bytes[size - 1] = mark;
  return bytes;
}

const MB = 1024 * 1024;

describe('write pacing', () => {
  it('hands a hall’s worth of large frames over a few megabytes per turn, each socket’s frames in order', async () => {
    const { sockets, received, clients } = await connect(24);
    // Each socket: a 2 MB document, then a keystroke that must not overtake it, then another 2 MB.
    for (const socket of sockets) sendShared(socket, payload(2 * MB, 1));
    for (const socket of sockets) sendShared(socket, payload(20, 2));
    for (const socket of sockets) sendShared(socket, payload(2 * MB, 3));
    const waiting = () => sockets.reduce((n, s) => n + pacedBytes(s), 0);
    // Of 96 MB, at most one turn's budget left at once; the rest waits for later turns.
    expect(waiting()).toBeGreaterThan(80 * MB);
    // The event loop gets turns while the rest is handed over: an immediate runs with most still waiting.
    const atNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(waiting())));
    expect(atNextTurn).toBeGreaterThan(60 * MB);
    while (received.some((r) => r.length < 3)) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const r of received)
      expect(r).toEqual([
        [2 * MB, 1, 1],
        [20, 2, 2],
        [2 * MB, 3, 3],
      ]);
    expect(waiting()).toBe(0);
    for (const c of clients) c.close();
  });

  it('sends small frames at once while large ones wait for other sockets', async () => {
    const { sockets, received, clients } = await connect(6);
    for (const socket of sockets.slice(0, 5)) sendShared(socket, payload(3 * MB, 1));
    // The sixth socket has nothing waiting: its keystroke goes out now, not after 15 MB.
    sendShared(sockets[5]!, payload(20, 2));
    expect(pacedBytes(sockets[5]!)).toBe(0);
    while (received.slice(0, 5).some((r) => r.length < 1) || received[5]!.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received[5]).toEqual([[20, 2, 2]]);
    for (const c of clients) c.close();
  });

  it('drops what waits for a socket that closed, and goes on with the others', async () => {
    const { sockets, received, clients } = await connect(8);
    for (const socket of sockets) sendShared(socket, payload(3 * MB, 1));
    const closing = sockets[7]!;
    expect(pacedBytes(closing)).toBe(3 * MB);
    closing.terminate();
    while (received.slice(0, 7).some((r) => r.length < 1)) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pacedBytes(closing)).toBe(0);
    expect(received[7]).toEqual([]);
    for (const c of clients) c.close();
  });
});
