import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiClient } from '../helpers/api.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

/** GET /api/declarations with a token and extra headers (a proxy's X-Forwarded-For). */
async function list(server: TestServer, token: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${server.url}/api/declarations`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  await res.arrayBuffer();
  return res.status;
}

/** The HTTP status an upgrade on /collab is answered with (101 once the socket opens). */
function upgradeStatus(server: TestServer, id: string, token: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(token)}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

/** 256-bit-looking guesses, each with a different prefix, as a guesser would send. */
const guess = (i: number) => `guess${String(i).padStart(4, '0')}-${'x'.repeat(30)}`;

describe('bad tokens from everyone behind one proxy', () => {
  let server: TestServer;
  let id: string;
  let delegate: string;

  beforeAll(async () => {
    // Default limit (30 a minute), no trusted proxy: every request has the same socket address,
    // as every user has behind the README's nginx.
    server = await startTestServer();
    const api = apiClient(server.url, server.token);
    id = await api.createDeclaration('Limiter');
    const invite = await api.request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang: 'fr', name: 'Délégation' });
    delegate = (invite.body as { token: string }).token;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('never turn away a valid token, over HTTP or WebSocket, while unknown tokens keep being refused', async () => {
    for (let i = 0; i < 30; i++) expect(await list(server, guess(i))).toBe(401);
    // The 31st bad token, and every one after it, is refused as too many.
    expect(await list(server, guess(30))).toBe(429);
    expect(await upgradeStatus(server, id, guess(31))).toBe(429);
    // Valid tokens from the same address still work: the invitation and the secretariat.
    expect(await list(server, delegate)).toBe(200);
    expect(await list(server, server.token)).toBe(200);
    expect(await upgradeStatus(server, id, delegate)).toBe(101);
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${delegate}`);
    socket.close();
    // A forged X-Forwarded-For does not buy a fresh count when no proxy is trusted.
    expect(await list(server, guess(32), { 'x-forwarded-for': '198.51.100.77' })).toBe(429);
    // And bad tokens are still refused after the valid ones got in.
    expect(await list(server, guess(33))).toBe(429);
  });
});

describe('behind a trusted proxy', () => {
  let server: TestServer;
  let id: string;
  let delegate: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { ACCORD_TRUST_PROXY: '1' } });
    const api = apiClient(server.url, server.token);
    id = await api.createDeclaration('Limiter behind a proxy');
    const invite = await api.request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'Observateur' });
    delegate = (invite.body as { token: string }).token;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('counts failures by the client address the proxy forwarded, so one guesser blocks only itself', async () => {
    const guesser = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 30; i++) expect(await list(server, guess(100 + i), guesser)).toBe(401);
    expect(await list(server, guess(130), guesser)).toBe(429);
    expect(await upgradeStatus(server, id, guess(131), guesser)).toBe(429);
    // What the client itself wrote to the left of the proxy's entry does not change its key.
    expect(await list(server, guess(132), { 'x-forwarded-for': `192.0.2.1, ${guesser['x-forwarded-for']}` })).toBe(429);
    // Someone else behind the same proxy with a mistyped link gets 401, not 429.
    expect(await list(server, guess(133), { 'x-forwarded-for': '198.51.100.20' })).toBe(401);
    // RFC 7239 Forwarded is read when X-Forwarded-For is absent.
    expect(await list(server, guess(134), { forwarded: 'for=203.0.113.7;proto=https' })).toBe(429);
    // A valid token works, also from the guesser's own address.
    expect(await list(server, delegate, guesser)).toBe(200);
    expect(await upgradeStatus(server, id, delegate, guesser)).toBe(101);
  });

  it('leaves a valid token working while bad tokens come from many addresses at once', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => list(server, guess(200 + i), { 'x-forwarded-for': `198.18.0.${i + 1}` })));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(await list(server, delegate, { 'x-forwarded-for': '198.18.1.1' })).toBe(200);
    expect(await upgradeStatus(server, id, delegate, { 'x-forwarded-for': '198.18.1.1' })).toBe(101);
  });

  it('limits one token prefix tried from many addresses', async () => {
    const prefix = 'aaaaaaaa';
    for (let i = 0; i < 30; i++) expect(await list(server, `${prefix}${i}`, { 'x-forwarded-for': `198.19.0.${i + 1}` })).toBe(401);
    expect(await list(server, `${prefix}-next`, { 'x-forwarded-for': '198.19.1.1' })).toBe(429);
    expect(await list(server, delegate, { 'x-forwarded-for': '198.19.1.1' })).toBe(200);
  });
});
