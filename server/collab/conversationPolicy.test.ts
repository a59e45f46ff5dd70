import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkWrite } from './writePolicy.js';
import type { Role } from '../../shared/model/access.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { PID_ATTRIBUTE } from '../../shared/model/paragraphIds.js';
import { COMMENTS_MAP, MAX_COMMENT_LENGTH } from '../../shared/negotiation/commentModel.js';
import { addRangeComment, addRowComment, reopen, reply, resolve } from '../../shared/negotiation/comments.js';
import { readThreads } from '../../shared/negotiation/commentThreads.js';
import { commentAuthorFor, MAX_MESSAGES_PER_UPDATE } from '../../shared/negotiation/commentRules.js';

const FR: Role = { kind: 'delegation', lang: 'fr' as LanguageCode };
const VI: Role = { kind: 'signatory', lang: 'vi' as LanguageCode };
const SECRETARIAT: Role = { kind: 'secretariat' };
type Person = { readonly role: Role; readonly name: string };
const AMINA: Person = { role: FR, name: 'Amina Diallo' };
const LINH: Person = { role: VI, name: 'Nguyễn Linh' };
const SEC: Person = { role: SECRETARIAT, name: 'Secrétariat' };
const authorOf = (p: Person) => commentAuthorFor(p.role, p.name);

/** The server's document: a paragraph per language; `t-amina`, Amina's thread, on the first row. */
function setup() {
  const server = new Y.Doc();
  for (const [lang, pid] of [
    ['fr', 'p-fr-1'],
    ['vi', 'p-vi-1'],
  ] as const) {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(PID_ATTRIBUTE, pid);
    p.insert(0, [new Y.XmlText(`texte ${lang}`)]);
    server.getXmlFragment(`text:${lang}`).insert(0, [p]);
  }
  accept(server, AMINA, (d) => addRowComment(d, { id: 't-amina', pids: ['p-fr-1', 'p-vi-1'], author: authorOf(AMINA), text: 'Une question.', at: 1 }));
  return server;
}

