import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts', import.meta.url));
