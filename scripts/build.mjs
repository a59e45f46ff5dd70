// `npm run build`: compiles the server and builds the web client (each only when out of date), so
// that a production install can drop its dev dependencies afterwards (`npm prune --omit=dev`).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt, projectRoot, serverDir } from './serverBuild.mjs';

await ensureServerBuilt();
const { ensureClientBuilt } = await import(pathToFileURL(join(serverDir, 'server', 'clientBuild.js')).href);
const { createJsonLogger } = await import(pathToFileURL(join(serverDir, 'server', 'log.js')).href);
await ensureClientBuilt(projectRoot, createJsonLogger());
