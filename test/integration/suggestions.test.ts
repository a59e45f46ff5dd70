import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorOf, forgedUpdates, invitePeople, type People } from '../helpers/forgedUpdates.js';
import { seedDeclaration } from '../helpers/seed.js';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/testServer.js';
import { waitFor } from '../helpers/yclient.js';
import type { DeclarationId, LanguageCode } from '../../shared/model/ids.js';
import { readAlignment, readRowStates, rowsFromAlignment, staleLanguages } from '../../shared/model/alignment.js';
import { readUnits } from '../../shared/model/documentText.js';
import { setRowStatus } from '../../shared/model/rowActions.js';
import { appliedKey, voteKey } from '../../shared/negotiation/suggestionModel.js';
import { createSuggestion, reviseSuggestion, voteOnSuggestion, withdrawSuggestion } from '../../shared/negotiation/suggestions.js';
import { readSuggestion, votesMap } from '../../shared/negotiation/suggestionState.js';
import { openSqliteDatabase } from '../../server/storage/sqlite/sqliteDatabase.js';
import { LogDocumentStore } from '../../server/storage/sqlite/logDocumentStore.js';

// Suggestions (issue 17) against the real server: stock y-websocket clients for what each role
// may do, raw sockets for forged updates (refused whole, 4403, nothing stored), and the consent
// flow in an agreed row, applied by the server and still there after a restart.

const FR_1 = 'Les parties conviennent de coopérer.';
const VI_1 = 'Các bên đồng ý hợp tác.';
const FR_2 = 'Elles se réunissent chaque année.';
const VI_2 = 'Các bên họp hằng năm.';
const LANGS = ['fr', 'vi'] as LanguageCode[];

let server: TestServer;
let dataDir: string;
let id: string;

const people = {} as People;
const { currentDoc, craft, expectRefused, connect } = forgedUpdates(() => ({ server, id }));

beforeAll(async () => {
  dataDir = makeDataDir();
  // Never compacted: the only log rows a client can add are its own (see forgedUpdates).
  server = await startTestServer({ dataDir, env: { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_COMPACT_AFTER: '100000000' } });
  id = await seedDeclaration(server, 'Suggestions', { fr: [FR_1, FR_2], vi: [VI_1, VI_2] });
  Object.assign(people, await invitePeople(server, id));
});

afterAll(async () => {
  await server?.stop();
});

const units = (doc: Y.Doc, lang: string) => readUnits(doc.getXmlFragment(`text:${lang}`));
const pidOf = (doc: Y.Doc, lang: string, n: number) => units(doc, lang)[n]!.pid;
const textOf = (doc: Y.Doc, lang: string, n: number) => units(doc, lang)[n]?.text;

