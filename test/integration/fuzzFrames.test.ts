import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { apiClient } from '../helpers/api.js';
import { reportFuzz, runFrameFuzz } from '../helpers/frameFuzz.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';

describe('the collaboration socket under fuzzed frames', () => {
  it('closes every offending socket with a documented code, stays healthy, and leaves the document unchanged', async () => {
    const figures = await runFrameFuzz({ frames: 10_000, socketsPerBatch: 40, harmlessPerSocket: 9, maxMessageBytes: 4096 });
    reportFuzz('frame fuzz', figures);
    expect(figures.violations).toEqual([]);
    expect(figures.framesSent).toBeGreaterThanOrEqual(10_000);
    expect(figures.maxHealthMs).toBeLessThan(500);
    expect(figures.documentAfter.roots).toEqual(figures.documentBefore.roots);
    expect(figures.documentAfter.stateVector).toEqual(figures.documentBefore.stateVector);
    expect(figures.documentAfter.update === figures.documentBefore.update, 'the whole stored state is byte-identical').toBe(true);
  });
});

describe('content-free structs from a read-only socket', () => {
  let server: TestServer;
  let id: string;
  let observerToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    const api = apiClient(server.url, server.token);
    id = await api.createDeclaration('Shadowed clock range');
    const res = await api.request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'Observateur' });
    observerToken = (res.body as { token: string }).token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('cannot make the edits a writer made offline disappear', async () => {
    const writer = connectClient(server.wsUrl, id, server.token);
    await writer.synced();
    // Everyone sees the writer's client id (in presence); it goes offline and edits.
    const client = writer.doc.clientID;
    const clock = Y.getState(writer.doc.store, client);
    writer.provider.disconnect();
    writer.doc.getText('probe').insert(0, 'Article premier');

    // Meanwhile an observer sends one GC struct over that client's next clocks: no content, no root.
    const gc = encoding.createEncoder();
    for (const n of [1, 1, client, clock]) encoding.writeVarUint(gc, n);
    encoding.writeUint8(gc, 0);
    encoding.writeVarUint(gc, 1_000_000);
    encoding.writeVarUint(gc, 0);
    const observer = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${observerToken}`);
    const observerVerdict = await observer.send(encoding.toUint8Array(gc));
    observer.close();

    writer.provider.connect();
    await writer.synced();
    // The writer's own provider believes it is in sync; what does a fresh reader get?
    await new Promise((r) => setTimeout(r, 300));
    const reader = connectClient(server.wsUrl, id, server.token);
    await reader.synced();
    const text = reader.doc.getText('probe').toString();
    reader.destroy();
    const writerClient = writer.doc.clientID;
    try {
      writer.destroy();
    } catch {
      // y-websocket fails to say goodbye once yjs has changed the doc's client id (see below).
    }

    // `writerClient`: yjs gives a doc a new client id when a remote update writes to its own.
    expect({ observerVerdict: observerVerdict.kind === 'closed' ? observerVerdict.code : 'stored', text, writerClient }).toEqual({
      observerVerdict: CloseCode.Forbidden,
      text: 'Article premier',
      writerClient: client,
    });
  });
});
