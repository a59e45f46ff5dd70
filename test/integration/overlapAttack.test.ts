import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { craftUpdate, type CraftedStruct } from '../helpers/craftUpdate.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { seedDeclaration } from '../helpers/seed.js';
import { storedBytes } from '../helpers/stored.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { FROZEN_KEY, readFrozen } from '../../shared/model/freeze.js';
import { META_MAP } from '../../shared/model/declaration.js';

// The room stays loaded, is never compacted, and the server writes nothing on its own (no
// aligner run, no checkpoint) while an attack is tried: the store must stay byte-identical.
const ENV = {
  ACCORD_IDLE_UNLOAD_MS: '600000',
  ACCORD_COMPACT_AFTER: '100000000',
  ACCORD_ALIGN_DEBOUNCE_MS: '60000',
  ACCORD_CHECKPOINT_IDLE_MS: '600000',
  ACCORD_CHECKPOINT_MAX_MS: '600000',
};

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: ENV });
});

afterAll(async () => {
  await server?.stop();
});

async function invite(id: string, body: object): Promise<string> {
  const res = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/invites`, body);
  expect(res.status).toBe(201);
  return (res.body as { token: string }).token;
}

/** The document as a reader holds it after syncing. */
async function readDoc(id: string): Promise<Y.Doc> {
  const reader = connectClient(server.wsUrl, id, server.token);
  await reader.synced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
  reader.destroy();
  return doc;
}

/**
 * An item of length 2 that starts at the last clock of `client` and says it goes into the
 * comments map: Yjs would integrate its second half after that client's last struct (wherever
 * that is) and delete that struct.
 */
function overlapAttack(client: number, lastClock: number): Uint8Array {
  const struct: CraftedStruct = { item: { any: [{ body: 'a' }, { body: 'b' }] }, at: { root: 'comments', key: 'thread-x' } };
  return craftUpdate([{ client, clock: lastClock, structs: [struct] }]);
}

async function sendAs(token: string, id: string, update: Uint8Array) {
  const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`);
  const verdict = await socket.send(update);
  socket.close();
  return verdict;
}

describe('structs that overlap what the server wrote', () => {
  it('cannot lift a freeze: the French delegation’s overlap of the freeze mark is refused, stores nothing, and the text stays frozen after a restart', async () => {
    const id = await seedDeclaration(server, 'Gel', { fr: ['Nous, collectivités.'], vi: ['Chúng tôi.'] });
    const fr = await invite(id, { role: 'delegation', lang: 'fr', name: 'Délégation française' });
    const freeze = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/freeze`, { override: 'Adopté en plénière' });
    expect(freeze.status).toBe(200);
    const doc = await readDoc(id);
    const mark = doc.getMap(META_MAP)._map.get(FROZEN_KEY)!;
    const serverClient = mark.id.client;
    // The freeze mark is the last thing the server wrote with that client id: the attack's target.
    expect(mark.id.clock).toBe(Y.getState(doc.store, serverClient) - 1);

    const before = storedBytes(server, id);
    expect(await sendAs(fr, id, overlapAttack(serverClient, mark.id.clock))).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
    // Content-free structs at the server's id are refused too: they would take its clocks.
    const state = Y.getState(doc.store, serverClient);
    expect(await sendAs(fr, id, craftUpdate([{ client: serverClient, clock: state, structs: [{ gc: 2 }] }]))).toMatchObject({
      kind: 'closed',
      code: CloseCode.Forbidden,
    });
    expect(await sendAs(fr, id, craftUpdate([{ client: serverClient, clock: state, structs: [{ skip: 2 }] }]))).toMatchObject({
      kind: 'closed',
      code: CloseCode.Forbidden,
    });
    expect(storedBytes(server, id)).toBe(before);
    expect(readFrozen(await readDoc(id))).not.toBeNull();

    // Restart on data whose server-written ids have no recorded owner (as data older than
    // client-id ownership, or an import): the room makes them the server's when it loads.
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, env: ENV });
    server.db.prepare('DELETE FROM client_owners WHERE doc_id = ?').run(id);
    const reloaded = await readDoc(id);
    expect(readFrozen(reloaded)).not.toBeNull();
    const lastStruct = Y.getState(reloaded.store, serverClient) - 1;
    const beforeAgain = storedBytes(server, id);
    expect(await sendAs(fr, id, overlapAttack(serverClient, lastStruct))).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
    expect(storedBytes(server, id)).toBe(beforeAgain);
    expect(readFrozen(await readDoc(id))).not.toBeNull();
  });

  it('cannot take away a Vietnamese paragraph’s id that the server gave', async () => {
    const id = await seedDeclaration(server, 'Ids', { fr: ['Article premier.'], vi: ['Điều một.'] });
    const fr = await invite(id, { role: 'delegation', lang: 'fr', name: 'Délégation française' });
    const vi = await invite(id, { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' });
    // The Vietnamese delegation adds a paragraph without an id: the server gives it one, as its last write.
    const writer = connectClient(server.wsUrl, id, vi);
    await writer.synced();
    const added = new Y.XmlElement('paragraph');
    added.insert(0, [new Y.XmlText('Điều hai.')]);
    writer.doc.getXmlFragment('text:vi').insert(1, [added]);
    await waitFor(() => typeof added.getAttribute('pid') === 'string', 'the new paragraph’s id from the server');
    writer.destroy();
    const doc = await readDoc(id);
    const paragraph = doc.getXmlFragment('text:vi').get(1) as Y.XmlElement;
    const pid = paragraph.getAttribute('pid');
    const pidItem = paragraph._map.get('pid')!;
    expect(pidItem.id.clock).toBe(Y.getState(doc.store, pidItem.id.client) - 1);

    const before = storedBytes(server, id);
    expect(await sendAs(fr, id, overlapAttack(pidItem.id.client, pidItem.id.clock))).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
    expect(storedBytes(server, id)).toBe(before);
    expect(((await readDoc(id)).getXmlFragment('text:vi').get(1) as Y.XmlElement).getAttribute('pid')).toBe(pid);
  });
});
