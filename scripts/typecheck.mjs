// `npm run typecheck`: each layer against its own environment (shared: no DOM, no Node; client:
// DOM, no Node; server: Node, no DOM), then everything with the tests, two at a time.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['shared', 'client', 'server', '.'];
const run = (project) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
  });

const results = [];
for (let i = 0; i < projects.length; i += 2) results.push(...(await Promise.all(projects.slice(i, i + 2).map(run))));
const failed = projects.filter((_, i) => !results[i]);
if (failed.length > 0) {
  process.stderr.write(`typecheck failed in: ${failed.map((p) => (p === '.' ? 'tests and tools' : p)).join(', ')}\n`);
  process.exit(1);
}
