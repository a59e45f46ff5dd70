import { readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api.js';
import { storedBytes } from '../helpers/stored.js';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/testServer.js';
import { spawnServer } from '../helpers/serverProcess.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Logger } from '../../server/log.js';

let server: TestServer | null = null;
const clients: YClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = null;
});

function client(s: TestServer, id: string): YClient {
  const c = connectClient(s.wsUrl, id, s.token);
  clients.push(c);
  return c;
}

/** A disk that can be made full: writes fail with ENOSPC (after half the bytes, as a real full disk may). */
function fillableDisk() {
  const disk = { full: false };
  const write = (fd: number, bytes: Uint8Array) => {
    if (disk.full) {
      writeSync(fd, bytes, 0, Math.floor(bytes.length / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  };
  return { disk, write };
}

function capturingLogger(): Logger & { events: { level: string; event: string; data: Record<string, unknown> }[] } {
  const events: { level: string; event: string; data: Record<string, unknown> }[] = [];
  return {
    events,
    info: (event, data = {}) => void events.push({ level: 'info', event, data }),
    warn: (event, data = {}) => void events.push({ level: 'warn', event, data }),
    error: (event, data = {}) => void events.push({ level: 'error', event, data }),
  };
}

describe('when the disk fails', () => {
  it('refuses the update and tells its author, keeps serving the text read-only, and takes edits again once the disk does', async () => {
    const { disk, write } = fillableDisk();
    const log = capturingLogger();
    server = await startTestServer({ storeWrite: write, log, env: { ACCORD_ALIGN_DEBOUNCE_MS: '60000', ACCORD_CHECKPOINT_IDLE_MS: '600000' } });
    const id = await apiClient(server.url, server.token).createDeclaration('Disque plein');
    const writer = client(server, id);
    const reader = client(server, id);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getText('probe').insert(0, 'Stored. ');
    await waitFor(() => reader.doc.getText('probe').toString() === 'Stored. ', 'the first edit at the reader');
    const before = storedBytes(server, id);

    disk.full = true;
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    writer.doc.getText('probe').insert(8, 'Not stored while the disk is full.');
    await waitFor(() => closes.includes(CloseCode.TryAgainLater), 'the writer told to try again later (1013)');
    expect(log.events.some((e) => e.event === 'store.append_failed')).toBe(true);
    expect(storedBytes(server, id)).toBe(before);

    // A fresh reader is served what is stored, never the refused edit.
    const late = client(server, id);
    await late.synced();
    expect(late.doc.getText('probe').toString()).toBe('Stored. ');
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.doc.getText('probe').toString()).toBe('Stored. ');
    // The writer keeps its edit and keeps trying; still refused while the disk is full.
    expect(writer.doc.getText('probe').toString()).toBe('Stored. Not stored while the disk is full.');
    expect(storedBytes(server, id)).toBe(before);

    disk.full = false;
    await waitFor(
      () => late.doc.getText('probe').toString() === 'Stored. Not stored while the disk is full.',
      'the edit stored and shown once the disk takes writes',
      10_000,
    );
    await waitFor(() => reader.doc.getText('probe').toString() === 'Stored. Not stored while the disk is full.', 'the first reader up to date', 10_000);
    expect(log.events.some((e) => e.event === 'store.recovered')).toBe(true);
    expect(storedBytes(server, id)).not.toBe(before);
    // And it survives a restart.
    const dataDir = server.dataDir;
    for (const c of clients.splice(0)) c.destroy();
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const after = client(server, id);
    await after.synced();
    expect(after.doc.getText('probe').toString()).toBe('Stored. Not stored while the disk is full.');
  });
});

describe('a torn write at the end of the log', () => {
  it('is detected and skipped on load after a crash, earlier edits intact, and reported', async () => {
    const dataDir = makeDataDir();
    const env = { DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: 'torn-token', ACCORD_LOG: 'json' };
    let proc = await spawnServer(env);
    try {
      const id = await apiClient(proc.url, 'torn-token').createDeclaration('Écriture déchirée');
      const writer = connectClient(proc.wsUrl, id, 'torn-token', { reconnect: false });
      const witness = connectClient(proc.wsUrl, id, 'torn-token', { reconnect: false });
      clients.push(writer, witness);
      await Promise.all([writer.synced(), witness.synced()]);
      for (const word of ['Hà ', 'Nội, ', 'ngày ', '13']) writer.doc.getText('probe').insert(writer.doc.getText('probe').length, word);
      await waitFor(() => witness.doc.getText('probe').toString() === 'Hà Nội, ngày 13', 'every edit stored');
      proc.child.kill('SIGKILL');
      await proc.exited;
      // The process died while writing its last record: only part of it reached the file.
      const logPath = join(dataDir, 'docs', `${id}.log`);
      truncateSync(logPath, readFileSync(logPath).length - 2);
      proc = await spawnServer(env);
      const reader = connectClient(proc.wsUrl, id, 'torn-token');
      clients.push(reader);
      await reader.synced();
      expect(reader.doc.getText('probe').toString()).toBe('Hà Nội, ngày ');
      expect(proc.output()).toMatch(/"event":"load.log_damaged".*"reason":"truncated record"/);
    } finally {
      proc.child.kill('SIGKILL');
      await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
