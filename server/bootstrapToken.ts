import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken } from './auth/tokens.js';

/**
 * The secretariat's token: ACCORD_BOOTSTRAP_TOKEN when set, else one generated at the first
 * start and kept (readable by the owner only) in DATA_DIR, so its link can be printed again.
 */
export function loadBootstrapToken(dataDir: string, fromEnv: string | null): string {
  if (fromEnv !== null) return fromEnv;
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secretariat.token');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = generateToken();
  writeFileSync(path, token + '\n', { mode: 0o600 });
  return token;
}
