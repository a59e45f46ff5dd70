import { ensureClientBuilt } from '../../server/clientBuild.js';
import { silentLogger } from '../../server/log.js';
import { PROJECT_ROOT } from './paths.js';
import { ensureServerBuilt } from '../../scripts/serverBuild.mjs';

/**
 * Tests that run the server in its own process run the compiled one, as `npm start` does, and
 * browser tests need the built client: build both once (or reuse them) before any test runs.
 */
export default async function setup(): Promise<void> {
  await ensureServerBuilt({ root: PROJECT_ROOT, quiet: true });
  await ensureClientBuilt(PROJECT_ROOT, silentLogger);
}
