import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { apiClient } from '../helpers/api.js';
import { pollHealth } from '../helpers/healthPoller.js';
import { bombEntry, docxParts, writeZip, type ZipEntry } from '../helpers/zipBomb.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
/** word/document.xml inflating to 300 MB from about 1 MB, with its true size declared. */
let bomb: ZipEntry;

beforeAll(async () => {
  [server, bomb] = await Promise.all([startTestServer(), bombEntry(300)]);
});

afterAll(async () => {
  await server?.stop();
});

const declarations = () => (server.db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n;

async function importDocx(path: '/api/declarations/import' | '/api/imports/preview', docx: Buffer) {
  return apiClient(server.url, server.token).request('POST', path, {
    title: 'Bombe',
    languages: ['fr', 'vi'],
    sources: [{ lang: 'fr', fileName: 'bomb.docx', docxBase64: docx.toString('base64') }],
  });
}

describe('a .docx zip bomb', () => {
  it.each([
    ['that declares its unpacked size', () => writeZip(docxParts(bomb))],
    ['that lies about its unpacked size', () => writeZip(docxParts({ ...bomb, declaredSize: 4096 }))],
  ])('%s is refused with 413 while the server keeps answering', async (_name, build) => {
    const docx = build();
    expect(docx.byteLength).toBeLessThan(2 * 1024 * 1024);
    const before = declarations();
    const health = await pollHealth(server.url, 20);
    const imported = await importDocx('/api/declarations/import', docx);
    const previewed = await importDocx('/api/imports/preview', docx);
    const figures = await health.stop();
    expect(imported.status, JSON.stringify(imported.body)).toBe(413);
    expect(imported.body).toMatchObject({ error: 'too_large', reason: 'too-large' });
    expect(previewed.status, JSON.stringify(previewed.body)).toBe(413);
    expect(declarations()).toBe(before);
    expect(figures.failures, figures.errors.join('; ')).toBe(0);
    expect(figures.maxMs, JSON.stringify(figures)).toBeLessThan(1000);
  });

  it('leaves the server importing ordinary .docx files afterwards', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: 'Nous, collectivités territoriales.' })] }] }));
    const res = await importDocx('/api/declarations/import', docx);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
