import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, AlignmentType } from 'docx';
import { apiClient } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { fixtureParagraphs, fixtureText } from '../helpers/fixtures.js';
import { spawnServer } from '../helpers/serverProcess.js';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/testServer.js';
import { storedDocumentIds } from '../helpers/stored.js';
import { connectClient } from '../helpers/yclient.js';
import { readUnits } from '../../shared/model/documentText.js';
import { readAlignment, rowsFromAlignment } from '../../shared/model/alignment.js';
import type { LanguageCode, ParagraphId } from '../../shared/model/ids.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The declaration as a client sees it: paragraphs per language and rows as index pairs. */
async function readDeclaration(s: { wsUrl: string; token: string }, id: string) {
  const c = connectClient(s.wsUrl, id, s.token);
  await c.synced();
  const fr = readUnits(c.doc.getXmlFragment('text:fr'));
  const vi = readUnits(c.doc.getXmlFragment('text:vi'));
  const rows = rowsFromAlignment(readAlignment(c.doc), [
    { lang: 'fr' as LanguageCode, pids: fr.map((u) => u.pid) },
    { lang: 'vi' as LanguageCode, pids: vi.map((u) => u.pid) },
  ]);
  const index = (units: typeof fr, pids: readonly ParagraphId[]) => pids.map((p) => units.findIndex((u) => u.pid === p));
  const links = rows.map((r) => ({ source: index(fr, r.cells.fr ?? []), target: index(vi, r.cells.vi ?? []) }));
  const fragment = c.doc.getXmlFragment('text:fr');
  c.destroy();
  return { fr: fr.map((u) => u.text), vi: vi.map((u) => u.text), links, fragment };
}

