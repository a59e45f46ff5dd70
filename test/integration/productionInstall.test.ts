/**
 * A production install: built, then without dev dependencies (what `npm prune --omit=dev` leaves).
 * The server and the CLI must start and work from compiled JavaScript, with no TypeScript
 * toolchain, no Vite and no runtime transpiler to be found.
 */
import { Document, Packer, Paragraph } from 'docx';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { readAlignment } from '../../shared/model/alignment.js';
import { appendBlocks } from '../../shared/model/documentText.js';

const TOKEN = 'production-install-token';
let root: string;
let child: ChildProcess | null = null;
let url: string;
/** What the server wrote, to stdout and stderr. */
let out = '';

/** The top-level packages `npm ci --omit=dev` would install, read from the lock file. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !path.slice('node_modules/'.length).includes('node_modules/') && !entry.dev)
    .map(([path]) => path.slice('node_modules/'.length));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'accord-prod-'));
  // The checkout as it stands after `npm run build` (the global setup built dist/).
  for (const entry of ['package.json', 'package-lock.json', 'scripts', 'bin', 'server', 'shared', 'client', 'dist', 'vite.config.ts', 'tsconfig.json']) {
    cpSync(join(PROJECT_ROOT, entry), join(root, entry), { recursive: true, preserveTimestamps: true });
  }
  for (const name of productionPackages()) {
    mkdirSync(join(root, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(root, 'node_modules', name));
  }
  const dataDir = join(root, 'data');
  child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the production install did not start:\n${out}`)), 30_000);
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"event":"server.listening".*?"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child!.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the production install exited with ${code}:\n${out}`));
    });
  });
  url = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
});

describe('a production install without dev dependencies', () => {
  it('has no build tool or transpiler to fall back on', () => {
    const require = createRequire(join(root, 'scripts', 'start.mjs'));
    for (const tool of ['tsx', 'typescript', 'vite', 'esbuild']) expect(() => require.resolve(tool), tool).toThrow();
  });

  it('serves the app, the API and exports that load their libraries on demand', async () => {
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script');
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/declarations`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Prod', languages: ['fr', 'vi'] }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const pdf = await fetch(`${url}/api/declarations/${id}/export?format=pdf`, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const docx = await fetch(`${url}/api/declarations/${id}/export?format=docx`, { headers: auth });
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    // A .docx import is read in the compiled worker thread (server/docxReading).
    const word = new Document({ sections: [{ children: [new Paragraph('Article premier.'), new Paragraph('Les parties coopèrent.')] }] });
    const imported = await fetch(`${url}/api/declarations/import`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        title: 'Import',
        languages: ['fr', 'vi'],
        sources: [
          { lang: 'fr', fileName: 'fr.docx', docxBase64: (await Packer.toBuffer(word)).toString('base64') },
          { lang: 'vi', fileName: 'vi.txt', text: 'Điều 1.\n\nCác bên hợp tác.' },
        ],
      }),
    });
    expect(imported.status).toBe(201);
  });

  it('aligns in the compiled worker thread', async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/declarations`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Rows', languages: ['fr', 'vi'] }) });
    const { id } = (await created.json()) as { id: string };
    const client = connectClient(url.replace('http', 'ws'), id, TOKEN);
    try {
      await client.synced();
      // Long enough (over 100,000 characters) to be aligned in the thread rather than on the event loop.
      appendBlocks(client.doc.getXmlFragment('text:fr'), [{ text: 'Article premier.' }, { text: 'Les parties coopèrent. '.repeat(2_500) }]);
      appendBlocks(client.doc.getXmlFragment('text:vi'), [{ text: 'Điều 1.' }, { text: 'Các bên hợp tác. '.repeat(2_500) }]);
      await waitFor(() => readAlignment(client.doc).size === 2, 'two rows', 10_000);
    } finally {
      client.destroy();
    }
    // Not on the event loop, which the aligner falls back to when the worker cannot start.
    expect(out).not.toContain('aligner.worker_failed');
    expect(out).toMatch(/aligner\.run.*"thread":true/);
  });

  it('runs the CLI from compiled JavaScript', () => {
    writeFileSync(join(root, 'fr.txt'), 'Article premier.\n\nLes parties coopèrent.\n');
    writeFileSync(join(root, 'vi.txt'), 'Điều 1.\n\nCác bên hợp tác.\n');
    const run = spawnSync(process.execPath, [join(root, 'bin/accord.js'), 'align', 'fr.txt', 'vi.txt', '--json'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { links: unknown[] }).links).toHaveLength(2);
  });
});
