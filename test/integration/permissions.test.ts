import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { apiClient } from '../helpers/api.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { storedBytes as storedBytesOf, storedDoc as storedDocOf } from '../helpers/stored.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { plainText } from '../../shared/model/documentText.js';
import type { Role } from '../../shared/model/access.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { addRowComment } from '../../shared/negotiation/comments.js';
import { commentAuthorFor } from '../../shared/negotiation/commentRules.js';

let server: TestServer;
let id: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // The room stays loaded and is never compacted here, so that the only rows a client can add
  // to the log are its own: the server's own writes (aligner, ids) are told apart by author.
  server = await startTestServer({ env: { ACCORD_MAX_CONNECTIONS_PER_TOKEN: '5', ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_COMPACT_AFTER: '100000000' } });
  id = await seedDeclaration(server, 'Permissions', { fr: ['Nous, collectivités.', 'Article 2.'], vi: ['Chúng tôi.', 'Điều 2.'] });
  const api = apiClient(server.url, server.token);
  for (const [key, body] of Object.entries({
    frDelegation: { role: 'delegation', lang: 'fr', name: 'Délégation française' },
    viSignatory: { role: 'signatory', lang: 'vi', name: 'Người ký Việt Nam' },
    observer: { role: 'observer', name: 'Observateur' },
    secretariat2: { role: 'secretariat', name: 'Secrétariat adjoint' },
  })) {
    const res = await api.request('POST', `/api/declarations/${id}/invites`, body);
    expect(res.status).toBe(201);
    tokens[key] = (res.body as { token: string }).token;
  }
});

afterAll(async () => {
  await server?.stop();
});

/** Every byte clients have had stored (rows written by a connection), and every snapshot. */
function storedBytes(): string {
  return storedBytesOf(server, undefined, { clientsOnly: true });
}

/** The current document, as a client would hold it after syncing. */
async function currentDoc(): Promise<Y.Doc> {
  const c = connectClient(server.wsUrl, id, server.token);
  await c.synced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.doc));
  c.destroy();
  return doc;
}

type Edit = 'text:fr' | 'text:vi' | 'delete:vi' | 'alignment' | 'rowState' | 'comments';

/** Who each invitation is: a comment is written in its own name (shared/negotiation/commentRules.ts). */
const IDENTITIES: Record<string, { role: Role; name: string }> = {
  frDelegation: { role: { kind: 'delegation', lang: 'fr' as LanguageCode }, name: 'Délégation française' },
  viSignatory: { role: { kind: 'signatory', lang: 'vi' as LanguageCode }, name: 'Người ký Việt Nam' },
  observer: { role: { kind: 'observer' }, name: 'Observateur' },
  secretariat2: { role: { kind: 'secretariat' }, name: 'Secrétariat adjoint' },
};
let commentsWritten = 0;

/** Builds, with the yjs API, an update that makes one kind of edit (a comment as `who`). */
function makeEdit(doc: Y.Doc, edit: Edit, who = 'secretariat2'): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const firstText = (lang: string) => (doc.getXmlFragment(`text:${lang}`).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  switch (edit) {
    case 'text:fr':
      firstText('fr').insert(0, 'x');
      break;
    case 'text:vi':
      firstText('vi').insert(0, 'x');
      break;
    case 'delete:vi':
      firstText('vi').delete(0, 1);
      break;
    case 'alignment':
      doc.getMap('alignment').set('link', 'manual');
      break;
    case 'rowState':
      doc.getMap('rowState').set('row', { status: 'agreed', confirmed: null });
      break;
    case 'comments': {
      const pid = (doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).getAttribute('pid')!;
      const { role, name } = IDENTITIES[who]!;
      addRowComment(doc, { id: `thread-${++commentsWritten}`, pids: [pid], author: commentAuthorFor(role, name), text: 'Un commentaire.', at: Date.now() });
      break;
    }
  }
  return Y.encodeStateAsUpdate(doc, before);
}

const socketUrl = (token: string, declaration = id) => `${server.wsUrl}/collab/${declaration}?token=${encodeURIComponent(token)}`;

