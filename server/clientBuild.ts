import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Logger } from './log.js';

/** What the built client depends on: when none of it changed, the build is reused. */
const INPUTS = ['client', 'shared', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
const STAMP = '.accord-build-hash';

export function clientDir(projectRoot: string): string {
  return join(projectRoot, 'dist', 'client');
}

/** Builds the client with Vite when it is missing or its sources changed since the last build. */
export async function ensureClientBuilt(projectRoot: string, log: Logger): Promise<string> {
  const out = clientDir(projectRoot);
  const hash = hashInputs(projectRoot);
  const stampPath = join(out, STAMP);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) return out;
  log.info('client.build_started', {});
  const started = performance.now();
  const { build } = await import('vite');
  // Vite takes NODE_ENV over its mode: under a test runner (NODE_ENV=test) it would ship React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // Build beside the served copy and swap it in, so that a running server (or a second build)
    // never sees a half-written directory.
    const staging = `${out}.building-${process.pid}-${Date.now()}`;
    await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir: staging, emptyOutDir: true } });
    writeFileSync(join(staging, STAMP), hash);
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

function hashInputs(root: string): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(path, name));
      }
    } else if (!/\.test\.tsx?$/.test(path)) {
      hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const input of INPUTS) visit(join(root, input));
  return hash.digest('hex');
}
