import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { authorOf, forgedUpdates, invitePeople, type People, type Person } from '../helpers/forgedUpdates.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { waitFor } from '../helpers/yclient.js';
import { COMMENTS_MAP } from '../../shared/negotiation/commentModel.js';
import { addRowComment, reopen, reply, resolve } from '../../shared/negotiation/comments.js';
import { readThreads } from '../../shared/negotiation/commentThreads.js';
import { OBJECTIONS, readCirculations, readObjections, type Objection } from '../../shared/negotiation/circulation.js';

// Comments and objections as item 6 of issue 21 attacked them: raw sockets sending crafted
// updates, each refused whole (4403) with the store left byte-identical; and the legitimate
// flows of every role through stock y-websocket clients.

let server: TestServer;
let id: string;
let pids: { fr: string; vi: string };

const people = {} as People;
const { currentDoc, craft, expectRefused, connect } = forgedUpdates(() => ({ server, id }));

beforeAll(async () => {
  // Never compacted: the only log rows a client can add are its own (see forgedUpdates).
  server = await startTestServer({ env: { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_COMPACT_AFTER: '100000000' } });
  id = await seedDeclaration(server, 'Conversation', { fr: ['1. Nous coopérons.'], vi: ['1. Chúng tôi hợp tác.'] });
  Object.assign(people, await invitePeople(server, id));
  const doc = await currentDoc();
  const pidOf = (lang: string) => (doc.getXmlFragment(`text:${lang}`).get(0) as Y.XmlElement).getAttribute('pid')!;
  pids = { fr: pidOf('fr'), vi: pidOf('vi') };
});

afterAll(async () => {
  await server?.stop();
});

const thread = (doc: Y.Doc, threadId: string) => doc.getMap<Y.Map<unknown>>(COMMENTS_MAP).get(threadId)!;

