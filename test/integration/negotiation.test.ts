import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { readCirculations } from '../../shared/negotiation/circulation.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const api = () => apiClient(server.url, server.token);

async function delegateToken(id: string, lang: string): Promise<string> {
  const res = await api().request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang, name: `Délégation ${lang}` });
  return (res.body as { token: string }).token;
}

async function outcomeOf(id: string, circulationId: string): Promise<string | null> {
  const c = connectClient(server.wsUrl, id, server.token);
  await c.synced();
  const found = readCirculations(c.doc).find((x) => x.id === circulationId);
  c.destroy();
  return found?.outcome ?? null;
}

describe('the silence procedure', () => {
  it('records a circulated version as objected when a delegation objects before the deadline', async () => {
    const id = await seedDeclaration(server, 'Silence 1', { fr: ['Un.'], vi: ['Một.'] });
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.2' });
    const res = await api().request('POST', `/api/declarations/${id}/circulations`, { version: 1, deadline: Date.now() + 3000 });
    expect(res.status).toBe(201);
    const circulation = res.body as { id: string; deadline: number };
    const token = await delegateToken(id, 'vi');
    const delegate = connectClient(server.wsUrl, id, token);
    await delegate.synced();
    await waitFor(() => readCirculations(delegate.doc).length === 1, 'the circulation at the delegation');
    const object = (text: string) =>
      apiClient(server.url, token).request('POST', `/api/declarations/${id}/objections`, { circulationId: circulation.id, rowKey: 'r', pids: {}, text });
    expect((await object('Chúng tôi phản đối đoạn 1.')).status).toBe(201);
    await waitFor(() => readCirculations(delegate.doc)[0]?.outcome !== null, 'the deadline', 10_000);
    expect(readCirculations(delegate.doc)[0]).toMatchObject({ outcome: 'objected', objections: 1 });
    // Once closed, an objection is refused.
    expect((await object('Trễ.')).status).toBe(409);
    delegate.destroy();
  });

  it('records adoption by silence when nobody objects, even across a restart past the deadline', async () => {
    const id = await seedDeclaration(server, 'Silence 2', { fr: ['Un.'], vi: ['Một.'] });
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.3' });
    const res = await api().request('POST', `/api/declarations/${id}/circulations`, { version: 1, deadline: new Date(Date.now() + 700).toISOString() });
    const circulationId = (res.body as { id: string }).id;
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    await new Promise((r) => setTimeout(r, 800));
    server = await startTestServer({ dataDir });
    await waitFor(() => false, 'settling', 300).catch(() => undefined);
    expect(await outcomeOf(id, circulationId)).toBe('adopted-by-silence');
  });

  it('refuses a circulation of a version that does not exist or a deadline in the past', async () => {
    const id = await seedDeclaration(server, 'Silence 3', { fr: ['Un.'], vi: ['Một.'] });
    expect((await api().request('POST', `/api/declarations/${id}/circulations`, { version: 7, deadline: Date.now() + 1000 })).status).toBe(400);
    await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    expect((await api().request('POST', `/api/declarations/${id}/circulations`, { version: 1, deadline: Date.now() - 1000 })).status).toBe(400);
    const token = await delegateToken(id, 'fr');
    expect(
      (await apiClient(server.url, token).request('POST', `/api/declarations/${id}/circulations`, { version: 1, deadline: Date.now() + 1000 })).status,
    ).toBe(403);
  });
});
void Y;

describe('comments on the server', () => {
  it('survive a restart and are refused to observers', async () => {
    const { addRowComment } = await import('../../shared/negotiation/comments.js');
    const { readThreads } = await import('../../shared/negotiation/commentThreads.js');
    const id = await seedDeclaration(server, 'Commentaires durables', { fr: ['Un.'], vi: ['Một.'] });
    const delegate = connectClient(server.wsUrl, id, await delegateToken(id, 'fr'));
    await delegate.synced();
    const pid = (delegate.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).getAttribute('pid')!;
    expect(
      addRowComment(delegate.doc, { id: 'thread1', pids: [pid], author: { name: 'Délégation fr', delegation: 'fr' }, text: 'Une question.', at: Date.now() })
        .ok,
    ).toBe(true);
    const witness = connectClient(server.wsUrl, id, server.token);
    await witness.synced();
    await waitFor(() => readThreads(witness.doc).length === 1, 'the comment stored');
    witness.destroy();
    delegate.destroy();
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const reader = connectClient(server.wsUrl, id, server.token);
    await reader.synced();
    expect(readThreads(reader.doc).map((t) => t.messages[0]!.text)).toEqual(['Une question.']);
    reader.destroy();

    const observerToken = ((await api().request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'Obs' })).body as { token: string }).token;
    const observer = connectClient(server.wsUrl, id, observerToken);
    await observer.synced();
    const closed = new Promise<number>((resolve) => observer.provider.on('closed', (e: { code: number }) => resolve(e.code)));
    addRowComment(observer.doc, { id: 'thread2', pids: [pid], author: { name: 'Obs', delegation: 'observer' }, text: 'Non.', at: Date.now() });
    expect(await closed).toBe(4403);
    observer.destroy();
  });
});