describe('suggestions: who may write what', () => {
  it('lets the French delegation suggest in the Vietnamese column: stored, and forwarded live', async () => {
    const fr = await connect(people.fr);
    const vi = await connect(people.vi);
    expect(
      createSuggestion(fr.doc, {
        id: 'fr-in-vi',
        lang: 'vi',
        pid: pidOf(fr.doc, 'vi', 0),
        from: 0,
        to: 0,
        text: 'Hôm nay, ',
        author: authorOf(people.fr),
        at: Date.now(),
      }).ok,
    ).toBe(true);
    await waitFor(() => readSuggestion(vi.doc, 'fr-in-vi')?.status === 'pending', 'the suggestion at the Vietnamese signatory');
    expect(readSuggestion(await currentDoc(), 'fr-in-vi')).toMatchObject({ status: 'pending', author: authorOf(people.fr), lang: 'vi' });
    // Nothing in the text until someone entitled accepts.
    expect(textOf(vi.doc, 'vi', 0)).toBe(VI_1);
    for (const c of [fr, vi]) {
      expect(c.closedWith()).toBe(null);
      c.destroy();
    }
  });

  describe('what the French delegation cannot do in the Vietnamese column', () => {
    beforeAll(async () => {
      // The Vietnamese signatory's own suggestion, in its own column: the one the attacks aim at.
      const vi = await connect(people.vi);
      expect(
        createSuggestion(vi.doc, {
          id: 'vi-own',
          lang: 'vi',
          pid: pidOf(vi.doc, 'vi', 1),
          from: 0,
          to: 0,
          text: 'Nay, ',
          author: authorOf(people.vi),
          at: Date.now(),
        }).ok,
      ).toBe(true);
      await waitFor(() => false, 'storing', 300).catch(() => undefined);
      expect(readSuggestion(await currentDoc(), 'vi-own')).not.toBeNull();
      vi.destroy();
    });

    const attacks: [string, () => Promise<Uint8Array>, RegExp][] = [
      [
        'accepts for the Vietnamese side',
        () => craft((d) => votesMap(d).set(voteKey('fr-in-vi', 'vi'), { decision: 'accept', by: authorOf(people.fr), at: Date.now(), revision: 1 })),
        /side "vi", which is not the writer's/,
      ],
      [
        'rejects for the Vietnamese side',
        () => craft((d) => votesMap(d).set(voteKey('vi-own', 'vi'), { decision: 'reject', by: authorOf(people.vi), at: Date.now(), revision: 1 })),
        /side "vi"/,
      ],
      [
        'votes as itself on the Vietnamese column',
        () => craft((d) => votesMap(d).set(voteKey('fr-in-vi', 'fr'), { decision: 'accept', by: authorOf(people.fr), at: Date.now(), revision: 1 })),
        /does not decide/,
      ],
      [
        'marks a suggestion applied in the Vietnamese column',
        () => craft((d) => votesMap(d).set(appliedKey('fr-in-vi'), { by: authorOf(people.fr), at: Date.now(), revision: 1 })),
        /not the writer's/,
      ],
      [
        'accepts with the edit, as the acceptor would',
        () => craft((d) => voteOnSuggestion(d, 'fr-in-vi', { decision: 'accept', by: authorOf(people.vi), at: Date.now() })),
        /writes to "text:vi"/,
      ],
      [
        'revises the Vietnamese signatory’s suggestion',
        () => craft((d) => reviseSuggestion(d, 'vi-own', { text: 'Không bao giờ, ', by: authorOf(people.vi) })),
        /someone else's/,
      ],
      ['withdraws the Vietnamese signatory’s suggestion', () => craft((d) => withdrawSuggestion(d, 'vi-own', { by: authorOf(people.vi) })), /someone else's/],
      ['deletes the Vietnamese signatory’s suggestion', () => craft((d) => d.getMap('suggestions').delete('vi-own')), /removes a suggestion/],
      [
        'writes text:vi, dressed as a suggestion',
        () =>
          craft((d) => {
            createSuggestion(d, { id: 'disguised', lang: 'vi', pid: pidOf(d, 'vi', 0), from: 0, to: 0, text: 'X', author: authorOf(people.fr), at: 1 });
            ((d.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Giả mạo ');
          }),
        /writes to "text:vi"/,
      ],
      [
        'suggests in the Vietnamese signatory’s name',
        () =>
          craft((d) =>
            createSuggestion(d, { id: 'forged', lang: 'vi', pid: pidOf(d, 'vi', 0), from: 0, to: 0, text: 'X', author: authorOf(people.vi), at: 1 }),
          ),
        /writer's name/,
      ],
    ];

    it.each(attacks)('refuses the French delegation when it %s, and stores nothing', async (_what, make, reason) => {
      expect(await expectRefused(people.fr, await make())).toMatch(reason);
      const doc = await currentDoc();
      expect(readSuggestion(doc, 'fr-in-vi')).toMatchObject({ status: 'pending', votes: [] });
      expect(readSuggestion(doc, 'vi-own')).toMatchObject({ status: 'pending', text: 'Nay, ', revision: 1, author: authorOf(people.vi) });
      expect(textOf(doc, 'vi', 0)).toBe(VI_1);
    });

    it('refuses an observer’s suggestion', async () => {
      const update = await craft((d) =>
        createSuggestion(d, { id: 'obs', lang: 'fr', pid: pidOf(d, 'fr', 0), from: 0, to: 0, text: 'Non. ', author: authorOf(people.observer), at: 1 }),
      );
      expect(await expectRefused(people.observer, update)).toMatch(/writes to "suggestions"/);
    });
  });

  it('lets the Vietnamese signatory accept the French suggestion: vote, mark and edit in one update, live for everyone', async () => {
    const fr = await connect(people.fr);
    const vi = await connect(people.vi);
    await waitFor(() => readSuggestion(vi.doc, 'fr-in-vi')?.status === 'pending', 'the suggestion');
    expect(voteOnSuggestion(vi.doc, 'fr-in-vi', { decision: 'accept', by: authorOf(people.vi), at: Date.now() })).toEqual({
      ok: true,
      value: { applied: true },
    });
    await waitFor(() => textOf(fr.doc, 'vi', 0) === `Hôm nay, ${VI_1}`, 'the accepted words at the French delegation');
    const stored = await currentDoc();
    expect(textOf(stored, 'vi', 0)).toBe(`Hôm nay, ${VI_1}`);
    expect(readSuggestion(stored, 'fr-in-vi')).toMatchObject({ status: 'accepted', applied: { by: authorOf(people.vi) } });
    for (const c of [fr, vi]) {
      expect(c.closedWith()).toBe(null);
      c.destroy();
    }
  });

  it('lets the secretariat accept a suggestion in any column', async () => {
    const fr = await connect(people.fr);
    const sec = await connect(people.secretariat);
    expect(
      createSuggestion(fr.doc, {
        id: 'fr-for-sec',
        lang: 'vi',
        pid: pidOf(fr.doc, 'vi', 1),
        from: VI_2.length,
        to: VI_2.length,
        text: ' nữa',
        author: authorOf(people.fr),
        at: Date.now(),
      }).ok,
    ).toBe(true);
    await waitFor(() => readSuggestion(sec.doc, 'fr-for-sec')?.status === 'pending', 'the suggestion at the secretariat');
    expect(voteOnSuggestion(sec.doc, 'fr-for-sec', { decision: 'accept', by: authorOf(people.secretariat), at: Date.now() }).ok).toBe(true);
    await waitFor(() => textOf(fr.doc, 'vi', 1) === `${VI_2} nữa`, 'the accepted words at the French delegation');
    for (const c of [fr, sec]) {
      expect(c.closedWith()).toBe(null);
      c.destroy();
    }
  });
});

describe('a consent suggestion in an agreed row', () => {
  const rowsOf = (doc: Y.Doc) =>
    rowsFromAlignment(
      readAlignment(doc),
      LANGS.map((lang) => ({ lang, pids: units(doc, lang).map((u) => u.pid) })),
    );
  const cellTexts = (doc: Y.Doc, key: string) => {
    const row = rowsOf(doc).find((r) => r.key === key)!;
    const textOfPid = new Map(LANGS.flatMap((l) => units(doc, l).map((u) => [u.pid as string, u.text])));
    return Object.fromEntries(LANGS.map((l) => [l, (row.cells[l] ?? []).map((p) => textOfPid.get(p) ?? '')]));
  };
  /** The first row, agreed by the secretariat as it reads now. */
  async function agreeFirstRow(): Promise<string> {
    const sec = await connect(people.secretariat);
    await waitFor(
      () => rowsOf(sec.doc).some((r) => r.cells.fr?.length === 1 && r.cells.vi?.length === 1 && r.cells.fr[0] === pidOf(sec.doc, 'fr', 0)),
      'the aligned first row',
    );
    const row = rowsOf(sec.doc).find((r) => r.cells.fr?.[0] === pidOf(sec.doc, 'fr', 0))!;
    setRowStatus(sec.doc, row, 'agreed', cellTexts(sec.doc, row.key), people.secretariat.name, null);
    await waitFor(() => false, 'storing', 300).catch(() => undefined);
    sec.destroy();
    return row.key;
  }

  it('is applied by the server once the other side accepts, and the row stays agreed, not stale, after a restart too', async () => {
    const rowKey = await agreeFirstRow();
    const fr = await connect(people.fr);
    const vi = await connect(people.vi);
    await waitFor(() => readRowStates(fr.doc).get(rowKey)?.status === 'agreed', 'the agreed row at the French delegation');
    // The French delegation proposes in its own column of the agreed row: its side counts as consenting.
    expect(
      createSuggestion(fr.doc, {
        id: 'consent-fr',
        lang: 'fr',
        pid: pidOf(fr.doc, 'fr', 0),
        from: FR_1.length - 1,
        to: FR_1.length - 1,
        text: ' étroitement',
        author: authorOf(people.fr),
        at: Date.now(),
        consent: true,
      }).ok,
    ).toBe(true);
    await waitFor(() => readSuggestion(vi.doc, 'consent-fr')?.status === 'pending', 'the consent suggestion at the Vietnamese signatory');
    expect(readSuggestion(vi.doc, 'consent-fr')!.readyToApply).toBe(false);
    expect(textOf(vi.doc, 'fr', 0)).toBe(FR_1);
    // The Vietnamese signatory consents: its vote alone is written; the server applies.
    expect(voteOnSuggestion(vi.doc, 'consent-fr', { decision: 'accept', by: authorOf(people.vi), at: Date.now() })).toEqual({
      ok: true,
      value: { applied: false },
    });
    const expected = 'Les parties conviennent de coopérer étroitement.';
    await waitFor(() => textOf(fr.doc, 'fr', 0) === expected, 'the applied words at the French delegation');
    for (const doc of [fr.doc, vi.doc]) {
      await waitFor(() => readSuggestion(doc, 'consent-fr')?.status === 'accepted', 'the accepted suggestion');
      expect(readRowStates(doc).get(rowKey)?.status).toBe('agreed');
      expect(staleLanguages(readRowStates(doc).get(rowKey), cellTexts(doc, rowKey))).toEqual([]);
    }
    expect(readSuggestion(fr.doc, 'consent-fr')!.applied).toMatchObject({ by: authorOf(people.vi) });
    for (const c of [fr, vi]) {
      expect(c.closedWith()).toBe(null);
      c.destroy();
    }

    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, env: { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_COMPACT_AFTER: '100000000' } });
    const after = await currentDoc();
    expect(textOf(after, 'fr', 0)).toBe(expected);
    expect(readSuggestion(after, 'consent-fr')!.status).toBe('accepted');
    expect(readRowStates(after).get(rowKey)?.status).toBe('agreed');
    expect(staleLanguages(readRowStates(after).get(rowKey), cellTexts(after, rowKey))).toEqual([]);
  });

  it('applies at the next load a consent the store holds but the server had not applied (a crash in between)', async () => {
    const fr = await connect(people.fr);
    expect(
      createSuggestion(fr.doc, {
        id: 'consent-late',
        lang: 'fr',
        pid: pidOf(fr.doc, 'fr', 1),
        from: 0,
        to: 0,
        text: 'Désormais, ',
        author: authorOf(people.fr),
        at: Date.now(),
        consent: true,
      }).ok,
    ).toBe(true);
    await waitFor(() => false, 'storing', 300).catch(() => undefined);
    fr.destroy();
    await server.stop({ keepData: true });
    // The Vietnamese consent, stored as a running server stores it, with no server left to apply it.
    const db = openSqliteDatabase(dataDir);
    const store = new LogDocumentStore(db, dataDir);
    const stored = await store.loadDocument(id as DeclarationId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(readSuggestion(doc, 'consent-late')!.status).toBe('pending');
    const before = Y.encodeStateVector(doc);
    expect(voteOnSuggestion(doc, 'consent-late', { decision: 'accept', by: authorOf(people.vi), at: Date.now() }).ok).toBe(true);
    expect(readSuggestion(doc, 'consent-late')!.readyToApply).toBe(true);
    await store.appendUpdate(id as DeclarationId, Y.encodeStateAsUpdate(doc, before), { accessId: null });
    store.close();
    db.close();

    server = await startTestServer({ dataDir, env: { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_COMPACT_AFTER: '100000000' } });
    const reader = await connect(people.observer);
    await waitFor(() => textOf(reader.doc, 'fr', 1) === `Désormais, ${FR_2}`, 'the consent applied at load');
    expect(readSuggestion(reader.doc, 'consent-late')!.status).toBe('accepted');
    reader.destroy();
  });
});
