#!/usr/bin/env node
// The `accord` command: runs the TypeScript CLI through tsx, which the package depends on.
// The contract is one line of reason on failure: runtime warnings (experimental features of a
// dependency) would add lines, so they are shown only with ACCORD_DEBUG=1.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (process.env.ACCORD_DEBUG) process.stderr.write(`${warning.stack ?? warning}\n`);
});

const { register } = await import('tsx/esm/api');
register();
await import('../server/cli/main.ts');
