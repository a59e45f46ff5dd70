import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { pollHealth } from '../helpers/healthPoller.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { seedDeclaration } from '../helpers/seed.js';
import { storedBytes } from '../helpers/stored.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { plainText } from '../../shared/model/documentText.js';

let server: TestServer;
let id: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_COMPACT_AFTER: '100000000' } });
  id = await seedDeclaration(server, 'Profondeur', { fr: ['Nous, collectivités.'], vi: ['Chúng tôi.'] });
  for (const [key, body] of Object.entries({
    fr: { role: 'delegation', lang: 'fr', name: 'Délégation française' },
    vi: { role: 'delegation', lang: 'vi', name: 'Đoàn Việt Nam' },
  })) {
    const res = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/invites`, body);
    tokens[key] = (res.body as { token: string }).token;
  }
});

afterAll(async () => {
  await server?.stop();
});

/** An update nesting `levels` list elements in the French text, each inside the one before. */
async function deepUpdate(levels: number): Promise<Uint8Array> {
  const reader = connectClient(server.wsUrl, id, server.token);
  await reader.synced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
  reader.destroy();
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('text:fr');
    for (let i = 0; i < levels; i++) {
      const child: Y.XmlElement = new Y.XmlElement(i % 2 === 0 ? 'bulletList' : 'listItem');
      parent.insert(parent.length, [child]);
      parent = child;
    }
    parent.insert(0, [new Y.XmlText('au fond')]);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

describe('an update nested deeper than the editor can hold', () => {
  it('is refused before it is applied, the server answers health within a second throughout, and editing goes on', async () => {
    const update = await deepUpdate(30_000);
    const before = storedBytes(server, id, { clientsOnly: true });
    const health = await pollHealth(server.url, 20);
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(tokens.fr!)}`);
    const verdict = await socket.send(update, 20_000);
    socket.close();
    // Others edit right after: the room was not poisoned, and their edits are stored under their name.
    const vi = connectClient(server.wsUrl, id, tokens.vi!);
    const fr = connectClient(server.wsUrl, id, tokens.fr!);
    await Promise.all([vi.synced(), fr.synced()]);
    let closed: number | null = null;
    for (const c of [vi, fr]) c.provider.on('connection-close', (e) => (closed = e?.code ?? null));
    ((vi.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Đ ');
    ((fr.doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Ainsi, ');
    const witness = connectClient(server.wsUrl, id, server.token);
    await witness.synced();
    await waitFor(
      () =>
        plainText(witness.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).startsWith('Đ ') &&
        plainText(witness.doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).startsWith('Ainsi, '),
      'both delegations’ edits at a third client',
    );
    const figures = await health.stop();
    expect(verdict.kind).toBe('closed');
    if (verdict.kind === 'closed') expect([CloseCode.Malformed, CloseCode.Forbidden]).toContain(verdict.code);
    expect(closed).toBe(null);
    expect(figures.failures).toBe(0);
    expect(figures.maxMs).toBeLessThan(1000);
    // Nothing of the deep update was stored: the French text holds one paragraph, as before.
    expect(witness.doc.getXmlFragment('text:fr').length).toBe(1);
    expect(storedBytes(server, id, { clientsOnly: true }).length).toBeGreaterThan(before.length);
    for (const c of [vi, fr, witness]) c.destroy();
  });
});