describe('comments: each person writes only their own', () => {
  it('lets each delegation and the secretariat comment, reply, resolve and reopen, live for everyone', async () => {
    const fr = await connect(people.fr);
    const vi = await connect(people.vi);
    const sec = await connect(people.secretariat);
    expect(
      addRowComment(fr.doc, {
        id: 'legit',
        pids: [pids.fr, pids.vi],
        author: authorOf(people.fr),
        text: 'Le terme couvre-t-il la coopération décentralisée ?',
        at: Date.now(),
      }).ok,
    ).toBe(true);
    await waitFor(() => readThreads(vi.doc).some((t) => t.id === 'legit'), 'the comment at the Vietnamese signatory');
    expect(reply(vi.doc, 'legit', { id: 'r-vi', author: authorOf(people.vi), text: 'Có.', at: Date.now() }).ok).toBe(true);
    expect(resolve(vi.doc, 'legit', { by: authorOf(people.vi), at: Date.now() }).ok).toBe(true);
    await waitFor(() => readThreads(fr.doc).find((t) => t.id === 'legit')?.status === 'resolved', 'the resolution at the French delegation');
    expect(reopen(fr.doc, 'legit').ok).toBe(true);
    await waitFor(() => readThreads(sec.doc).find((t) => t.id === 'legit')?.status === 'open', 'the reopening at the secretariat');
    expect(reply(sec.doc, 'legit', { id: 'r-sec', author: authorOf(people.secretariat), text: 'Le secrétariat prend note.', at: Date.now() }).ok).toBe(true);
    expect(resolve(sec.doc, 'legit', { by: authorOf(people.secretariat), at: Date.now() }).ok).toBe(true);
    // The bootstrap token writes as its principal: "Secretariat".
    const bootstrap: Person = { token: server.token, role: { kind: 'secretariat' }, name: 'Secretariat' };
    const boot = await connect(bootstrap);
    await waitFor(() => readThreads(boot.doc).find((t) => t.id === 'legit')?.status === 'resolved', 'the thread at the bootstrap secretariat');
    expect(reply(boot.doc, 'legit', { id: 'r-boot', author: authorOf(bootstrap), text: 'Vu.', at: Date.now() }).ok).toBe(true);
    await waitFor(
      () =>
        readThreads(fr.doc).find((t) => t.id === 'legit')?.messages.length === 4 && readThreads(fr.doc).find((t) => t.id === 'legit')?.status === 'resolved',
      'everything at the French delegation',
    );
    const stored = readThreads(await currentDoc()).find((t) => t.id === 'legit')!;
    expect(stored.messages.map((m) => m.author)).toEqual([authorOf(people.fr), authorOf(people.vi), authorOf(people.secretariat), authorOf(bootstrap)]);
    expect(stored.resolution?.by).toEqual(authorOf(people.secretariat));
    for (const c of [fr, vi, sec, boot]) {
      expect(c.closedWith()).toBe(null);
      c.destroy();
    }
  });

  it('refuses an observer’s comment', async () => {
    const update = await craft((d) => addRowComment(d, { id: 'obs', pids: [pids.fr], author: authorOf(people.observer), text: 'Non.', at: Date.now() }));
    expect(await expectRefused(people.observer, update)).toMatch(/writes to "comments"/);
  });

  describe('what one person cannot do to another’s thread', () => {
    beforeAll(async () => {
      const fr = await connect(people.fr);
      addRowComment(fr.doc, {
        id: 'victim',
        pids: [pids.fr, pids.vi],
        author: authorOf(people.fr),
        text: 'Texte original de la délégation française.',
        at: Date.now(),
      });
      await waitFor(() => false, 'storing', 300).catch(() => undefined);
      expect(readThreads(await currentDoc()).some((t) => t.id === 'victim')).toBe(true);
      fr.destroy();
    });

    const messages = (d: Y.Doc) => thread(d, 'victim').get('messages') as Y.Array<unknown>;
    const attacks: [string, () => Promise<Uint8Array>, RegExp][] = [
      [
        'rewrites the text of another delegation’s comment',
        () =>
          craft((d) => {
            const [first] = messages(d).toArray() as { id: string; at: number }[];
            messages(d).delete(0, 1);
            messages(d).insert(0, [{ ...first!, author: authorOf(people.vi), text: 'Texte falsifié.' }]);
          }),
        /removes part of a comment thread/,
      ],
      ['gives another delegation’s thread a new author', () => craft((d) => thread(d, 'victim').set('author', authorOf(people.vi))), /rewrites the author/],
      [
        'moves another delegation’s thread elsewhere',
        () => craft((d) => thread(d, 'victim').set('anchor', { kind: 'row', pids: [pids.vi] })),
        /rewrites the anchor/,
      ],
      ['resolves in another delegation’s name', () => craft((d) => resolve(d, 'victim', { by: authorOf(people.fr), at: Date.now() })), /resolver/],
      [
        'replies in another delegation’s name',
        () => craft((d) => reply(d, 'victim', { id: 'forged', author: authorOf(people.fr), text: 'Nous retirons notre question.', at: Date.now() })),
        /author/,
      ],
      [
        'comments in another delegation’s name',
        () => craft((d) => addRowComment(d, { id: 'forged', pids: [pids.fr], author: authorOf(people.fr), text: 'Nous acceptons tout.', at: Date.now() })),
        /author/,
      ],
      [
        'replaces another delegation’s whole thread',
        () =>
          craft((d) => {
            d.getMap(COMMENTS_MAP).delete('victim');
            addRowComment(d, { id: 'victim', pids: [pids.vi], author: authorOf(people.vi), text: 'Remplacé.', at: Date.now() });
          }),
        /rewrites thread "victim"/,
      ],
      ['deletes another delegation’s thread', () => craft((d) => d.getMap(COMMENTS_MAP).delete('victim')), /removes part of a comment thread/],
      [
        'sends a 10 MB comment',
        () => craft((d) => messages(d).push([{ id: 'huge', author: authorOf(people.vi), at: Date.now(), text: 'x'.repeat(10 * 1024 * 1024) }])),
        /at most 5000 characters/,
      ],
    ];

    it.each(attacks)('refuses a Vietnamese signatory who %s, and stores nothing', async (_what, make, reason) => {
      expect(await expectRefused(people.vi, await make())).toMatch(reason);
      const victim = readThreads(await currentDoc()).find((t) => t.id === 'victim')!;
      expect(victim).toMatchObject({ author: authorOf(people.fr), status: 'open', anchor: { kind: 'row' } });
      expect(victim.messages.map((m) => [m.author.name, m.text])).toEqual([['Délégation française', 'Texte original de la délégation française.']]);
    });

    it('refuses the secretariat rewriting a delegation’s comment: it moderates by resolving', async () => {
      expect(await expectRefused(people.secretariat, await craft((d) => thread(d, 'victim').set('author', authorOf(people.secretariat))))).toMatch(
        /rewrites the author/,
      );
      expect(await expectRefused(people.secretariat, await craft((d) => messages(d).delete(0, 1)))).toMatch(/removes part/);
    });
  });
});

