import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeSyncStep1Frame, type Frame, parseFrame } from '../../shared/protocol/frames.js';
import { apiClient } from '../helpers/api.js';
import { storedDoc, storedSnapshotCount, storedUpdateCount } from '../helpers/stored.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';

// The first client after a restart: answered from the stored snapshot while the room is built,
// and never with anything but what is stored.

let server: TestServer | null = null;
const clients: YClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  await server?.stop();
  server = null;
});

function client(s: TestServer, id: string): YClient {
  const c = connectClient(s.wsUrl, id, s.token);
  clients.push(c);
  return c;
}

const textOf = (doc: Y.Doc) => doc.getText('probe:fr').toString();

/** A bare socket that sends a sync step 1 with `doc`'s state vector and records every frame the server sends, in order. */
function rawSync(s: TestServer, id: string, doc: Y.Doc): Promise<{ frames: Frame[]; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${s.wsUrl}/collab/${id}?token=${s.token}`);
    sockets.push(socket);
    const frames: Frame[] = [];
    socket.on('message', (data: Buffer) => frames.push(parseFrame(new Uint8Array(data))));
    socket.on('open', () => {
      socket.send(encodeSyncStep1Frame(Y.encodeStateVector(doc)));
      resolve({ frames, socket });
    });
    socket.on('error', reject);
  });
}

/** A declaration with `text` typed by one client, stored as a snapshot alone by a clean restart. */
async function restartedWith(text: string): Promise<{ id: string; typed: Y.Doc }> {
  server = await startTestServer();
  const id = await apiClient(server.url, server.token).createDeclaration('Cold load');
  const writer = client(server, id);
  await writer.synced();
  for (const word of text.split(' ')) writer.doc.getText('probe:fr').insert(textOf(writer.doc).length, `${word} `);
  await waitFor(() => textOf(storedDoc(server!, id)) === textOf(writer.doc), 'the text stored');
  const typed = new Y.Doc();
  Y.applyUpdate(typed, Y.encodeStateAsUpdate(writer.doc));
  writer.destroy();
  clients.splice(0);
  const dataDir = server.dataDir;
  await server.stop({ keepData: true });
  server = await startTestServer({ dataDir });
  expect(storedSnapshotCount(server)).toBeGreaterThan(0);
  expect(storedUpdateCount(server, id)).toBe(0);
  return { id, typed };
}

const kinds = (frames: Frame[]) => frames.map((f) => f.kind);

describe('the first client after a restart', () => {
  it('gets the whole stored document before the room is built, then the room’s own sync', async () => {
    const { id, typed } = await restartedWith('Les parties conviennent de renforcer la coopération');
    const { frames } = await rawSync(server!, id, new Y.Doc());
    await waitFor(() => frames.some((f) => f.kind === 'sync-step1'), 'the room’s sync step 1');
    // The snapshot answers first: the room (whose state vector the step 1 carries) comes after.
    expect(kinds(frames).slice(0, 2)).toEqual(['sync-step2', 'sync-step1']);
    const received = new Y.Doc();
    Y.applyUpdate(received, (frames[0] as Extract<Frame, { kind: 'sync-step2' }>).update);
    expect(textOf(received)).toBe(textOf(typed));
    expect(Y.encodeStateVector(received)).toEqual(Y.encodeStateVector(typed));
  });

  it('gets the server’s state first, then only what it lacks, when it already holds part of the document', async () => {
    server = await startTestServer();
    const id = await apiClient(server.url, server.token).createDeclaration('Cold load');
    const writer = client(server, id);
    await writer.synced();
    writer.doc.getText('probe:fr').insert(0, 'x'.repeat(20_000));
    await waitFor(() => textOf(storedDoc(server!, id)).length === 20_000, 'the long text stored');
    const held = new Y.Doc();
    Y.applyUpdate(held, Y.encodeStateAsUpdate(writer.doc));
    writer.doc.getText('probe:fr').insert(0, 'Préambule. ');
    await waitFor(() => textOf(storedDoc(server!, id)).startsWith('Préambule. '), 'the preamble stored');
    writer.destroy();
    clients.splice(0);
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });

    const { frames } = await rawSync(server, id, held);
    await waitFor(() => frames.some((f) => f.kind === 'sync-step2'), 'the sync step 2');
    // The room's sync step 1 first: a client sends its own changes in reply to it, and takes
    // "synced" (the step 2) to mean it has sent them.
    expect(kinds(frames)[0]).toBe('sync-step1');
    const step2 = frames.find((f) => f.kind === 'sync-step2') as Extract<Frame, { kind: 'sync-step2' }>;
    expect(step2.update.byteLength).toBeLessThan(1_000);
    Y.applyUpdate(held, step2.update);
    expect(textOf(held)).toBe(`Préambule. ${'x'.repeat(20_000)}`);
  });

  it('keeps the edits a client makes as soon as it is synced, and shows them to the next client', async () => {
    const { id } = await restartedWith('Article premier');
    const a = client(server!, id);
    await a.synced();
    a.doc.getText('probe:fr').insert(0, 'Vu la charte, ');
    const b = client(server!, id);
    await b.synced();
    await waitFor(() => textOf(b.doc) === 'Vu la charte, Article premier ', 'the edit at the second client');
    await waitFor(() => textOf(storedDoc(server!, id)) === 'Vu la charte, Article premier ', 'the edit stored');
  });

  it('gets the room’s sync step 1 even if it sends nothing (the room is built without waiting for it)', async () => {
    const { id } = await restartedWith('Article premier');
    const frames: Frame[] = [];
    const socket = new WebSocket(`${server!.wsUrl}/collab/${id}?token=${server!.token}`);
    sockets.push(socket);
    socket.on('message', (data: Buffer) => frames.push(parseFrame(new Uint8Array(data))));
    await waitFor(() => frames.some((f) => f.kind === 'sync-step1'), 'the room’s sync step 1', 2_000);
  });

  it('gets what was stored after the snapshot (a log left by a crash) too', async () => {
    const { id, typed } = await restartedWith('Article premier');
    // As a crash leaves it: updates in the log after the snapshot, and no room loaded yet.
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(typed));
    const before = Y.encodeStateVector(later);
    later.getText('probe:fr').insert(0, 'Considérant. ');
    await server!.documents.appendUpdate(id as never, Y.encodeStateAsUpdate(later, before), { accessId: null });
    const { frames } = await rawSync(server!, id, new Y.Doc());
    await waitFor(() => frames.some((f) => f.kind === 'sync-step2'), 'the sync step 2');
    // Snapshot and log together need the room: it answers after its own sync step 1.
    expect(kinds(frames)[0]).toBe('sync-step1');
    const received = new Y.Doc();
    Y.applyUpdate(received, (frames.find((f) => f.kind === 'sync-step2') as Extract<Frame, { kind: 'sync-step2' }>).update);
    expect(textOf(received)).toBe('Considérant. Article premier ');
  });
});
