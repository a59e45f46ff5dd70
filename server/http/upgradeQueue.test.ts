import type { IncomingMessage } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { upgradeQueue, type UpgradeListener, type UpgradeQueueOptions } from './upgradeQueue.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

/** Real connected sockets: the server's ends are what an upgrade hands over. */
async function socketPairs(count: number): Promise<{ server: Duplex; client: Socket }[]> {
  const accepted: Socket[] = [];
  // No error listener on the server's ends: the queue must add its own (a reset is an error).
  const server: Server = createServer((s) => accepted.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const clients = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const c = connect(port, '127.0.0.1', () => resolve(c));
          c.on('error', () => undefined);
        }),
    ),
  );
  while (accepted.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  cleanup.push(() => {
    for (const s of [...accepted, ...clients]) s.destroy();
    server.close();
  });
  return clients.map((client, i) => ({ server: accepted[i]!, client }));
}

const request = (url: string) => ({ url }) as IncomingMessage;
const HEAD = Buffer.alloc(0);
const options = (overrides: Partial<UpgradeQueueOptions> = {}): UpgradeQueueOptions => ({
  inFlight: 2,
  holdMs: 10_000,
  maxWaiting: 100,
  accepts: (path) => path.startsWith('/collab/'),
  failed: () => undefined,
  ...overrides,
});
/** An app that notes each upgrade it is handed and finishes them when the test says so (or never). */
function recordingApp(): { started: string[]; listener: UpgradeListener; finishNext: () => void } {
  const started: string[] = [];
  const finishers: (() => void)[] = [];
  const listener: UpgradeListener = (req) => {
    started.push(req.url!);
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  return { started, listener, finishNext: () => finishers.shift()!() };
}
const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
/** What the client end of a socket received until it closed. */
const received = (client: Socket) =>
  new Promise<string>((resolve) => {
    let text = '';
    client.on('data', (d) => (text += d.toString()));
    client.on('close', () => resolve(text));
  });

describe('the upgrade queue', () => {
  it('opens a few at a time, in order of arrival', async () => {
    const pairs = await socketPairs(6);
    const { started, listener, finishNext } = recordingApp();
    const handle = upgradeQueue(listener, options());
    pairs.forEach((p, i) => handle(request(`/collab/${i}`), p.server, HEAD));
    await settle();
    expect(started).toEqual(['/collab/0', '/collab/1']);
    finishNext();
    await settle();
    expect(started).toEqual(['/collab/0', '/collab/1', '/collab/2']);
  });

  it('lets an upgrade that never finishes hold its place only until the deadline', async () => {
    const pairs = await socketPairs(3);
    const { started, listener } = recordingApp();
    const handle = upgradeQueue(listener, options({ inFlight: 1, holdMs: 50 }));
    pairs.forEach((p, i) => handle(request(`/collab/${i}`), p.server, HEAD));
    await settle(20);
    expect(started).toEqual(['/collab/0']);
    await settle(150);
    expect(started).toEqual(['/collab/0', '/collab/1', '/collab/2']);
  });

  it('skips a socket reset while it waited, without an uncaught error', async () => {
    const pairs = await socketPairs(3);
    const { started, listener, finishNext } = recordingApp();
    const handle = upgradeQueue(listener, options({ inFlight: 1 }));
    pairs.forEach((p, i) => handle(request(`/collab/${i}`), p.server, HEAD));
    // The second client gives up with a reset while the first upgrade runs.
    pairs[1]!.client.resetAndDestroy();
    await settle();
    finishNext();
    await settle();
    expect(started).toEqual(['/collab/0', '/collab/2']);
  });

  it('answers other paths 404 and a full queue 503 at once, without calling the app', async () => {
    const pairs = await socketPairs(3);
    const { started, listener } = recordingApp();
    const handle = upgradeQueue(listener, options({ inFlight: 1, maxWaiting: 0 }));
    const elsewhere = received(pairs[0]!.client);
    handle(request('/api/ready'), pairs[0]!.server, HEAD);
    handle(request('/collab/a'), pairs[1]!.server, HEAD);
    await settle();
    const full = received(pairs[2]!.client);
    handle(request('/collab/b'), pairs[2]!.server, HEAD);
    expect(await elsewhere).toMatch(/^HTTP\/1\.1 404 /);
    expect(await full).toMatch(/^HTTP\/1\.1 503 /);
    expect(started).toEqual(['/collab/a']);
  });

  it('closes the socket of an upgrade that fails and goes on, even if reporting fails too', async () => {
    const pairs = await socketPairs(2);
    const started: string[] = [];
    const handle = upgradeQueue(
      (req) => {
        started.push(req.url!);
        throw new Error('no such thing');
      },
      options({
        inFlight: 1,
        failed: () => {
          throw new Error('the log is full');
        },
      }),
    );
    const closed = received(pairs[0]!.client);
    pairs.forEach((p, i) => handle(request(`/collab/${i}`), p.server, HEAD));
    await closed;
    await settle();
    expect(started).toEqual(['/collab/0', '/collab/1']);
  });
});
