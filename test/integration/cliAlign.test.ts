import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-align-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => join(PROJECT_ROOT, 'test/fixtures/align', name);
const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('accord align refuses what it cannot align', () => {
  it('refuses an empty file and a binary file with exit 1 and a one-line reason', async () => {
    const empty = join(dir, 'empty.txt');
    const blank = join(dir, 'blank.txt');
    const binary = join(dir, 'binary.txt');
    writeFileSync(empty, '');
    writeFileSync(blank, '\n\n  \n');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]));
    for (const [file, reason] of [
      [empty, 'is empty'],
      [blank, 'has no text'],
      [binary, 'is binary'],
    ] as const) {
      const result = await runCli(['align', file, fixture('charter.fr.txt'), '--json']);
      expect(result.code, file).toBe(1);
      expect(result.stdout).toBe('');
      expect(oneLine(result.stderr)).toHaveLength(1);
      expect(result.stderr).toContain(reason);
    }
  });

  it('refuses two texts that are not translations of each other, and aligns them with --force (scores then low)', async () => {
    const refused = await runCli(['align', fixture('invitation.fr.txt'), fixture('charter.vi.txt'), '--json']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toContain('do not look like translations of each other');
    const forced = await runCli(['align', fixture('invitation.fr.txt'), fixture('charter.vi.txt'), '--json', '--force']);
    expect(forced.code).toBe(0);
    const links = (JSON.parse(forced.stdout) as { links: { score: number }[] }).links;
    expect(links.reduce((s, l) => s + l.score, 0) / links.length).toBeLessThanOrEqual(0.5);
    const translated = await runCli(['align', fixture('charter.en.txt'), fixture('charter.ja.txt'), '--json']);
    const scores = (JSON.parse(translated.stdout) as { links: { score: number }[] }).links.map((l) => l.score);
    expect(scores.reduce((s, x) => s + x, 0) / scores.length).toBeGreaterThanOrEqual(0.8);
  });
});

describe('accord align output is whole when piped', () => {
  it('prints more than 64 KB of JSON through a real pipe to a slow reader, every link included', async () => {
    // 2,000 paragraphs a side: the charter repeated, so the JSON runs well past a pipe's 64 KB buffer.
    const repeat = (file: string) => Array.from({ length: 80 }, () => readFileSync(fixture(file), 'utf8').trim()).join('\n\n');
    const source = join(dir, 'long.en.txt');
    const target = join(dir, 'long.fr.txt');
    writeFileSync(source, repeat('charter.en.txt'));
    writeFileSync(target, repeat('charter.fr.txt'));
    const cli = join(PROJECT_ROOT, 'bin/accord.js');
    // The reader sleeps before reading: the writer finds the pipe full and must wait for it to drain.
    const script = `"${process.execPath}" "${cli}" align "${source}" "${target}" --json | (sleep 1; cat)`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('sh', ['-c', script], { maxBuffer: 64 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out))),
    );
    expect(stdout.length).toBeGreaterThan(64 * 1024);
    const links = (JSON.parse(stdout) as { links: { source: number[]; target: number[] }[] }).links;
    expect(links.flatMap((l) => l.source)).toHaveLength(2000);
    expect(links.flatMap((l) => l.target)).toHaveLength(2000);
  }, 60_000);
});
