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
    const result = await runCli(['invite', '--server', server.url, '--token', server.token, '--declaration', id, '--role', 'delegation', '--lang', 'vi', '--name', 'Đoàn Việt Nam']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.pathname).toBe(`/d/${id}`);
    const me = await apiClient(server.url, url.searchParams.get('token')).request('GET', '/api/me');
    expect(me.body).toMatchObject({ name: 'Đoàn Việt Nam', role: { kind: 'delegation', lang: 'vi' }, declarationId: id });
  });

  it('fails with a one-line reason and a non-zero exit', async () => {
    const id = await apiClient(server.url, server.token).createDeclaration('CLI 2');
    const result = await runCli(['invite', '--server', server.url, '--token', server.token, '--declaration', id, '--role', 'delegation', '--lang', 'ja', '--name', 'x']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('400');
  });
});