describe('objections: raised through the server, in one’s own name, at the server’s time', () => {
  let circulationId: string;
  let deadline: number;
  const post = (who: Person, body: unknown) => apiClient(server.url, who.token).request('POST', `/api/declarations/${id}/objections`, body);
  const body = (text = 'Chúng tôi phản đối đoạn 1.') => ({ circulationId, rowKey: 'row-1', pids: { fr: [pids.fr], vi: [pids.vi] }, text });

  beforeAll(async () => {
    const api = apiClient(server.url, server.token);
    const version = await api.request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.1' });
    deadline = Date.now() + 60_000;
    const res = await api.request('POST', `/api/declarations/${id}/circulations`, { version: (version.body as { version: number }).version, deadline });
    expect(res.status).toBe(201);
    circulationId = (res.body as { id: string }).id;
  });

  it('records a delegation’s objection in its own name at the server’s time, whatever the body claims', async () => {
    const watcher = await connect(people.fr);
    await waitFor(() => readCirculations(watcher.doc).length === 1, 'the circulation');
    const before = Date.now();
    const res = await post(people.vi, { ...body(), delegation: 'fr', name: 'Délégation française', at: 0 });
    const after = Date.now();
    expect(res.status).toBe(201);
    const recorded = res.body as Objection;
    expect(recorded).toMatchObject({ circulationId, delegation: 'vi', name: 'Người ký Việt Nam', text: 'Chúng tôi phản đối đoạn 1.' });
    expect(recorded.at).toBeGreaterThanOrEqual(before);
    expect(recorded.at).toBeLessThanOrEqual(after);
    await waitFor(() => readObjections(watcher.doc, circulationId).length === 1, 'the objection at another delegation');
    expect(readObjections(watcher.doc, circulationId)[0]).toEqual(recorded);
    watcher.destroy();
  });

  it('refuses objections from the secretariat and observers, bad bodies and unknown circulations', async () => {
    expect((await post(people.secretariat, body())).status).toBe(403);
    expect((await post(people.observer, body())).status).toBe(403);
    expect((await post(people.fr, body('x'.repeat(5001)))).status).toBe(400);
    expect((await post(people.fr, body('   '))).status).toBe(400);
    expect((await post(people.fr, { ...body(), pids: { ja: ['p-1'] } })).status).toBe(400);
    expect((await post(people.fr, { ...body(), circulationId: 'nope' })).status).toBe(404);
  });

  it('refuses, for every role, an objection written straight into the document, forged and backdated', async () => {
    const forged: Objection = { circulationId, rowKey: 'row-1', pids: {}, delegation: 'fr', name: 'Délégation française', text: 'Objection antidatée.', at: 0 };
    const push = () => craft((d) => d.getArray(OBJECTIONS).push([forged]));
    expect(await expectRefused(people.vi, await push())).toMatch(/writes to "objections"/);
    expect(await expectRefused(people.fr, await push())).toMatch(/writes to "objections"/);
    expect(await expectRefused(people.secretariat, await push())).toMatch(/POST \/api\/declarations\/:id\/objections/);
    expect(await expectRefused(people.secretariat, await craft((d) => d.getArray(OBJECTIONS).delete(0, 1)))).toMatch(/objections/);
    expect(readObjections(await currentDoc(), circulationId).map((o) => o.delegation)).toEqual(['vi']);
  });

  it('refuses an objection once the deadline has passed', async () => {
    const api = apiClient(server.url, server.token);
    const version = await api.request('POST', `/api/declarations/${id}/versions`, { label: 'Rev.2' });
    const res = await api.request('POST', `/api/declarations/${id}/circulations`, {
      version: (version.body as { version: number }).version,
      deadline: Date.now() + 300,
    });
    const late = (res.body as { id: string }).id;
    await new Promise((r) => setTimeout(r, 400));
    const refused = await post(people.fr, { ...body(), circulationId: late });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'conflict', reason: 'closed' });
    expect(readObjections(await currentDoc(), late)).toEqual([]);
  });
});
