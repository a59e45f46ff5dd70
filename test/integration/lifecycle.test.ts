import { afterEach, describe, expect, it } from 'vitest';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../helpers/api.js';
import { spawnServer } from '../helpers/serverProcess.js';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/testServer.js';
import { storedSnapshotCount, storedUpdateCount } from '../helpers/stored.js';
import { connectClient, waitFor } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { clientDir, ensureClientBuilt } from '../../server/clientBuild.js';
import { silentLogger } from '../../server/log.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const TOKEN = 'lifecycle-token';
let inProcess: TestServer | null = null;
afterEach(async () => {
  await inProcess?.stop();
  inProcess = null;
});

describe('server lifecycle', () => {
  it('on SIGTERM closes sockets with 1012, stores what it has and exits', async () => {
    const dataDir = makeDataDir();
    const env = { DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN };
    let server = await spawnServer(env);
    try {
      const id = await apiClient(server.url, TOKEN).createDeclaration('SIGTERM');
      const client = connectClient(server.wsUrl, id, TOKEN, { reconnect: false });
      await client.synced();
      const observer = connectClient(server.wsUrl, id, TOKEN, { reconnect: false });
      await observer.synced();
      const closed = new Promise<number>((resolve) => client.provider.on('connection-close', (e) => resolve(e?.code ?? -1)));
      // The signal comes in the middle of a burst: what the server has taken in by then must be stored.
      const seen = () => observer.doc.getText('probe').toString().match(/<\d+>/g) ?? [];
      const text = client.doc.getText('probe');
      text.insert(0, 'Hà Nội, ngày 16 tháng 4 năm 2023');
      let sent = 0;
      const burst = (async () => {
        while (sent < 2_000 && client.provider.wsconnected) {
          text.insert(text.length, `<${sent++}>`);
          if (sent % 20 === 0) await new Promise((r) => setImmediate(r));
        }
      })();
      await waitFor(() => seen().length >= 20, 'the observer to see part of the burst');
      const started = Date.now();
      server.child.kill('SIGTERM');
      expect(await closed).toBe(CloseCode.Restart);
      const exit = await server.exited;
      await burst;
      const observed = seen();
      expect(exit.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      client.destroy();
      observer.destroy();

      server = await spawnServer(env);
      const check = connectClient(server.wsUrl, id, TOKEN);
      await check.synced();
      const stored = check.doc.getText('probe').toString();
      expect(stored.startsWith('Hà Nội, ngày 16 tháng 4 năm 2023')).toBe(true);
      for (const marker of observed) expect(stored).toContain(marker);
      check.destroy();
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('folds the update log into a snapshot and loads the same document from it', async () => {
    inProcess = await startTestServer({ env: { ACCORD_COMPACT_AFTER: '20' } });
    const id = await apiClient(inProcess.url, inProcess.token).createDeclaration('Compaction');
    const writer = connectClient(inProcess.wsUrl, id, inProcess.token);
    await writer.synced();
    for (let i = 0; i < 100; i++) writer.doc.getText('probe').insert(i, String(i % 10));
    const expected = writer.doc.getText('probe').toString();
    const count = () => storedUpdateCount(inProcess!);
    const snapshots = () => storedSnapshotCount(inProcess!);
    // A second client holding all of it means the server has stored all of it.
    const witness = connectClient(inProcess.wsUrl, id, inProcess.token);
    await witness.synced();
    await waitFor(() => witness.doc.getText('probe').toString() === expected, 'every edit at a second client');
    witness.destroy();
    await waitFor(() => snapshots() === 1 && count() < 20, 'a snapshot with a short log after it');
    writer.destroy();
    const dataDir = inProcess.dataDir;
    await inProcess.stop({ keepData: true });
    inProcess = await startTestServer({ dataDir });
    const reader = connectClient(inProcess.wsUrl, id, inProcess.token);
    await reader.synced();
    expect(reader.doc.getText('probe').toString()).toBe(expected);
    reader.destroy();
  });

  it('unloads a declaration once its last client has left', async () => {
    inProcess = await startTestServer({ env: { ACCORD_IDLE_UNLOAD_MS: '0' } });
    const id = await apiClient(inProcess.url, inProcess.token).createDeclaration('Idle');
    const c = connectClient(inProcess.wsUrl, id, inProcess.token);
    await c.synced();
    expect(inProcess.rooms.openRooms).toBe(1);
    c.destroy();
    await waitFor(() => inProcess!.rooms.openRooms === 0, 'the room to unload');
  });

  it('reuses the built client when nothing it is built from has changed', async () => {
    const index = join(clientDir(PROJECT_ROOT), 'index.html');
    await ensureClientBuilt(PROJECT_ROOT, silentLogger);
    const before = statSync(index).mtimeMs;
    await ensureClientBuilt(PROJECT_ROOT, silentLogger);
    expect(statSync(index).mtimeMs).toBe(before);
  });
});
