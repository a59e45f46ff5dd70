/**
 * Throwaway PostgreSQL and Redis servers on loopback, started from the binaries installed on the
 * machine. No vitest here: the test helpers (postgres.ts, redis.ts) wrap these in hooks, and the
 * benchmark (bench/collab/cluster.ts) calls them directly.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findProgramDir, freePort, stopChild, unprivilegedUser, waitUntilReady } from './externalService.js';

/** A server this process started: where it listens, its pid (the postmaster's, for PostgreSQL), how to stop it. */
export interface LocalService {
  readonly url: string;
  readonly pid: number;
  /** Stops the server and removes what it stored. */
  stop(): Promise<void>;
}

/** Where PostgreSQL's server programs are, if anywhere. */
export function findPostgresBinaries(): string | null {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  return findProgramDir(['initdb', 'postgres'], versions);
}

/** Where `redis-server` is, if anywhere. */
export function findRedisBinaries(): string | null {
  return findProgramDir(['redis-server'], ['/usr/bin', '/usr/local/bin']);
}

/** Runs `work` with a connected client of the PostgreSQL server at `url`. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * initdb and postgres in a temporary directory, listening on a free loopback port (its socket
 * in the same directory), as `nobody` when we are root. fsync is off: the cluster is thrown
 * away, and what it is for is what the database says, not the disk. The URL is the `postgres`
 * database of superuser `postgres` (trust authentication).
 */
export async function startPostgres(binDir: string | null = findPostgresBinaries()): Promise<LocalService> {
  if (!binDir) throw new Error('PostgreSQL not found (initdb and postgres on PATH or in /usr/lib/postgresql/<version>/bin)');
  const dir = mkdtempSync(join(tmpdir(), 'accord-pg-'));
  const user = unprivilegedUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const as = { cwd: dir, ...(user ?? {}), env: { PATH: process.env.PATH ?? '', LC_ALL: 'C', TZ: 'UTC' } };
  const data = join(dir, 'data');
  const init = spawnSync(join(binDir, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], {
    ...as,
    encoding: 'utf8',
  });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${binDir}):\n${init.stderr || init.error}`);
  }
  // The free port may be taken between choosing it and binding it (test files start in parallel): try another.
  for (let attempt = 1; ; attempt++) {
    try {
      const running = await runPostgres(binDir, data, dir, as, await freePort());
      return {
        url: running.url,
        pid: running.pid,
        async stop() {
          await running.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      if (attempt < 3) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
}

async function runPostgres(binDir: string, data: string, socketDir: string, as: SpawnOptions, port: number): Promise<LocalService> {
  const child = spawn(
    join(binDir, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
    ],
    { ...as, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  // If this process dies without stopping it, the cluster goes with it.
  const onExit = () => child.kill('SIGQUIT');
  process.once('exit', onExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    process.off('exit', onExit);
    await stopChild(child, 'SIGINT'); // fast shutdown
  };
  try {
    await waitUntilReady(
      child,
      () => output,
      () => withPgClient(url, async () => true),
      `postgres (${binDir})`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}

/**
 * A `redis-server` on loopback with persistence off: on `port`, or else on a free port (another
 * one if that is taken between choosing it and binding it).
 */
export async function startRedis(program: string | null = redisProgram(), port?: number): Promise<LocalService> {
  if (!program) throw new Error('Redis not found (redis-server on PATH, in /usr/bin or in /usr/local/bin)');
  if (port !== undefined) return runRedis(program, port);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runRedis(program, await freePort());
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

function redisProgram(): string | null {
  const dir = findRedisBinaries();
  return dir ? join(dir, 'redis-server') : null;
}

async function runRedis(program: string, port: number): Promise<LocalService> {
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    await stopChild(child, 'SIGTERM');
  };
  try {
    await waitUntilReady(
      child,
      () => output,
      () => pingRedis(`redis://127.0.0.1:${port}`),
      'redis-server',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop };
}

/** Whether the Redis at `url` answers PING (an inline command: no client library needed). */
export function pingRedis(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}
