#!/usr/bin/env node
// The `accord` command: runs the compiled CLI (dist/node), compiling it first when its sources
// changed. The contract is one line of reason on failure: runtime warnings (experimental features
// of a dependency) would add lines, so they are shown only with ACCORD_DEBUG=1.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt, serverDir } from '../scripts/serverBuild.mjs';

process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (process.env.ACCORD_DEBUG) process.stderr.write(`${warning.stack ?? warning}\n`);
});

try {
  await ensureServerBuilt({ quiet: !process.env.ACCORD_DEBUG });
} catch (error) {
  process.stderr.write(`accord: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import(pathToFileURL(join(serverDir, 'server', 'cli', 'main.js')).href);
