/** Child processes the benchmark starts (servers, workers): none outlives it, even on failure. */
import type { ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const live = new Set<ChildProcess>();

/** Registers `child` to be killed if the benchmark exits first; returns a promise of its exit. */
export function trackChild(child: ChildProcess): Promise<void> {
  live.add(child);
  installExitHook();
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      live.delete(child);
      resolve();
      return;
    }
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
}

/** Sends `signal` and waits for the exit; after `graceMs` sends SIGKILL. */
export async function endChild(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

let hooked = false;

function installExitHook(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const child of live) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}
