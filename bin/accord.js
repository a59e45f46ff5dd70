#!/usr/bin/env node
// The `accord` command: runs the TypeScript CLI through tsx, which the package depends on.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
