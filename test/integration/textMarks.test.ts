import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiClient } from '../helpers/api.js';
import { RawSocket } from '../helpers/rawSocket.js';
import { seedDeclaration } from '../helpers/seed.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { storedBytes, storedDoc } from '../helpers/stored.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { readZip } from '../../server/compareExport/testing/readZip.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Comparison } from '../../shared/compare/comparison.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';

let server: TestServer;
let id: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  id = await seedDeclaration(server, 'Marques', { fr: ['Les 12es Assises.', 'Au XXIe siècle.'], vi: ['Hội nghị lần thứ 12.', 'Thế kỷ 21.'] });
  const api = apiClient(server.url, server.token);
  for (const [key, body] of Object.entries({
    frDelegation: { role: 'delegation', lang: 'fr', name: 'Délégation française' },
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

const paragraphText = (doc: Y.Doc, index: number) => (doc.getXmlFragment('text:fr').get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe('marks written by clients', () => {
  it.each([
    ['frDelegation', 0, 6, 2, 'Les 12<superscript>es</superscript> Assises.'],
    ['secretariat2', 1, 6, 1, 'Au XXI<superscript>e</superscript> siècle.'],
  ] as const)('stores a superscript written by %s (12es Assises, XXIe siècle)', async (who, index, at, length, expected) => {
    const client = connectClient(server.wsUrl, id, tokens[who]!);
    await client.synced();
    let closedWith: number | null = null;
    client.provider.on('connection-close', (event) => (closedWith = event?.code ?? null));
    paragraphText(client.doc, index).format(at, length, { superscript: {} });
    await waitFor(() => paragraphText(storedDoc(server, id), index).toString() === expected, 'the superscript to be stored');
    expect(closedWith).toBe(null);
    client.destroy();
    // Every other client receives it too.
    const reader = connectClient(server.wsUrl, id, server.token);
    await reader.synced();
    expect(paragraphText(reader.doc, index).toDelta()).toEqual([
      { insert: expected.slice(0, at) },
      { insert: expected.split('<superscript>')[1]!.split('</superscript>')[0], attributes: { superscript: {} } },
      { insert: expected.split('</superscript>')[1] },
    ]);
    reader.destroy();
  });

  it('exports what was stored: superscript spans in the JSON, <sup> in HTML, Word superscript in the .docx', async () => {
    const base = `/api/declarations/${id}/export`;
    const get = (query: string) => fetch(`${server.url}${base}${query}`, { headers: { authorization: `Bearer ${server.token}` } });
    const exp = (await (await get('')).json()) as DeclarationExport;
    const rows = exp.rows.filter((row) => row.superscripts !== undefined);
    expect(rows.map((row) => [row.text.fr, row.superscripts?.fr])).toEqual([
      [['Les 12es Assises.'], [[{ from: 6, to: 8 }]]],
      [['Au XXIe siècle.'], [[{ from: 6, to: 7 }]]],
    ]);
    const html = await (await get('?format=html')).text();
    expect(html).toContain('Les 12<sup>es</sup> Assises.');
    expect(html).toContain('Au XXI<sup>e</sup> siècle.');
    const docx = readZip(new Uint8Array(await (await get('?format=docx')).arrayBuffer()))
      .get('word/document.xml')!
      .toString('utf8');
    const raised = [...docx.matchAll(/<w:r>(.*?)<\/w:r>/gsu)].filter((m) => m[1]!.includes('<w:vertAlign w:val="superscript"/>'));
    expect(raised.map((m) => /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/u.exec(m[1]!)?.[1])).toEqual(['es', 'e']);
  });

  it('compares a version from before a superscript with the live text: the raised word shows as changed in JSON, HTML and .docx', async () => {
    const compared = await seedDeclaration(server, 'Exposants comparés', { fr: ['Le 1er mai, 12es Assises.'], vi: ['Ngày 1 tháng 5, Hội nghị lần thứ 12.'] });
    const api = apiClient(server.url, server.token);
    expect((await api.request('POST', `/api/declarations/${compared}/versions`, { label: 'Rev.1' })).status).toBe(201);
    const client = connectClient(server.wsUrl, compared, server.token);
    await client.synced();
    paragraphText(client.doc, 0).format(4, 2, { superscript: {} });
    await waitFor(
      () => paragraphText(storedDoc(server, compared), 0).toString() === 'Le 1<superscript>er</superscript> mai, 12es Assises.',
      'the superscript to be stored',
    );
    client.destroy();

    const get = (query: string) =>
      fetch(`${server.url}/api/declarations/${compared}/compare?from=1&to=live${query}`, { headers: { authorization: `Bearer ${server.token}` } });
    const comparison = (await (await get('')).json()) as Comparison;
    expect(comparison.rows[0]!.change).toBe('changed');
    expect(comparison.rows[0]!.outOfStep).toBe(false);
    expect(comparison.summary.rowsChanged).toBe(1);
    expect(comparison.rows[0]!.words.fr).toEqual([
      { op: 'equal', text: 'Le ' },
      { op: 'delete', text: '1er', formatting: true },
      { op: 'insert', text: '1er', superscripts: [{ from: 1, to: 3 }], formatting: true },
      { op: 'equal', text: ' mai, 12es Assises.' },
    ]);
    const html = await (await get('&format=html')).text();
    expect(html).toContain(
      '<del><span class="sr-only">− (superscript changed) </span>1er</del><ins><span class="sr-only">+ (superscript changed) </span>1<sup>er</sup></ins>',
    );
    const docx = readZip(new Uint8Array(await (await get('&format=docx')).arrayBuffer()))
      .get('word/document.xml')!
      .toString('utf8');
    expect(docx).toMatch(
      /<w:ins [^>]*><w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:vertAlign w:val="superscript"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>er<\/w:t><\/w:r><\/w:ins>/su,
    );
  });

  it('still refuses a mark the editor does not know, leaving the store unchanged', async () => {
    const reader = connectClient(server.wsUrl, id, server.token);
    await reader.synced();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
    reader.destroy();
    const before = Y.encodeStateVector(doc);
    paragraphText(doc, 0).format(0, 3, { subscript: {} });
    const update = Y.encodeStateAsUpdate(doc, before);
    const stored = storedBytes(server, id);
    const socket = await RawSocket.open(`${server.wsUrl}/collab/${id}?token=${encodeURIComponent(tokens.frDelegation!)}`);
    const verdict = await socket.send(update);
    socket.close();
    expect(verdict).toMatchObject({ kind: 'closed', code: CloseCode.Malformed });
    expect(storedBytes(server, id)).toBe(stored);
  });
});
