/** Hocuspocus as a benchmark target: `hocuspocusServer.ts` in its own process, driven by its own provider. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BenchTarget, RunningTarget } from '../collab/target.js';
import { endChild, PROJECT_ROOT, trackChild } from '../collab/processes.js';
import { hocuspocusWire } from '../collab/wire.js';

/** Hocuspocus has no authentication configured; the token is only there to fill the interface. */
const TOKEN = 'hocuspocus-ignores-tokens';
const START_TIMEOUT_MS = 30_000;
/** What a failed start reports of the server's output. */
const OUTPUT_KEPT = 8_000;

export const hocuspocusTarget: BenchTarget = {
  name: 'hocuspocus',
  clientModule: join(PROJECT_ROOT, 'bench/reference/hocuspocusClient.ts'),
  start: startHocuspocus,
  // Hocuspocus creates a document when its first client joins: any fresh name will do.
  createDocument: async () => `bench-${randomBytes(8).toString('hex')}`,
  // The provider sends an empty token when it is given none, as the reference client does.
  wire: (server, document) => hocuspocusWire(server.wsUrl, document, ''),
};

async function startHocuspocus(dataDir: string): Promise<RunningTarget> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench/reference/hocuspocusServer.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = trackChild(child);
  let output = '';
  // Always drained: a full pipe would block the server's writes.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hocuspocus did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /"event":"server.listening","port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', keep);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`hocuspocus exited before listening:\n${output}`));
    });
  });
  return {
    pid: child.pid!,
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    token: TOKEN,
    stop: () => endChild(child, exited, 'SIGTERM'),
    kill: () => endChild(child, exited, 'SIGKILL'),
  };
}
