import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Role } from '../../shared/model/access.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { commentAuthorFor } from '../../shared/negotiation/commentRules.js';
import type { CommentAuthor } from '../../shared/negotiation/commentModel.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { apiClient } from './api.js';
import { RawSocket } from './rawSocket.js';
import { storedBytes } from './stored.js';
import type { TestServer } from './testServer.js';
import { connectClient, type YClient } from './yclient.js';

/** Someone invited to the declaration: their token, and who the server takes them for. */
export interface Person {
  readonly token: string;
  readonly role: Role;
  readonly name: string;
}

export type People = Record<'fr' | 'vi' | 'secretariat' | 'observer', Person>;

/** Who a person writes as in comments and suggestions (the server checks exactly this). */
export const authorOf = (p: Person): CommentAuthor => commentAuthorFor(p.role, p.name);

/** Invites one person of each role: the French delegation, a Vietnamese signatory, a second secretariat, an observer. */
export async function invitePeople(server: TestServer, id: string): Promise<People> {
  const api = apiClient(server.url, server.token);
  const invite = async (body: { role: string; lang?: string; name: string }): Promise<string> => {
    const res = await api.request('POST', `/api/declarations/${id}/invites`, body);
    expect(res.status).toBe(201);
    return (res.body as { token: string }).token;
  };
  return {
    fr: {
      token: await invite({ role: 'delegation', lang: 'fr', name: 'Délégation française' }),
      role: { kind: 'delegation', lang: 'fr' as LanguageCode },
      name: 'Délégation française',
    },
    vi: {
      token: await invite({ role: 'signatory', lang: 'vi', name: 'Người ký Việt Nam' }),
      role: { kind: 'signatory', lang: 'vi' as LanguageCode },
      name: 'Người ký Việt Nam',
    },
    secretariat: {
      token: await invite({ role: 'secretariat', name: 'Secrétariat adjoint' }),
      role: { kind: 'secretariat' },
      name: 'Secrétariat adjoint',
    },
    observer: { token: await invite({ role: 'observer', name: 'Observateur' }), role: { kind: 'observer' }, name: 'Observateur' },
  };
}

export interface ForgedUpdates {
  /** A copy of the declaration as the server has it now. */
  currentDoc(): Promise<Y.Doc>;
  /** The update `fn` makes to a copy of the current document. */
  craft(fn: (doc: Y.Doc) => unknown): Promise<Uint8Array>;
  /** Sends one update as `who` on a bare socket and expects it refused (4403) with nothing stored; returns the reason sent. */
  expectRefused(who: Person, update: Uint8Array): Promise<string>;
  /** A stock y-websocket client as `who`, synced, remembering the close code if the server closes it. */
  connect(who: Person): Promise<YClient & { closedWith: () => number | null }>;
}

/**
 * Forged updates against one declaration: crafted on a copy of the document, sent on a bare
 * socket, refused whole with the store left byte-identical. The server must never compact (set
 * `ACCORD_COMPACT_AFTER` high): the only log rows a client can add are then its own. `target` is
 * read at each call, so a test may restart the server.
 */
export function forgedUpdates(target: () => { readonly server: TestServer; readonly id: string }): ForgedUpdates {
  const currentDoc = async (): Promise<Y.Doc> => {
    const { server, id } = target();
    const c = connectClient(server.wsUrl, id, server.token);
    await c.synced();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.doc));
    c.destroy();
    return doc;
  };
  return {
    currentDoc,
    async craft(fn) {
      const doc = await currentDoc();
      const before = Y.encodeStateVector(doc);
      fn(doc);
      const update = Y.encodeStateAsUpdate(doc, before);
      expect(update.byteLength).toBeGreaterThan(2); // the attack does write something
      return update;
    },
    async expectRefused(who, update) {
      const { server, id } = target();
      const before = storedBytes(server, undefined, { clientsOnly: true });
      const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(who.token)}`);
      const verdict = await socket.send(update, 15_000);
      socket.close();
      expect(verdict).toMatchObject({ kind: 'closed', code: CloseCode.Forbidden });
      expect(storedBytes(server, undefined, { clientsOnly: true })).toBe(before);
      return verdict.kind === 'closed' ? (verdict.denied ?? '') : '';
    },
    async connect(who) {
      const { server, id } = target();
      const c = connectClient(server.wsUrl, id, who.token);
      let closed: number | null = null;
      c.provider.on('connection-close', (e) => (closed ??= e?.code ?? null));
      await c.synced();
      return { ...c, closedWith: () => closed };
    },
  };
}
