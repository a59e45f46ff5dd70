import { ensureClientBuilt } from '../../server/clientBuild.js';
import { silentLogger } from '../../server/log.js';
import { PROJECT_ROOT } from './paths.js';

/** Browser tests need the built client; build it once (or reuse it) before any test runs. */
export default async function setup(): Promise<void> {
  await ensureClientBuilt(PROJECT_ROOT, silentLogger);
}
