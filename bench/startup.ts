/**
 * Start-up: `npm start` on an existing data directory until /api/health answers, and `accord align`
 * on two one-line files, each the median of three runs, with the compiled server and CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checked, type Figure } from './figure.js';
import { median, round } from './measure.js';
import { PROJECT_ROOT } from '../test/helpers/paths.js';
import { ensureServerBuilt } from '../scripts/serverBuild.mjs';

const RUNS = 3;

export async function benchStartup(): Promise<Figure[]> {
  await ensureServerBuilt({ root: PROJECT_ROOT, quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-start-'));
  try {
    // The first start creates the data directory (and the demo); the measured ones find it.
    await timeToHealthy(dir);
    const starts: number[] = [];
    for (let i = 0; i < RUNS; i++) starts.push(await timeToHealthy(dir));
    writeFileSync(join(dir, 'a.txt'), 'Bonjour à tous.\n');
    writeFileSync(join(dir, 'b.txt'), 'Xin chào mọi người.\n');
    const aligns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/accord.js'), 'align', join(dir, 'a.txt'), join(dir, 'b.txt'), '--json']);
      if (run.status !== 0) throw new Error(`accord align failed: ${run.stderr.toString()}`);
      aligns.push(performance.now() - started);
    }
    return [
      checked(
        { name: `npm start on an existing data directory, to healthy (median of ${RUNS})`, value: round(median(starts)), unit: 'ms', target: '≤ 700 ms' },
        (v) => v <= 700,
      ),
      checked({ name: `accord align, two one-line files (median of ${RUNS})`, value: round(median(aligns)), unit: 'ms', target: '≤ 500 ms' }, (v) => v <= 500),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Milliseconds from spawning `npm start` until GET /api/health answers 200; then stops it. */
async function timeToHealthy(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ACCORD_LOG: 'silent', ACCORD_BOOTSTRAP_TOKEN: 'bench-token' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('npm start did not become healthy within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM'); // npm and the server it started
    await exited;
  }
}