function clientOf(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

/** What `fn` changes in a fresh copy of the server's document, as one update. */
function edit(server: Y.Doc, fn: (doc: Y.Doc) => unknown): Uint8Array {
  const client = clientOf(server);
  const before = Y.encodeStateVector(client);
  fn(client);
  return Y.encodeStateAsUpdate(client, before);
}

function verdict(server: Y.Doc, who: Person, update: Uint8Array) {
  return checkWrite(server, update, who.role, { writerName: who.name });
}

/** Checks and applies, as the room does. */
function accept(server: Y.Doc, who: Person, fn: (doc: Y.Doc) => unknown): void {
  const update = edit(server, fn);
  expect(verdict(server, who, update)).toMatchObject({ ok: true });
  Y.applyUpdate(server, update);
}

function refused(server: Y.Doc, who: Person, fn: (doc: Y.Doc) => unknown): string {
  const v = verdict(server, who, edit(server, fn));
  expect(v).toMatchObject({ ok: false, malformed: false });
  return v.ok ? '' : v.reason;
}

const thread = (doc: Y.Doc, id = 't-amina') => doc.getMap<Y.Map<unknown>>(COMMENTS_MAP).get(id)!;
const messages = (doc: Y.Doc, id = 't-amina') => thread(doc, id).get('messages') as Y.Array<unknown>;

describe('comments: what each person may write', () => {
  it('lets anyone who comments reply, resolve and reopen any thread, each as themselves', () => {
    const server = setup();
    accept(server, LINH, (d) => reply(d, 't-amina', { id: 'r-linh', author: authorOf(LINH), text: 'Câu trả lời.', at: 2 }));
    accept(server, LINH, (d) => resolve(d, 't-amina', { by: authorOf(LINH), at: 3 }));
    accept(server, AMINA, (d) => reopen(d, 't-amina'));
    accept(server, SEC, (d) => resolve(d, 't-amina', { by: authorOf(SEC), at: 4 }));
    accept(server, SEC, (d) => reply(d, 't-amina', { id: 'r-sec', author: authorOf(SEC), text: 'Noté.', at: 5 }));
    const [t] = readThreads(server);
    expect(t).toMatchObject({ status: 'resolved', resolution: { by: authorOf(SEC), at: 4 } });
    expect(t!.messages.map((m) => m.author.name)).toEqual(['Amina Diallo', 'Nguyễn Linh', 'Secrétariat']);
  });

  it('lets a person create range comments, and an offline session create, reply, resolve and reopen in one update', () => {
    const server = setup();
    accept(server, LINH, (d) => {
      const created = addRangeComment(d, {
        id: 't-range',
        lang: 'vi',
        from: { pid: 'p-vi-1', offset: 0 },
        to: { pid: 'p-vi-1', offset: 5 },
        author: authorOf(LINH),
        text: 'Từ này.',
        at: 6,
        rowPids: ['p-fr-1'],
      });
      expect(created.ok).toBe(true);
      reply(d, 't-range', { id: 'r-1', author: authorOf(LINH), text: 'Thêm.', at: 7 });
      resolve(d, 't-range', { by: authorOf(LINH), at: 8 });
      reopen(d, 't-range');
      resolve(d, 't-range', { by: authorOf(LINH), at: 9 });
      reply(d, 't-amina', { id: 'r-2', author: authorOf(LINH), text: 'Và đây.', at: 10 });
      resolve(d, 't-amina', { by: authorOf(LINH), at: 11 });
    });
    expect(readThreads(server).map((t) => [t.id, t.status, t.messages.length])).toEqual([
      ['t-amina', 'resolved', 2],
      ['t-range', 'resolved', 2],
    ]);
    // A reconnecting client re-sends everything, its whole delete set included: nothing new, nothing refused.
    const client = clientOf(server);
    expect(verdict(server, AMINA, Y.encodeStateAsUpdate(client))).toMatchObject({ ok: true });
  });

  it('refuses writing a comment, a reply or a resolution in someone else’s name', () => {
    const server = setup();
    expect(refused(server, LINH, (d) => addRowComment(d, { id: 't-fake', pids: ['p-fr-1'], author: authorOf(AMINA), text: 'Pas moi.', at: 2 }))).toMatch(
      /author/,
    );
    expect(refused(server, LINH, (d) => reply(d, 't-amina', { id: 'r-fake', author: authorOf(AMINA), text: 'Pas moi.', at: 2 }))).toMatch(/author/);
    expect(refused(server, LINH, (d) => resolve(d, 't-amina', { by: authorOf(AMINA), at: 2 }))).toMatch(/resolver/);
    expect(refused(server, SEC, (d) => reply(d, 't-amina', { id: 'r-fake', author: authorOf(LINH), text: 'Không.', at: 2 }))).toMatch(/author/);
    // Without a name to compare with, nothing passes.
    const update = edit(server, (d) => reply(d, 't-amina', { id: 'r', author: authorOf(LINH), text: 'x', at: 2 }));
    expect(checkWrite(server, update, LINH.role).ok).toBe(false);
  });

  it('refuses rewriting another person’s thread: its text, author, anchor, or the thread itself', () => {
    const server = setup();
    expect(
      refused(server, LINH, (d) => {
        messages(d).delete(0, 1);
        messages(d).insert(0, [{ id: 't-amina', author: authorOf(LINH), at: 1, text: 'Réécrit.' }]);
      }),
    ).toMatch(/removes part/);
    expect(refused(server, LINH, (d) => thread(d).set('author', authorOf(LINH)))).toMatch(/rewrites the author/);
    expect(refused(server, LINH, (d) => thread(d).set('anchor', { kind: 'row', pids: ['p-vi-1'] }))).toMatch(/rewrites the anchor/);
    expect(refused(server, LINH, (d) => thread(d).set('createdAt', 0))).toMatch(/rewrites the createdAt/);
    expect(refused(server, LINH, (d) => thread(d).delete('status'))).toMatch(/removes part/);
    expect(refused(server, LINH, (d) => d.getMap(COMMENTS_MAP).delete('t-amina'))).toMatch(/removes part/);
    expect(
      refused(server, LINH, (d) => {
        d.getMap(COMMENTS_MAP).delete('t-amina');
        addRowComment(d, { id: 't-amina', pids: ['p-vi-1'], author: authorOf(LINH), text: 'Le mien.', at: 2 });
      }),
    ).toMatch(/rewrites thread/);
    // The secretariat moderates by resolving, not by rewriting.
    expect(refused(server, SEC, (d) => thread(d).set('author', authorOf(SEC)))).toMatch(/rewrites the author/);
    expect(refused(server, SEC, (d) => messages(d).delete(0, 1))).toMatch(/removes part/);
  });

  it('refuses oversized, unnormalised or malformed comments before they are applied', () => {
    const server = setup();
    const raw = (value: unknown) => (d: Y.Doc) => messages(d).push([value]);
    const me = authorOf(LINH);
    expect(refused(server, LINH, raw({ id: 'r-big', author: me, at: 2, text: 'x'.repeat(10 * 1024 * 1024) }))).toMatch(/at most 5000/);
    expect(refused(server, LINH, raw({ id: 'r-big', author: me, at: 2, text: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }))).toMatch(/at most/);
    expect(verdict(server, LINH, edit(server, raw({ id: 'r-max', author: me, at: 2, text: 'x'.repeat(MAX_COMMENT_LENGTH) })))).toMatchObject({ ok: true });
    expect(refused(server, LINH, raw({ id: 'r-nfd', author: me, at: 2, text: 'Vie\u0302\u0323t' }))).toMatch(/NFC/);
    expect(refused(server, LINH, raw({ id: 'r-extra', author: me, at: 2, text: 'x', padding: 'y'.repeat(1000) }))).toMatch(/only id/);
    expect(refused(server, LINH, raw('just a string'))).toMatch(/only id/);
    expect(refused(server, LINH, (d) => d.getMap(COMMENTS_MAP).set('thread', 'a comment' as never))).toMatch(/a thread is a map/);
    expect(refused(server, LINH, (d) => d.getMap(COMMENTS_MAP).set('has space', new Y.Map() as never))).toMatch(/thread id/);
    const many = Array.from({ length: 65 }, (_, i) => `p-x-${i}`);
    const rawThread = (anchor: unknown) => (d: Y.Doc) => {
      const t = new Y.Map<unknown>();
      d.getMap(COMMENTS_MAP).set('t-raw', t as never);
      t.set('anchor', anchor);
      t.set('status', 'open');
      t.set('createdAt', 2);
      t.set('author', me);
      const list = new Y.Array<unknown>();
      t.set('messages', list);
      list.push([{ id: 't-raw', author: me, at: 2, text: 'x' }]);
    };
    expect(verdict(server, LINH, edit(server, rawThread({ kind: 'row', pids: ['p-vi-1'] })))).toMatchObject({ ok: true });
    expect(refused(server, LINH, rawThread({ kind: 'row', pids: ['p-vi-1', ...many] }))).toMatch(/paragraph ids/);
    expect(
      refused(
        server,
        LINH,
        rawThread({
          kind: 'range',
          lang: 'vi',
          pid: 'p-vi-1',
          start: { item: { client: 1, clock: 0 } },
          end: { item: { client: 1, clock: 2 } },
          quote: 'q'.repeat(1_000_000),
        }),
      ),
    ).toMatch(/quotes at most/);
    expect(refused(server, LINH, rawThread({ kind: 'row', pids: ['p-vi-1'], note: 'x' }))).toMatch(/only kind and pids/);
    // A new thread comes whole.
    expect(
      refused(server, LINH, (d) => {
        const t = new Y.Map<unknown>();
        d.getMap(COMMENTS_MAP).set('t-half', t as never);
        t.set('author', me);
      }),
    ).toMatch(/without its/);
    // No type nested inside a thread field.
    expect(refused(server, LINH, (d) => thread(d).set('status', new Y.Text('resolved')))).toMatch(/one plain value/);
    expect(
      refused(server, LINH, (d) => {
        for (let i = 0; i <= MAX_MESSAGES_PER_UPDATE; i++) reply(d, 't-amina', { id: `r-${i}`, author: me, text: 'flood', at: 2 });
      }),
    ).toMatch(/more than/);
    expect(
      refused(server, LINH, (d) => {
        for (let i = 0; i < 1_001; i++) {
          resolve(d, 't-amina', { by: me, at: i });
          reopen(d, 't-amina');
        }
      }),
    ).toMatch(/more than 2000 comment items/);
  });

  it('refuses every write to objections, the secretariat’s included: the server records them', () => {
    const server = setup();
    const objection = { circulationId: 'c', rowKey: 'r', pids: {}, delegation: 'vi', name: 'x', text: 'Non.', at: 0 };
    for (const who of [AMINA, LINH, SEC]) {
      const v = verdict(
        server,
        who,
        edit(server, (d) => d.getArray('objections').push([objection])),
      );
      expect(v).toMatchObject({ ok: false, malformed: false });
    }
  });
});