/** Declarations listed, and documents stored (compaction may move a document between the two tables). */
const counts = () => ({
  declarations: (server.db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n,
  documents: storedDocumentIds(server).length,
});

describe('importing drafts', () => {
  it('splits the 12th Assises PDF paste into its 17 + 17 paragraphs, aligned as the gold says', async () => {
    const res = await apiClient(server.url, server.token).request('POST', '/api/declarations/import', {
      title: 'Assises 12 — collage PDF',
      languages: ['fr', 'vi'],
      sources: [{ fileName: 'final-declaration.pdf-paste.txt', text: fixtureText('assises-12/final-declaration.pdf-paste.txt') }],
    });
    expect(res.status).toBe(201);
    const { id } = res.body as { id: string };
    const got = await readDeclaration(server, id);
    expect(got.fr).toEqual(fixtureParagraphs('assises-12/final-declaration.fr.txt').map((p) => p.normalize('NFC')));
    expect(got.vi).toEqual(fixtureParagraphs('assises-12/final-declaration.vi.txt').map((p) => p.normalize('NFC')));
    const gold = JSON.parse(fixtureText('assises-12/final-declaration.gold.json')) as { links: { source: number[]; target: number[] }[] };
    expect(got.links).toEqual(gold.links.map((l) => ({ source: l.source, target: l.target })));
  });

  it('round-trips a .docx: paragraphs, headings, list numbering, bold and italic', async () => {
    const doc = new Document({
      numbering: { config: [{ reference: 'num', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'DÉCLARATION FINALE', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [
                new TextRun('Nous, collectivités territoriales, '),
                new TextRun({ text: 'réunies', bold: true }),
                new TextRun({ text: ' à Hanoï', italics: true }),
                new TextRun('\u00a0: préambule.'),
              ],
            }),
            new Paragraph({ text: 'Renforcer la coopération.', numbering: { reference: 'num', level: 0 } }),
            new Paragraph({ text: 'Former les agents.', numbering: { reference: 'num', level: 0 } }),
          ],
        },
      ],
    });
    const base64 = (await Packer.toBuffer(doc)).toString('base64');
    const res = await apiClient(server.url, server.token).request('POST', '/api/declarations/import', {
      title: 'Docx',
      languages: ['fr', 'vi'],
      sources: [
        { lang: 'fr', fileName: 'fr.docx', docxBase64: base64 },
        { lang: 'vi', fileName: 'vi.txt', text: 'TUYÊN BỐ CHUNG\n\nChúng tôi.\n\n1. Tăng cường hợp tác.\n\n2. Đào tạo cán bộ.' },
      ],
    });
    expect(res.status).toBe(201);
    const got = await readDeclaration(server, (res.body as { id: string }).id);
    expect(got.fr).toEqual([
      'DÉCLARATION FINALE',
      'Nous, collectivités territoriales, réunies à Hanoï\u00a0: préambule.',
      'Renforcer la coopération.',
      'Former les agents.',
    ]);
    // Yjs prints node names in lower case; they are stored as Tiptap names them (orderedList).
    const xml = got.fragment.toString();
    expect(xml).toContain('<heading level="1"');
    expect(xml).toMatch(/<orderedlist start="1"><listitem[^>]*><paragraph[^>]*>Renforcer/);
    expect(xml).toContain('<bold>réunies</bold>');
    expect(xml).toContain('<italic>à Hanoï</italic>');
  });

  it.each([
    [
      'empty',
      [
        { lang: 'fr', fileName: 'a.txt', text: '' },
        { lang: 'vi', text: 'Chúng tôi.' },
      ],
      'empty',
    ],
    ['unsupported', [{ lang: 'fr', fileName: 'a.pdf', text: '%PDF-1.4 binary' }], 'unsupported'],
    ['too large', [{ lang: 'fr', fileName: 'a.txt', text: 'x'.repeat(5 * 1024 * 1024 + 10) }], 'too-large'],
    ['a language the declaration does not have', [{ lang: 'ja', fileName: 'a.txt', text: '日本語の宣言。' }], 'wrong-language'],
    ['Vietnamese text given as French', [{ lang: 'fr', fileName: 'a.txt', text: fixtureText('assises-12/final-declaration.vi.txt') }], 'wrong-language'],
    ['a .docx that is not one', [{ lang: 'fr', fileName: 'a.docx', docxBase64: Buffer.from('not a zip').toString('base64') }], 'unsupported'],
  ])('refuses %s with its reason and creates nothing', async (_name, sources, reason) => {
    const before = counts();
    const res = await apiClient(server.url, server.token).request('POST', '/api/declarations/import', { title: 'Mauvais', languages: ['fr', 'vi'], sources });
    // Too large is 413 (the body, or what a .docx unpacks to); every other bad source is 400.
    const tooLarge = reason === 'too-large';
    expect(res.status, JSON.stringify(res.body)).toBe(tooLarge ? 413 : 400);
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ error: tooLarge ? 'too_large' : 'bad_request', reason });
    expect(counts()).toEqual(before);
  });

  it('previews the paragraphs found before creating anything', async () => {
    const before = counts();
    const res = await apiClient(server.url, server.token).request('POST', '/api/imports/preview', {
      languages: ['fr', 'vi'],
      sources: [{ text: fixtureText('assises-12/final-declaration.pdf-paste.txt') }],
    });
    expect(res.status).toBe(200);
    const blocks = (res.body as { blocks: Record<string, unknown[]> }).blocks;
    expect(blocks.fr).toHaveLength(17);
    expect(blocks.vi).toHaveLength(17);
    expect((res.body as { unsure: unknown }).unsure).toEqual([{ pivot: 'fr', lang: 'vi', rows: 17, ranges: [], unrelated: false }]);
    expect(counts()).toEqual(before);
  });

  it('warns in the preview when the columns do not look like translations of each other', async () => {
    const res = await apiClient(server.url, server.token).request('POST', '/api/imports/preview', {
      languages: ['fr', 'vi'],
      sources: [
        { lang: 'fr', text: fixtureText('align/invitation.fr.txt') },
        { lang: 'vi', text: fixtureText('align/charter.vi.txt') },
      ],
    });
    expect(res.status).toBe(200);
    const [vi] = (res.body as { unsure: { lang: string; rows: number; ranges: [number, number][]; unrelated: boolean }[] }).unsure;
    expect(vi).toMatchObject({ lang: 'vi', unrelated: true });
    expect(vi!.ranges.reduce((n, [a, b]) => n + b - a + 1, 0)).toBeGreaterThan(0.7 * vi!.rows);
  });

  it('imports from the command line, into a running server or into DATA_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-cli-'));
    try {
      writeFileSync(join(dir, 'fr.txt'), fixtureText('assises-12/final-declaration.fr.txt'));
      writeFileSync(join(dir, 'vi.md'), fixtureText('assises-12/final-declaration.vi.txt'));
      const remote = await runCli([
        'import',
        '--title',
        'CLI',
        '--lang',
        `fr=${join(dir, 'fr.txt')}`,
        '--lang',
        `vi=${join(dir, 'vi.md')}`,
        '--server',
        server.url,
        '--token',
        server.token,
      ]);
      expect(remote.stderr).toBe('');
      expect(remote.code).toBe(0);
      const [id, url] = remote.stdout.trim().split('\n');
      expect(url).toBe(`${server.url}/d/${id}`);
      expect((await readDeclaration(server, id!)).vi).toHaveLength(17);

      const bad = await runCli(['import', '--title', 'CLI', '--lang', `fr=${join(dir, 'missing.txt')}`, '--server', server.url, '--token', server.token]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('first start', () => {
  it('creates the 12th Assises declaration as a demo when there is none', async () => {
    const dataDir = makeDataDir();
    const s = await spawnServer({ DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: 'demo-token' });
    try {
      const list = (await apiClient(s.url, 'demo-token').request('GET', '/api/declarations')).body as { id: string; languages: string[] }[];
      expect(list).toHaveLength(1);
      expect(list[0]!.languages).toEqual(['fr', 'vi']);
      const got = await readDeclaration({ wsUrl: s.wsUrl, token: 'demo-token' }, list[0]!.id);
      expect(got.fr).toHaveLength(17);
      expect(got.links).toHaveLength(17);
    } finally {
      s.child.kill('SIGKILL');
      await s.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
void Y;
