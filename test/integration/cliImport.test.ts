import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `accord import` into a local data directory of its own (no server). */
function runImport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/accord.js'), 'import', ...args], {
      cwd: dir,
      env: { ...process.env, DATA_DIR: join(dir, 'data') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const assises = (lang: string) => readFileSync(join(PROJECT_ROOT, `test/fixtures/assises-12/final-declaration.${lang}.txt`), 'utf8');

describe('accord import from the command line', () => {
  it('imports one bilingual file (--both FILE --languages fr,vi), split by language detection', async () => {
    const both = join(dir, 'both.txt');
    writeFileSync(both, `${assises('fr').trim()}\n\n${assises('vi').trim()}\n`);
    const result = await runImport(['--title', 'Assises', '--both', both, '--languages', 'fr,vi']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/\S+/u);
  }, 60_000);

  it('refuses --lang with an unknown language code, naming it, in one line', async () => {
    const file = join(dir, 'fr.txt');
    writeFileSync(file, assises('fr'));
    const result = await runImport(['--title', 'X', '--lang', `xx=${file}`, '--lang', `vi=${file}`]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unknown language code "xx"');
  }, 60_000);

  it('reports its steps on stderr when the drafts are a megabyte or more, stdout keeping the result alone', async () => {
    const repeat = (lang: string) => Array.from({ length: Math.ceil(1_100_000 / Buffer.byteLength(assises(lang))) }, () => assises(lang).trim()).join('\n\n');
    writeFileSync(join(dir, 'big.fr.txt'), repeat('fr'));
    writeFileSync(join(dir, 'big.vi.txt'), repeat('vi'));
    const result = await runImport(['--title', 'Big', '--lang', `fr=${join(dir, 'big.fr.txt')}`, '--lang', `vi=${join(dir, 'big.vi.txt')}`]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    const steps = result.stderr.trim().split('\n');
    for (const line of steps) expect(line).toMatch(/^import: \d+\.\d s: /u);
    expect(steps.map((line) => line.replace(/^import: \d+\.\d s: /u, '').replace(/\d[\d,.]*/gu, 'N'))).toEqual([
      'reading N MB',
      'read N paragraphs in fr, N paragraphs in vi',
      'aligning the paragraphs into rows',
      'storing the declaration (N MB)',
      'created',
    ]);
  }, 120_000);

  it('asks for the languages when --both is given alone', async () => {
    const both = join(dir, 'alone.txt');
    writeFileSync(both, assises('fr'));
    const result = await runImport(['--title', 'X', '--both', both]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--languages');
  }, 60_000);
});
