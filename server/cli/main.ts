/** `accord <command>`: exit 0 on success; otherwise a one-line reason on stderr and exit 1. */
import { commands } from './commands.js';

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;

if (!command) {
  process.stderr.write(`usage: accord <${Object.keys(commands).join('|')}> [options]${name ? ` (unknown command "${name}")` : ''}\n`);
  process.exit(2);
}

// process.exit() would end the process before a piped stdout has drained (output cut at 64 KB
// under `| jq`): set the exit code and let Node finish writing, then exit on its own.
command(args).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`accord ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
