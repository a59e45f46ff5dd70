// Compiles the server, the CLI and the shared core to bundled JavaScript in dist/node, only when
// their sources changed since the last build. Plain JavaScript itself, so that `npm start` and
// `accord` run with nothing but Node: esbuild (a dev dependency) is loaded only to build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the compiled code lives: dist/node/server/main.js, dist/node/server/cli/main.js and shared chunks. */
export const serverDir = join(projectRoot, 'dist', 'node');

const SOURCES = ['server', 'shared'];
/** Files the server reads at run time (the demo's texts): part of what the build depends on. */
const ASSET = /\.txt$/;
/** What runs: the server, the CLI, the .docx and alignment worker threads, and what `npm run build` calls to build the client. */
const ENTRY_POINTS = [
  'server/main.ts',
  'server/cli/main.ts',
  'server/docxReading/docxWorker.ts',
  'server/aligner/alignmentThread.ts',
  'server/clientBuild.ts',
  'server/log.ts',
];
/** Native addons, packages that read their own files at run time, and build-only tools. */
const EXTERNAL = ['better-sqlite3', 'pdfkit', 'docx', 'mammoth', 'pg', 'redis', 'vite', 'esbuild', '@vitejs/plugin-react', '@expo-google-fonts/*'];
const STAMP = '.accord-build.json';
const TESTING_DIR = `${join('/', 'testing', '/')}`;
const isSource = (path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) && !/\.contract\.ts$/.test(path) && !path.includes(TESTING_DIR);

/** Every input of the build: sources and assets, then this file and the lock file. */
function listInputs(root) {
  const files = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (isSource(path) || ASSET.test(entry.name)) files.push(path);
    }
  };
  for (const source of SOURCES) visit(join(root, source));
  files.push(fileURLToPath(import.meta.url), join(root, 'package-lock.json'));
  return files;
}

/** Names, sizes and modification times: cheap to read, and unchanged when nothing was touched. */
function statInputs(root, files) {
  const hash = createHash('sha256');
  for (const path of files) {
    const { size, mtimeMs } = statSync(path);
    hash.update(`${relative(root, path)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** What the build really depends on: the inputs' contents. */
function hashInputs(root, files) {
  const hash = createHash('sha256');
  for (const path of files) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

function readStamp(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Builds dist/node when it is missing or out of date; returns whether it built. A start with
 * nothing touched only lists and stats the inputs; a touched file is read, and rebuilt only when
 * its content changed. Code that finds files at run time finds them from the project root
 * (server/projectRoot.ts), not beside itself, since modules are bundled into chunks.
 */
export async function ensureServerBuilt({ root = projectRoot, quiet = false } = {}) {
  const out = join(root, 'dist', 'node');
  const stampPath = join(out, STAMP);
  const files = listInputs(root);
  const stats = statInputs(root, files);
  const stamp = existsSync(stampPath) ? readStamp(stampPath) : null;
  if (stamp?.stats === stats) return false;
  const hash = hashInputs(root, files);
  if (stamp?.hash === hash) {
    writeFileSync(stampPath, JSON.stringify({ hash, stats })); // touched, not changed (a checkout)
    return false;
  }
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('the server is not built and esbuild is not installed: run `npm ci && npm run build` before pruning dev dependencies');
  }
  const started = performance.now();
  if (!quiet) process.stderr.write('accord: compiling the server…\n');
  // Build beside the live copy and swap it in: a running server never sees a half-written tree.
  const staging = `${out}.building-${process.pid}-${Date.now()}`;
  await esbuild.build({
    entryPoints: ENTRY_POINTS.map((entry) => join(root, entry)),
    outbase: root,
    outdir: staging,
    // One file per entry point (and shared chunks) rather than a module per source file: loading
    // two hundred small modules was most of the start-up time. Dynamic imports stay lazy chunks.
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(): give the ES module one.
    banner: { js: "import { createRequire as accordCreateRequire } from 'node:module'; const require = accordCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'error',
  });
  writeFileSync(join(staging, STAMP), JSON.stringify({ hash, stats }));
  const retired = `${out}.old-${process.pid}-${Date.now()}`;
  if (existsSync(out)) renameSync(out, retired);
  renameSync(staging, out);
  rmSync(retired, { recursive: true, force: true });
  if (!quiet) process.stderr.write(`accord: server compiled in ${Math.round(performance.now() - started)} ms\n`);
  return true;
}
