// `npm start`: compiles the server when its sources changed, then runs the compiled JavaScript in
// this process (no runtime transpiler). The server builds the web client itself when it is out of date.
import { ensureServerBuilt, serverDir } from './serverBuild.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

try {
  await ensureServerBuilt();
} catch (error) {
  process.stderr.write(`accord: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import(pathToFileURL(join(serverDir, 'server', 'main.js')).href);
