import { createServer, get, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { noteAccepted, takeSlice } from './workSlices.js';

/** Connections arriving together, as a hall's sockets after its Wi-Fi comes back. */
const BURST = 200;
/** Each slice of the stand-in rooms' work holds the event loop this long. */
const WORK_MS = 4;

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A server whose connections are noted as the real one's are, answering every request at once. */
async function listening(): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.end('ok'));
  server.on('connection', noteAccepted);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Rooms' work that never runs out: a slice after each `takeSlice`; counts the slices run. */
function endlessWork(): { readonly slices: () => number; stop: () => void } {
  let slices = 0;
  let going = true;
  void (async () => {
    while (going) {
      await takeSlice();
      busy(WORK_MS);
      slices++;
    }
  })();
  const stop = () => (going = false);
  cleanup.push(stop);
  return { slices: () => slices, stop };
}

describe('sharing the event loop while connections arrive', () => {
  it('accepts a burst of connections before the rooms’ work goes on, so a health check behind them is answered', async () => {
    const { port } = await listening();
    const work = endlessWork();
    // Node accepts one connection per turn of the event loop; every turn also ran a slice of work.
    const sockets: Socket[] = [];
    for (let i = 0; i < BURST; i++) sockets.push(connect(port, '127.0.0.1').on('error', () => undefined));
    cleanup.push(() => sockets.forEach((s) => s.destroy()));
    const before = work.slices();
    const sent = performance.now();
    await new Promise<void>((resolve, reject) =>
      get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject),
    );
    const answeredMs = performance.now() - sent;
    const slicesMeanwhile = work.slices() - before;
    work.stop();
    // One slice per accepted connection before it without the gate (200 × 4 ms); a few with it
    // (none at all, or one a tenth of a second if accepting takes that long).
    expect(slicesMeanwhile, `${slicesMeanwhile} slices of work ran while the health check waited ${Math.round(answeredMs)} ms`).toBeLessThan(BURST / 10);
  });

  it('keeps a share of the event loop for the work while connections never stop arriving', async () => {
    const slicesIn = async (ms: number) => {
      const work = endlessWork();
      await new Promise((resolve) => setTimeout(resolve, ms));
      work.stop();
      return work.slices();
    };
    const alone = await slicesIn(450);
    // A flood: a connection accepted in every turn of the event loop, as the server notes it.
    let flooding = true;
    const flood = () => {
      noteAccepted();
      if (flooding) setImmediate(flood);
    };
    flood();
    cleanup.push(() => (flooding = false));
    const flooded = await slicesIn(450);
    flooding = false;
    // Held back 100 ms, then free for 50: a third of the time at worst. Held back without that
    // pause, the work got one slice per 100 ms (a twentieth).
    expect(flooded, `${flooded} slices under the flood, ${alone} without`).toBeGreaterThan(alone * 0.15);
  });

  it('lets the work go on as soon as no connection is waiting', async () => {
    const { port } = await listening();
    const socket = connect(port, '127.0.0.1');
    cleanup.push(() => socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    // The accepted connection holds work back for at most a turn or two.
    const work = endlessWork();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(work.slices()).toBeGreaterThan(5);
  });
});
