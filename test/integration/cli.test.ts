import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('accord invite', () => {
  it('prints a link whose token opens the declaration with the role asked for', async () => {
    const id = await apiClient(server.url, server.token).createDeclaration('CLI');
    const result = await runCli([
      'invite',
      '--server',
      server.url,
      '--token',
      server.token,
      '--declaration',
      id,
      '--role',
      'delegation',
      '--lang',
      'vi',
      '--name',
      'Đoàn Việt Nam',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.pathname).toBe(`/d/${id}`);
    const me = await apiClient(server.url, url.searchParams.get('token')).request('GET', '/api/me');
    expect(me.body).toMatchObject({ name: 'Đoàn Việt Nam', role: { kind: 'delegation', lang: 'vi' }, declarationId: id });
  });

  it('fails with a one-line reason and a non-zero exit', async () => {
    const id = await apiClient(server.url, server.token).createDeclaration('CLI 2');
    const result = await runCli([
      'invite',
      '--server',
      server.url,
      '--token',
      server.token,
      '--declaration',
      id,
      '--role',
      'delegation',
      '--lang',
      'ja',
      '--name',
      'x',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).toContain('400');
  });
});

describe('accord align', () => {
  it('aligns the 12th Assises texts exactly as the gold, in the documented JSON', async () => {
    const { fileURLToPath } = await import('node:url');
    const { readFileSync } = await import('node:fs');
    const dir = fileURLToPath(new URL('../fixtures/assises-12/', import.meta.url));
    const result = await runCli(['align', `${dir}final-declaration.fr.txt`, `${dir}final-declaration.vi.txt`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { links: { source: number[]; target: number[]; score: number }[] };
    const gold = JSON.parse(readFileSync(`${dir}final-declaration.gold.json`, 'utf8')) as { links: { source: number[]; target: number[] }[] };
    expect(out.links.map(({ source, target }) => ({ source, target }))).toEqual(gold.links);
    for (const l of out.links) expect(l.score).toBeGreaterThan(0);
  });

  it('prints a readable table without --json, and fails clearly on a missing file', async () => {
    const { fileURLToPath } = await import('node:url');
    const dir = fileURLToPath(new URL('../fixtures/assises-12/', import.meta.url));
    const table = await runCli(['align', `${dir}final-declaration.fr.txt`, `${dir}final-declaration.vi.txt`]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').filter(Boolean)).toHaveLength(17);
    expect(table.stdout).toContain('1:1');
    const missing = await runCli(['align', 'nope.txt', `${dir}final-declaration.vi.txt`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('accord align: cannot read nope.txt');
  });
});