describe('roles on the collaboration socket', () => {
  const matrix: [string, Edit, boolean][] = [];
  const allowed: Record<string, Edit[]> = {
    secretariat2: ['text:fr', 'text:vi', 'delete:vi', 'alignment', 'rowState', 'comments'],
    frDelegation: ['text:fr', 'comments'],
    viSignatory: ['text:vi', 'delete:vi', 'comments'],
    observer: [],
  };
  for (const role of Object.keys(allowed)) {
    for (const edit of ['text:fr', 'text:vi', 'delete:vi', 'alignment', 'rowState', 'comments'] as Edit[]) {
      matrix.push([role, edit, allowed[role]!.includes(edit)]);
    }
  }

  it.each(matrix)('%s writing %s: accepted=%s, and a refusal changes nothing', async (role, edit, accepted) => {
    const doc = await currentDoc();
    const update = makeEdit(doc, edit, role);
    const before = storedBytes();
    const socket = await RawSocket.open(socketUrl(tokens[role]!));
    const verdict = await socket.send(update);
    socket.close();
    if (accepted) {
      expect(verdict).toEqual({ kind: 'stored' });
    } else {
      expect(verdict).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
      if (verdict.kind === 'closed') expect(verdict.denied).toMatch(/writes to/);
      expect(storedBytes()).toBe(before);
    }
  });

  it('lets observers publish presence', async () => {
    const watcher = connectClient(server.wsUrl, id, server.token);
    const observer = connectClient(server.wsUrl, id, tokens.observer!);
    await Promise.all([watcher.synced(), observer.synced()]);
    observer.provider.awareness.setLocalStateField('user', { name: 'Observateur' });
    await waitFor(
      () => [...watcher.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Observateur'),
      'the observer in the watcher’s presence',
    );
    watcher.destroy();
    observer.destroy();
  });

  it('refuses every random update of a delegation that strays outside its language, leaving the store byte-identical', async () => {
    let refused = 0;
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            lang: fc.constantFrom('fr', 'vi'),
            op: fc.constantFrom('insert', 'delete', 'paragraph'),
            at: fc.nat(50),
            text: fc.string({ minLength: 1, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (ops) => {
          const doc = await currentDoc();
          const before = Y.encodeStateVector(doc);
          doc.transact(() => {
            for (const o of ops) {
              const fragment = doc.getXmlFragment(`text:${o.lang}`);
              const p = fragment.get(o.at % fragment.length) as Y.XmlElement;
              const text = p.get(0) as Y.XmlText;
              if (o.op === 'insert') text.insert(o.at % (text.length + 1), o.text);
              else if (o.op === 'delete' && text.length > 1) text.delete(o.at % text.length, 1);
              else if (o.op === 'paragraph') {
                const added = new Y.XmlElement('paragraph');
                added.insert(0, [new Y.XmlText(o.text)]);
                fragment.insert(fragment.length, [added]);
              }
            }
          });
          const update = Y.encodeStateAsUpdate(doc, before);
          const bytes = storedBytes();
          const storedBefore = storedDoc();
          const socket = await RawSocket.open(socketUrl(tokens.frDelegation!));
          const verdict = await socket.send(update);
          socket.close();
          if (verdict.kind === 'closed') {
            refused++;
            expect(verdict.code).toBe(CloseCode.Forbidden);
            expect(storedBytes()).toBe(bytes);
          } else {
            stored++;
            // Only French was written: the Vietnamese text is what it was.
            const vi = (d: Y.Doc) =>
              d
                .getXmlFragment('text:vi')
                .toArray()
                .map((e) => plainText(e as Y.XmlElement))
                .join('|');
            expect(vi(await currentDoc())).toBe(vi(storedBefore));
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(refused).toBeGreaterThan(0);
    expect(stored).toBeGreaterThan(0);
  });
});

/** The whole stored document, rebuilt from the database. */
function storedDoc(): Y.Doc {
  return storedDocOf(server, id);
}

describe('invitations and access', () => {
  it('closes a live socket within a second of its invitation being revoked', async () => {
    const api = apiClient(server.url, server.token);
    const res = await api.request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang: 'vi', name: 'À révoquer' });
    const { token, id: grantId } = res.body as { token: string; id: string };
    const socket = await RawSocket.open(socketUrl(token));
    const started = Date.now();
    expect((await api.request('DELETE', `/api/declarations/${id}/invites/${grantId}`)).status).toBe(200);
    const closed = await socket.whenClosed();
    expect(closed.code).toBe(CloseCode.Unauthorized);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(RawSocket.open(socketUrl(token))).rejects.toThrow('401');
  });

  it('lets only the secretariat invite, and an invitation opens only its own declaration', async () => {
    const asDelegate = apiClient(server.url, tokens.frDelegation!);
    expect((await asDelegate.request('POST', `/api/declarations/${id}/invites`, { role: 'observer', name: 'x' })).status).toBe(403);
    expect((await asDelegate.request('GET', `/api/declarations/${id}/invites`)).status).toBe(403);
    expect((await asDelegate.request('POST', '/api/declarations', { title: 'x', languages: ['fr', 'vi'] })).status).toBe(403);
    const other = await apiClient(server.url, server.token).createDeclaration('Autre');
    expect((await asDelegate.request('GET', `/api/declarations/${other}`)).status).toBe(403);
    await expect(RawSocket.open(socketUrl(tokens.frDelegation!, other))).rejects.toThrow('403');
    const list = (await asDelegate.request('GET', '/api/declarations')).body as { id: string }[];
    expect(list.map((d) => d.id)).toEqual([id]);
    // A delegation must belong to one of the declaration's languages.
    const bad = await apiClient(server.url, server.token).request('POST', `/api/declarations/${id}/invites`, { role: 'delegation', lang: 'ja', name: 'x' });
    expect(bad.status).toBe(400);
  });

  it('exchanges a link’s token for an http-only session cookie', async () => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokens.viSignatory }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toMatchObject({ name: 'Người ký Việt Nam', role: { kind: 'signatory', lang: 'vi' } });
    // The socket accepts the cookie too.
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}`, { cookie: cookie.split(';')[0]! });
    socket.close();
  });

  it('records who changed a paragraph', async () => {
    const delegate = connectClient(server.wsUrl, id, tokens.frDelegation!);
    await delegate.synced();
    const p = delegate.doc.getXmlFragment('text:fr').get(1) as Y.XmlElement;
    const pid = p.getAttribute('pid')!;
    (p.get(0) as Y.XmlText).insert(0, 'Modifié : ');
    await waitFor(() => false, 'nothing', 300).catch(() => undefined);
    const history = await apiClient(server.url, server.token).request('GET', `/api/declarations/${id}/paragraphs/${pid}/history`);
    expect(history.status).toBe(200);
    expect((history.body as { name: string }[])[0]?.name).toBe('Délégation française');
    delegate.destroy();
  });

  it('refuses more connections per invitation than configured', async () => {
    const sockets = await Promise.all(Array.from({ length: 5 }, () => RawSocket.open(socketUrl(tokens.observer!))));
    await expect(RawSocket.open(socketUrl(tokens.observer!))).rejects.toThrow('429');
    for (const s of sockets) s.close();
  });
});

describe('guessing tokens', () => {
  it('refuses unknown tokens after a few failures from one address, while a valid token still works', async () => {
    const limited = await startTestServer({ env: { ACCORD_AUTH_FAILURES_PER_MINUTE: '5' } });
    try {
      for (let i = 0; i < 5; i++) expect((await apiClient(limited.url, `guess-${i}`).request('GET', '/api/declarations')).status).toBe(401);
      expect((await apiClient(limited.url, 'guess-6').request('GET', '/api/declarations')).status).toBe(429);
      expect((await apiClient(limited.url, limited.token).request('GET', '/api/declarations')).status).toBe(200);
      const upgrade = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${limited.wsUrl}/collab/whatever1?token=nope`);
        ws.on('unexpected-response', (_q, r) => resolve(r.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
      expect(upgrade).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe('what one delegation cannot do to another', () => {
  it('never gets a delegation refused when another language gains a paragraph without an id', async () => {
    const { ensureParagraphIds, textFragmentNames } = await import('../../shared/model/paragraphIds.js');
    const { canWriteRoot } = await import('../../shared/model/access.js');
    const fr = connectClient(server.wsUrl, id, tokens.frDelegation!);
    const vi = connectClient(server.wsUrl, id, tokens.viSignatory!);
    await Promise.all([fr.synced(), vi.synced()]);
    // Each client gives ids as the app does: only where its role may write.
    const role = { kind: 'signatory', lang: 'vi' } as const;
    vi.doc.on('afterTransaction', () =>
      queueMicrotask(() => ensureParagraphIds(vi.doc, textFragmentNames(vi.doc), 'fix', (root) => canWriteRoot(role as never, root))),
    );
    let closedWith: number | null = null;
    vi.provider.on('connection-close', (e) => (closedWith = e?.code ?? null));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Un paragraphe ajouté par scission.')]);
    fr.doc.getXmlFragment('text:fr').insert(1, [p]);
    await waitFor(
      () =>
        vi.doc
          .getXmlFragment('text:fr')
          .toArray()
          .some((e) => plainText(e as Y.XmlElement).includes('scission') && !!(e as Y.XmlElement).getAttribute('pid')),
      'the new French paragraph, with its id, at the Vietnamese signatory',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(closedWith).toBe(null);
    fr.destroy();
    vi.destroy();
  });

  it('refuses an update written as another person’s Yjs client', async () => {
    const vi = connectClient(server.wsUrl, id, tokens.viSignatory!);
    await vi.synced();
    ((vi.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Đ ');
    const witness = connectClient(server.wsUrl, id, server.token);
    await witness.synced();
    await waitFor(() => plainText(witness.doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).startsWith('Đ '), 'the signatory’s edit stored');
    witness.destroy();
    // The French delegation forges the Vietnamese signatory's client id, in its own language.
    const forged = await currentDoc();
    forged.clientID = vi.doc.clientID;
    const update = makeEdit(forged, 'text:fr');
    const before = storedBytes();
    const socket = await RawSocket.open(socketUrl(tokens.frDelegation!));
    const verdict = await socket.send(update);
    socket.close();
    expect(verdict).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
    expect(storedBytes()).toBe(before);
    vi.destroy();
  });

  it('lets no one write objections over the socket: the server records them (POST …/objections)', async () => {
    const doc = await currentDoc();
    const sv = Y.encodeStateVector(doc);
    doc.getArray('objections').push([{ circulationId: 'c', rowKey: 'r', pids: {}, delegation: 'vi', name: 'x', text: 'Non.', at: 1 }]);
    const add = Y.encodeStateAsUpdate(doc, sv);
    for (const role of ['viSignatory', 'frDelegation', 'secretariat2']) {
      const before = storedBytes();
      const adder = await RawSocket.open(socketUrl(tokens[role]!));
      expect(await adder.send(add)).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
      adder.close();
      expect(storedBytes()).toBe(before);
    }
  });
});

describe('presence', () => {
  it('ignores a change to another person’s presence and keeps theirs', async () => {
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const { encodeAwarenessFrame } = await import('../../shared/protocol/frames.js');
    const victim = connectClient(server.wsUrl, id, tokens.viSignatory!);
    const watcher = connectClient(server.wsUrl, id, server.token);
    await Promise.all([victim.synced(), watcher.synced()]);
    victim.provider.awareness.setLocalStateField('user', { name: 'Người ký Việt Nam' });
    const nameOf = () => (watcher.provider.awareness.getStates().get(victim.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name;
    await waitFor(() => nameOf() === 'Người ký Việt Nam', 'the victim’s presence');
    const fake = new Y.Doc();
    fake.clientID = victim.doc.clientID;
    const awareness = new Awareness(fake);
    for (let i = 0; i < 5; i++) awareness.setLocalState({ user: { name: 'Imposteur' } });
    const frame = encodeAwarenessFrame(encodeAwarenessUpdate(awareness, [fake.clientID]));
    awareness.destroy();
    const ws = new WebSocket(socketUrl(tokens.frDelegation!));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(frame);
    await new Promise((r) => setTimeout(r, 300));
    expect(nameOf()).toBe('Người ký Việt Nam');
    ws.close();
    victim.destroy();
    watcher.destroy();
  });
});
