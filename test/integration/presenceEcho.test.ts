import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';
import { sendOwnPresenceOnly } from '../../client/collab/presenceEcho.js';

let server: TestServer;
let id: string;
const clients: YClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  id = await seedDeclaration(server, 'Presence', { fr: ['Bonjour.'], vi: ['Xin chào.'] });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

/** Counts the presence frames (y-websocket message type 1) a client sends to the server. */
function countPresenceSent(client: YClient): () => number {
  let sent = 0;
  const provider = client.provider as unknown as { ws: { send(data: Uint8Array): void } | null };
  const ws = provider.ws!;
  const send = ws.send.bind(ws);
  ws.send = (data: Uint8Array) => {
    if (data[0] === 1) sent++;
    send(data);
  };
  return () => sent;
}

describe("Accord's client and presence", () => {
  it('sends its own caret moves but never echoes the presence of others', async () => {
    const watcher = connectClient(server.wsUrl, id, server.token);
    const mover = connectClient(server.wsUrl, id, server.token);
    clients.push(watcher, mover);
    sendOwnPresenceOnly(watcher.provider);
    await Promise.all([watcher.synced(), mover.synced()]);
    const sentByWatcher = countPresenceSent(watcher);
    for (let i = 0; i < 10; i++) {
      mover.provider.awareness.setLocalStateField('cursor', { at: i });
      await waitFor(
        () => (watcher.provider.awareness.getStates().get(mover.doc.clientID) as { cursor?: { at: number } } | undefined)?.cursor?.at === i,
        `move ${i} seen`,
      );
    }
    expect(sentByWatcher()).toBe(0);
    // Its own presence still goes out, and reaches the others.
    watcher.provider.awareness.setLocalStateField('user', { name: 'Observatrice' });
    expect(sentByWatcher()).toBe(1);
    await waitFor(
      () => (mover.provider.awareness.getStates().get(watcher.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Observatrice',
      'own presence relayed',
    );
  });

  it('a stock client, for comparison, echoes every move it receives', async () => {
    const watcher = connectClient(server.wsUrl, id, server.token);
    const mover = connectClient(server.wsUrl, id, server.token);
    clients.push(watcher, mover);
    await Promise.all([watcher.synced(), mover.synced()]);
    const sentByWatcher = countPresenceSent(watcher);
    for (let i = 0; i < 5; i++) {
      mover.provider.awareness.setLocalStateField('cursor', { at: i });
      await waitFor(
        () => (watcher.provider.awareness.getStates().get(mover.doc.clientID) as { cursor?: { at: number } } | undefined)?.cursor?.at === i,
        `move ${i} seen`,
      );
    }
    expect(sentByWatcher()).toBeGreaterThanOrEqual(5);
  });
});
