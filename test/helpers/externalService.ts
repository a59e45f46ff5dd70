import { execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/**
 * What a test file does when a server it needs (PostgreSQL, Redis) is not on the machine: under
 * CI it fails with `message`, since CI must run those tests; elsewhere it says so and skips.
 * Never a silent pass. Returns whether the tests can run.
 */
export function serviceAvailable(found: boolean, message: string): boolean {
  if (found) return true;
  if (process.env.CI === 'true') throw new Error(message);
  process.stderr.write(`\n  SKIPPED: ${message}\n\n`);
  return false;
}

/** A TCP port nobody listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The first of `dirs` (then PATH) holding every one of `programs`, executable. */
export function findProgramDir(programs: readonly string[], dirs: readonly string[] = []): string | null {
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...path, ...dirs]) {
    if (programs.every((p) => isExecutable(join(dir, p)))) return dir;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Who to run a server as: nobody in particular for a normal user; `nobody` for root (PostgreSQL refuses root). */
export function unprivilegedUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  if (existsSync('/etc/passwd')) {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('nobody:'));
    const [, , uid, gid] = line?.split(':') ?? [];
    if (uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Polls `ready` until it resolves true; fails early with the child's output if the child exits. */
export async function waitUntilReady(
  child: ChildProcess,
  output: () => string,
  ready: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited before it was ready:\n${output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${output()}`);
}

/** Stops a child server: `signal` first, SIGKILL if it is still there after a while. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
