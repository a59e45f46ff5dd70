import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Logger } from './log.js';

/** What the built client depends on: when none of it changed, the build is reused. */
const INPUTS = ['client', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
const STAMP = '.accord-build.json';

export function clientDir(projectRoot: string): string {
  return join(projectRoot, 'dist', 'client');
}

/** Builds the client with Vite when it is missing or its sources changed since the last build. */
export async function ensureClientBuilt(projectRoot: string, log: Logger): Promise<string> {
  const out = clientDir(projectRoot);
  const stampPath = join(out, STAMP);
  const files = listInputs(projectRoot);
  // Nothing touched since the build: names, sizes and times suffice, no file is read.
  const stats = statInputs(projectRoot, files);
  const stamp = readStamp(stampPath);
  if (stamp?.stats === stats) return out;
  const hash = hashInputs(projectRoot, files);
  if (stamp?.hash === hash) {
    writeFileSync(stampPath, JSON.stringify({ hash, stats })); // touched, not changed (a checkout)
    return out;
  }
  log.info('client.build_started', {});
  const started = performance.now();
  const vite = await import('vite').catch(() => null);
  if (!vite) throw new Error('the web client is not built and Vite is not installed: run `npm ci && npm run build` before pruning dev dependencies');
  const { build } = vite;
  // Vite takes NODE_ENV over its mode: under a test runner (NODE_ENV=test) it would ship React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // Build beside the served copy and swap it in, so that a running server (or a second build)
    // never sees a half-written directory.
    const staging = `${out}.building-${process.pid}-${Date.now()}`;
    await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir: staging, emptyOutDir: true } });
    writeFileSync(join(staging, STAMP), JSON.stringify({ hash, stats }));
    const retired = `${out}.old-${process.pid}-${Date.now()}`;
    if (existsSync(out)) renameSync(out, retired);
    renameSync(staging, out);
    rmSync(retired, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  log.info('client.built', { ms: Math.round(performance.now() - started) });
  return out;
}

/** Every input file of the client build, in a stable order (tests excluded). */
function listInputs(root: string): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(path, name));
      }
    } else if (!/\.test\.tsx?$/.test(path)) {
      files.push(path);
    }
  };
  for (const input of INPUTS) visit(join(root, input));
  return files;
}

function statInputs(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of files) {
    const { size, mtimeMs } = statSync(path);
    hash.update(`${relative(root, path)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex');
}

function hashInputs(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of files) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

function readStamp(path: string): { hash: string; stats: string } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { hash: string; stats: string };
  } catch {
    return null;
  }
}
