import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { apiClient } from '../helpers/api.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { encodeAwarenessFrame } from '../../shared/protocol/frames.js';
import type { DeclarationId } from '../../shared/model/ids.js';
import { MAX_KEPT_CLAIMS_PER_GRANT } from '../../server/collab/presenceClaims.js';

let server: TestServer;
let id: string;
let observerToken: string;

beforeAll(async () => {
  server = await startTestServer({ env: { ACCORD_IDLE_UNLOAD_MS: '600000' } });
  id = await seedDeclaration(server, 'Présence', { fr: ['Article premier.'], vi: ['Điều 1.'] });
  const res = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'Observateur' });
  observerToken = (res.body as { token: string }).token;
});

afterAll(async () => {
  await server?.stop();
});

/** Bytes of every file under `dir` (the SQLite database and its WAL, the logs, the snapshots). */
function bytesUnder(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    n += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return n;
}

/** One awareness update announcing `count` client ids never seen before. */
function freshPresence(firstId: number, count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, firstId + i);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify({ user: { name: `fantôme ${firstId + i}` } }));
  }
  return encodeAwarenessFrame(encoding.toUint8Array(encoder));
}

describe('an observer announcing fresh presence ids without end', () => {
  it('grows neither the data directory nor the room’s memory, and real presence still shows', async () => {
    const room = server.rooms.peek(id as DeclarationId)!;
    expect(room).not.toBe(null);
    const bytesBefore = bytesUnder(server.dataDir);
    const trackedBefore = room.trackedClients;

    // Ten seconds of 50 fresh ids per frame, 200 frames a second: within the per-socket limits.
    const ws = new WebSocket(`${server.wsUrl}/collab/${id}?token=${observerToken}`);
    let closedWith: number | null = null;
    ws.on('close', (code) => (closedWith = code));
    await new Promise((resolve) => ws.once('open', resolve));
    const started = Date.now();
    let next = 1_000_000;
    let frames = 0;
    while (Date.now() - started < 10_000 && frames < 2_000 && closedWith === null) {
      ws.send(freshPresence(next, 50));
      next += 50;
      frames++;
      if (frames % 2 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    // Everything sent has been handled once a query is answered.
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send(new Uint8Array([3]));
    });
    const grown = bytesUnder(server.dataDir) - bytesBefore;
    const tracked = room.trackedClients;
    console.log(
      `presence flood: ${frames} frames, ${next - 1_000_000} fresh ids; data dir grew ${grown} bytes; tracked ${JSON.stringify(trackedBefore)} → ${JSON.stringify(tracked)}`,
    );

    expect(grown).toBeLessThanOrEqual(1024 * 1024);
    expect(server.db.prepare('SELECT count(*) AS n FROM client_owners WHERE client >= 1000000 AND client < ?').get(next)).toEqual({ n: 0 });
    // A connection controls a few presence ids, not one per frame.
    expect(tracked.owners - trackedBefore.owners).toBeLessThanOrEqual(4);
    expect(tracked.presenceClocks - trackedBefore.presenceClocks).toBeLessThanOrEqual(4);
    ws.close();

    // Nor by reconnecting: each new socket may introduce a few ids, the invitation keeps a bounded number.
    for (let i = 0; i < 40; i++) {
      const again = new WebSocket(`${server.wsUrl}/collab/${id}?token=${observerToken}`);
      await new Promise((resolve) => again.once('open', resolve));
      again.send(freshPresence(next, 10));
      next += 10;
      await new Promise<void>((resolve) => {
        again.once('message', () => resolve());
        again.send(new Uint8Array([3]));
      });
      again.close();
      await new Promise((resolve) => again.once('close', resolve));
    }
    const afterChurn = room.trackedClients;
    console.log(`after 40 reconnects: tracked ${JSON.stringify(afterChurn)}`);
    expect(afterChurn.owners - trackedBefore.owners).toBeLessThanOrEqual(MAX_KEPT_CLAIMS_PER_GRANT + 4);
    expect(afterChurn.presenceClocks - trackedBefore.presenceClocks).toBeLessThanOrEqual(MAX_KEPT_CLAIMS_PER_GRANT + 4);

    // Someone else's presence still reaches the others.
    const person = connectClient(server.wsUrl, id, server.token);
    const watcher = connectClient(server.wsUrl, id, observerToken);
    await Promise.all([person.synced(), watcher.synced()]);
    person.provider.awareness.setLocalStateField('user', { name: 'Secrétariat' });
    await waitFor(
      () => (watcher.provider.awareness.getStates().get(person.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name === 'Secrétariat',
      'a real person’s presence',
    );
    person.destroy();
    watcher.destroy();
  }, 30_000);
});
