import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readZip } from '../../server/compareExport/testing/readZip.js';
import type { Comparison } from '../../shared/compare/comparison.js';
import { textFragmentName } from '../../shared/model/declaration.js';
import { readUnits } from '../../shared/model/documentText.js';
import type { DeclarationId, LanguageCode } from '../../shared/model/ids.js';
import type { CommentAuthor } from '../../shared/negotiation/commentModel.js';
import { createSuggestion, voteOnSuggestion } from '../../shared/negotiation/suggestions.js';
import type { ConcordanceIssue } from '../../shared/publish/concordance.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';
import { apiClient } from '../helpers/api.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

// Rooms stay loaded, and no checkpoint adds versions of its own.
const QUIET = { ACCORD_IDLE_UNLOAD_MS: '600000', ACCORD_CHECKPOINT_IDLE_MS: '600000' };
let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer({ env: QUIET });
  dir = mkdtempSync(join(tmpdir(), 'accord-suggestions-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const api = () => apiClient(server.url, server.token);
const FR = ['1. Les parties conviennent de coopérer.', '2. Elles se réuniront chaque année à Hanoï.'];
const VI = ['1. Các bên đồng ý hợp tác.', '2. Các bên sẽ họp hằng năm tại Hà Nội.'];
const AMINA: CommentAuthor = { name: 'Amina', delegation: 'fr' };
const LINH: CommentAuthor = { name: 'Linh', delegation: 'vi' };
// What the suggestions propose: marked so that any rendering that lets one in is caught.
const INSERTED = ' QZX chặt chẽ và lâu dài';
const REPLACEMENT = 'QZW tous les deux ans';

/** Writes into the room's document as the server does (no client may write suggestions before the policy allows it). */
function inRoom(id: string, fn: (doc: Y.Doc) => void): Promise<void> {
  return server.rooms.using(id as DeclarationId, (room) => room.change(fn));
}

const pidOf = (doc: Y.Doc, lang: string, n: number): string => readUnits(doc.getXmlFragment(textFragmentName(lang as LanguageCode)))[n]!.pid;

async function download(path: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
  expect(res.status, path).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const text = async (path: string): Promise<string> => new TextDecoder().decode(await download(path));
const docxXml = async (path: string): Promise<string> =>
  readZip(await download(path))
    .get('word/document.xml')!
    .toString('utf8');

function pdfText(bytes: Uint8Array): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

/** `<w:ins>` elements: their author and words. */
const insertions = (xml: string) =>
  [...xml.matchAll(/<w:ins ([^>]*)>(.*?)<\/w:ins>/gsu)].map((m) => ({
    author: /w:author="([^"]*)"/u.exec(m[1]!)![1]!,
    text: [...m[2]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''),
  }));

describe('pending suggestions and the authentic text', () => {
  it('stay out of versions, comparisons, every export format and the fingerprint; the concordance check lists them', async () => {
    const id = await seedDeclaration(server, 'Coopération · Hợp tác', { fr: FR, vi: VI });
    expect((await api().request('POST', `/api/declarations/${id}/versions`, { label: 'Avant' })).status).toBe(201);
    const before = (await api().request('GET', `/api/declarations/${id}/export`)).body as DeclarationExport;

    await inRoom(id, (doc) => {
      // The French delegation proposes words at the end of the first Vietnamese paragraph ...
      const vi = VI[0]!.length - 1;
      const made = createSuggestion(doc, {
        id: 'fr-in-vi',
        lang: 'vi',
        pid: pidOf(doc, 'vi', 0),
        from: vi,
        to: vi,
        text: INSERTED,
        author: AMINA,
        at: Date.UTC(2026, 11, 3, 6, 40),
      });
      // ... and the Vietnamese delegation a replacement in the second French one.
      const from = FR[1]!.indexOf('chaque année');
      const other = createSuggestion(doc, {
        id: 'vi-in-fr',
        lang: 'fr',
        pid: pidOf(doc, 'fr', 1),
        from,
        to: from + 'chaque année'.length,
        text: REPLACEMENT,
        author: LINH,
        at: Date.UTC(2026, 11, 3, 6, 41),
      });
      if (!made.ok || !other.ok) throw new Error('suggestions not made');
    });

    const after = (await api().request('GET', `/api/declarations/${id}/export`)).body as DeclarationExport;
    expect(after.sha256).toBe(before.sha256);
    expect(after.rows).toEqual(before.rows);
    const base = `/api/declarations/${id}`;
    for (const format of ['json', 'html', 'xml']) {
      const body = await text(`${base}/export?format=${format}`);
      expect(body, format).not.toMatch(/QZ[XW]/u);
      expect(body.normalize('NFC'), format).toContain('đồng ý hợp tác');
    }
    const docx = await docxXml(`${base}/export?format=docx`);
    expect(docx).not.toMatch(/QZ[XW]|<w:ins |<w:del /u);
    expect(docx).toContain(VI[0]);
    const pdf = pdfText(await download(`${base}/export?format=pdf`));
    expect(pdf).not.toMatch(/QZ[XW]/u);
    expect(pdf).toContain(before.sha256.slice(0, 16));

    // A version named now holds the text without them, and nothing changed since the last one.
    expect((await api().request('POST', `${base}/versions`, { label: 'Après' })).body).toEqual({ version: 2 });
    expect(JSON.stringify((await api().request('GET', `${base}/versions/2`)).body)).not.toMatch(/QZ[XW]/u);
    for (const to of ['2', 'live']) {
      const comparison = (await api().request('GET', `${base}/compare?from=1&to=${to}`)).body as Comparison;
      expect(comparison.summary.rowsChanged, to).toBe(0);
      expect(JSON.stringify(comparison)).not.toMatch(/QZ[XW]/u);
    }
    expect(await docxXml(`${base}/compare?from=1&to=live&format=docx`)).not.toMatch(/QZ[XW]/u);

    const concordance = ((await api().request('GET', `${base}/concordance`)).body as { issues: ConcordanceIssue[] }).issues;
    expect(concordance.filter((i) => i.kind === 'pending-suggestions')).toEqual([
      { row: expect.any(String), number: 1, kind: 'pending-suggestions', count: 1, langs: ['vi'] },
      { row: expect.any(String), number: 2, kind: 'pending-suggestions', count: 1, langs: ['fr'] },
    ]);
  });

  it('shows them as tracked changes by delegation only when asked, and freezing waits for them or a reason', async () => {
    const id = await seedDeclaration(server, 'Suivi', { fr: FR, vi: VI });
    const base = `/api/declarations/${id}`;
    await inRoom(id, (doc) => {
      const at = VI[0]!.length - 1;
      if (
        !createSuggestion(doc, { id: 'fr-in-vi', lang: 'vi', pid: pidOf(doc, 'vi', 0), from: at, to: at, text: INSERTED, author: AMINA, at: 1_700_000_000_000 })
          .ok
      )
        throw new Error('not made');
      const from = FR[1]!.indexOf('chaque année');
      if (
        !createSuggestion(doc, {
          id: 'vi-in-fr',
          lang: 'fr',
          pid: pidOf(doc, 'fr', 1),
          from,
          to: from + 'chaque année'.length,
          text: REPLACEMENT,
          author: LINH,
          at: 1_700_000_100_000,
        }).ok
      )
        throw new Error('not made');
    });

    expect(insertions(await docxXml(`${base}/export?format=docx&suggestions=1`))).toEqual([
      { author: 'French delegation', text: INSERTED },
      { author: 'Vietnamese delegation', text: REPLACEMENT },
    ]);
    expect(insertions(await docxXml(`${base}/export?format=docx&suggestions=1&ui=fr`)).map((i) => i.author)).toEqual([
      'Délégation française',
      'Délégation vietnamienne',
    ]);
    expect((await api().request('POST', `${base}/versions`, { label: 'v1' })).status).toBe(201);
    const compared = await docxXml(`${base}/compare?from=1&to=live&format=docx&suggestions=1`);
    expect(insertions(compared)).toEqual([
      { author: 'French delegation', text: INSERTED },
      { author: 'Vietnamese delegation', text: REPLACEMENT },
    ]);
    expect(compared).toMatch(/<w:del [^>]*w:author="Vietnamese delegation"[^>]*>.*?<w:delText[^>]*>chaque année<\/w:delText>/su);
    // Only the DOCX of the live text, and only on request.
    expect((await api().request('GET', `${base}/export?format=json&suggestions=1`)).status).toBe(400);
    expect((await api().request('GET', `${base}/export?format=docx&version=1&suggestions=1`)).status).toBe(400);
    expect((await api().request('GET', `${base}/compare?from=1&to=1&suggestions=1`)).status).toBe(400);

    // Freezing is refused while they wait, even on rows otherwise ready ...
    const refused = await api().request('POST', `${base}/freeze`, {});
    expect(refused.status).toBe(409);
    expect((refused.body as { issues: ConcordanceIssue[] }).issues.filter((i) => i.kind === 'pending-suggestions').map((i) => i.number)).toEqual([1, 2]);
    // ... and once one is decided, it is no longer listed; the accepted words are now the text.
    await inRoom(id, (doc) => {
      if (!voteOnSuggestion(doc, 'fr-in-vi', { decision: 'accept', by: LINH, at: 1_700_000_200_000 }).ok) throw new Error('not accepted');
    });
    const issues = ((await api().request('GET', `${base}/concordance`)).body as { issues: ConcordanceIssue[] }).issues;
    expect(issues.filter((i) => i.kind === 'pending-suggestions').map((i) => i.number)).toEqual([2]);
    const exp = (await api().request('GET', `${base}/export`)).body as DeclarationExport;
    expect(exp.rows[0]!.text.vi).toEqual([`${VI[0]!.slice(0, -1)}${INSERTED}.`]);

    // With a reason, the secretariat freezes anyway: what is fingerprinted is the authentic text.
    const frozen = await api().request('POST', `${base}/freeze`, { override: 'La suggestion sur la ligne 2 sera traitée en plénière' });
    expect(frozen.status).toBe(200);
    const signed = (await api().request('GET', `${base}/export`)).body as DeclarationExport;
    expect(signed.sha256).toBe((frozen.body as { frozen: { sha256: string } }).frozen.sha256);
    expect(signed.rows.map((r) => r.text)).toEqual(exp.rows.map((r) => r.text));
    expect(JSON.stringify(signed)).not.toContain('QZW');
  });
});
