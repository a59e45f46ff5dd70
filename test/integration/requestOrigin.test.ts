import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let id: string;
let scopedSecretariat: string;
/** `accord_session=…` for the bootstrap secretariat, as the browser holds it after opening its link. */
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const api = apiClient(server.url, server.token);
  id = await api.createDeclaration('Origine');
  const invite = await api.request('POST', `/api/declarations/${id}/invites`, { role: 'secretariat', name: 'Secrétariat adjoint' });
  scopedSecretariat = (invite.body as { token: string }).token;
  const session = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ token: server.token }),
  });
  expect(session.status).toBe(200);
  cookie = session.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await server?.stop();
});

async function post(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(server.url + path, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const EVIL = 'https://evil.example';

describe('a secretariat invitation scoped to one declaration', () => {
  it('cannot create declarations, import drafts or list other declarations', async () => {
    const scoped = apiClient(server.url, scopedSecretariat);
    expect((await scoped.request('POST', '/api/declarations', { title: 'Nouvelle', languages: ['fr', 'vi'] })).status).toBe(403);
    const sources = [{ lang: 'fr', text: 'Nous, collectivités territoriales.' }];
    expect((await scoped.request('POST', '/api/declarations/import', { title: 'Importée', languages: ['fr'], sources })).status).toBe(403);
    expect((await scoped.request('POST', '/api/imports/preview', { languages: ['fr'], sources })).status).toBe(403);
    const other = await apiClient(server.url, server.token).createDeclaration('Autre');
    const listed = (await scoped.request('GET', '/api/declarations')).body as { id: string }[];
    expect(listed.map((d) => d.id)).toEqual([id]);
    expect(listed.map((d) => d.id)).not.toContain(other);
    // Within its own declaration it still does the secretariat's work.
    expect((await scoped.request('POST', `/api/declarations/${id}/versions`, { label: 'Atelier' })).status).toBe(201);
    // The bootstrap token still creates.
    expect(
      (await apiClient(server.url, server.token).request('POST', '/api/declarations', { title: 'Par le secrétariat', languages: ['fr', 'vi'] })).status,
    ).toBe(201);
  });
});

describe('state-changing requests signed in by cookie', () => {
  it('refuses a text/plain post from another site, and accepts the same request from the app as JSON', async () => {
    const body = JSON.stringify({ title: 'Forgée', languages: ['fr', 'vi'] });
    // What a form or fetch(no-cors) on another site makes the victim's browser send.
    const forged = await post('/api/declarations', { cookie, origin: EVIL, 'content-type': 'text/plain;charset=UTF-8' }, body);
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: 'forbidden', reason: 'origin' });
    // Same site, but not JSON: refused too.
    expect((await post('/api/declarations', { cookie, origin: server.url, 'content-type': 'text/plain' }, body)).status).toBe(415);
    // A cookie without any Origin is not a request the app sends.
    expect((await post('/api/declarations', { cookie, 'content-type': 'application/json' }, body)).status).toBe(403);
    const fromApp = await post('/api/declarations', { cookie, origin: server.url, 'content-type': 'application/json' }, body);
    expect(fromApp.status).toBe(201);
    const titles = ((await apiClient(server.url, server.token).request('GET', '/api/declarations')).body as { title: string }[]).map((d) => d.title);
    expect(titles.filter((t) => t === 'Forgée')).toHaveLength(1);
  });

  it('refuses a body-less write and a delete from another site', async () => {
    const invite = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'Observateur' });
    const grant = (invite.body as { id: string }).id;
    const res = await fetch(`${server.url}/api/declarations/${id}/invites/${grant}`, { method: 'DELETE', headers: { cookie, origin: EVIL } });
    expect(res.status).toBe(403);
    // The invitation still works.
    expect((await apiClient(server.url, (invite.body as { token: string }).token).request('GET', '/api/me')).status).toBe(200);
    const logout = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie, origin: EVIL } });
    expect(logout.status).toBe(403);
  });

  it('refuses signing a browser in from another site (login forgery)', async () => {
    const forged = await post('/api/session', { origin: EVIL, 'content-type': 'text/plain' }, JSON.stringify({ token: scopedSecretariat }));
    expect(forged.status).toBe(403);
    const asJson = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/json' },
      body: JSON.stringify({ token: scopedSecretariat }),
    });
    expect(asJson.status).toBe(403);
    expect(asJson.headers.get('set-cookie')).toBeNull();
  });

  it('leaves bearer-token clients (the CLI) as they were, whatever Origin they send', async () => {
    const res = await post(
      '/api/declarations',
      { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      JSON.stringify({ title: 'CLI', languages: ['fr', 'vi'] }),
    );
    expect(res.status).toBe(201);
    const withOrigin = await post(
      '/api/declarations',
      { authorization: `Bearer ${server.token}`, origin: EVIL, 'content-type': 'application/json' },
      JSON.stringify({ title: 'Script', languages: ['fr', 'vi'] }),
    );
    expect(withOrigin.status).toBe(201);
  });
});
