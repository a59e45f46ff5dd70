import { apiClient } from './api.js';
import { spawnServer } from './serverProcess.js';
import { connectClient, waitFor } from './yclient.js';
import { makeDataDir } from './testServer.js';
import { rmSync } from 'node:fs';

export interface CrashFigures {
  readonly rounds: number;
  /** Edits an observer client had received when the server was killed, summed over rounds. */
  readonly observed: number;
  /** Of those, edits missing after the restart. Must be 0. */
  readonly lost: number;
  /** Edits the writer made, observed or not. */
  readonly written: number;
}

const TOKEN = 'crash-test-token';

/**
 * Kills the server with SIGKILL in the middle of a writer's burst, right after an observer
 * has seen some of it, restarts it on the same data, and counts observed edits that are gone.
 * The writer never reconnects, so nothing it sent can come back except from the server's disk.
 */
export async function runCrashRounds(rounds: number, editsPerBurst = 400): Promise<CrashFigures> {
  const dataDir = makeDataDir();
  const env = { DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN, ACCORD_LOG: 'json' };
  let observed = 0;
  let lost = 0;
  let written = 0;
  let server = await spawnServer(env);
  try {
    const id = await apiClient(server.url, TOKEN).createDeclaration('Crash test');
    for (let round = 0; round < rounds; round++) {
      const writer = connectClient(server.wsUrl, id, TOKEN, { reconnect: false });
      const observer = connectClient(server.wsUrl, id, TOKEN, { reconnect: false });
      await Promise.all([writer.synced(), observer.synced()]);
      const seen = new Set<string>();
      const marker = (i: number) => `<${round}.${i}>`;
      observer.doc.getText('probe').observe(() => {
        for (const m of observer.doc.getText('probe').toString().matchAll(/<\d+\.\d+>/g)) seen.add(m[0]);
      });
      // Kill once the observer has seen a random part of the burst, while the writer goes on.
      const killAfter = 20 + Math.floor(Math.random() * (editsPerBurst / 2));
      let i = 0;
      const writing = (async () => {
        while (i < editsPerBurst && writer.provider.wsconnected) {
          writer.doc.getText('probe').insert(writer.doc.getText('probe').length, marker(i++));
          if (i % 10 === 0) await new Promise((r) => setImmediate(r));
        }
      })();
      const seenThisRound = () => [...seen].filter((m) => m.startsWith(`<${round}.`)).length;
      await waitFor(() => seenThisRound() >= Math.min(killAfter, editsPerBurst) || i >= editsPerBurst, 'the observer to see the burst', 20_000);
      server.child.kill('SIGKILL');
      await server.exited;
      await writing;
      const observedNow = new Set(seen);
      written += i;
      writer.destroy();
      observer.destroy();

      server = await spawnServer(env);
      const check = connectClient(server.wsUrl, id, TOKEN);
      await check.synced();
      const stored = check.doc.getText('probe').toString();
      check.destroy();
      for (const m of observedNow) {
        observed += m.startsWith(`<${round}.`) ? 1 : 0;
        if (!stored.includes(m)) lost++;
      }
    }
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { rounds, observed, lost, written };
}
