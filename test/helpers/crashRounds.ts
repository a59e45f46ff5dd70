import { apiClient } from './api.js';
import { spawnServer } from './serverProcess.js';
import { connectClient, waitFor } from './yclient.js';
import { makeDataDir } from './testServer.js';
import { rmSync } from 'node:fs';
import { seededRandom, testSeed } from './seededRandom.js';

export interface CrashFigures {
  readonly rounds: number;
  /** Edits an observer client had received when the server was killed, summed over rounds. */
  readonly observed: number;
  /** Of those, edits missing after the restart. Must be 0. */
  readonly lost: number;
  /** Edits the writers made, observed or not. */
  readonly written: number;
  /** Replays the same kill points: `ACCORD_TEST_SEED=<seed>`. */
  readonly seed: number;
}

const TOKEN = 'crash-test-token';

/**
 * Kills the server with SIGKILL in the middle of several writers' bursts, right after an observer
 * has seen some of it, restarts it on the same data, and counts observed edits that are gone.
 * The writers never reconnect, so nothing they sent can come back except from the server's disk.
 */
export async function runCrashRounds(rounds: number, editsPerBurst = 400, writerCount = 3, seed = testSeed()): Promise<CrashFigures> {
  const random = seededRandom(seed);
  const dataDir = makeDataDir();
  const env = { DATA_DIR: dataDir, ACCORD_BOOTSTRAP_TOKEN: TOKEN, ACCORD_LOG: 'json' };
  let observed = 0;
  let lost = 0;
  let written = 0;
  let server = await spawnServer(env);
  try {
    const id = await apiClient(server.url, TOKEN).createDeclaration('Crash test');
    for (let round = 0; round < rounds; round++) {
      // Several writers at once, each in its own paragraph-like text; an observer counts what it has seen.
      const writers = Array.from({ length: writerCount }, () => connectClient(server.wsUrl, id, TOKEN, { reconnect: false }));
      const observer = connectClient(server.wsUrl, id, TOKEN, { reconnect: false });
      await Promise.all([...writers.map((w) => w.synced()), observer.synced()]);
      const seen = new Set<string>();
      const marker = (w: number, i: number) => `<${round}.${w}.${i}>`;
      const texts = Array.from({ length: writerCount }, (_, w) => `probe${w}`);
      observer.doc.on('update', () => {
        for (const name of texts)
          for (const m of observer.doc
            .getText(name)
            .toString()
            .matchAll(/<\d+\.\d+\.\d+>/g))
            seen.add(m[0]);
      });
      // Kill once the observer has seen a random part of the burst, while the writers go on.
      const killAfter = 20 + Math.floor(random() * (editsPerBurst / 2));
      const counts = writers.map(() => 0);
      const writing = writers.map(async (writer, w) => {
        const text = writer.doc.getText(texts[w]!);
        while (counts[w]! < editsPerBurst && writer.provider.wsconnected) {
          text.insert(text.length, marker(w, counts[w]!++));
          if (counts[w]! % 10 === 0) await new Promise((r) => setImmediate(r));
        }
      });
      const seenThisRound = () => [...seen].filter((m) => m.startsWith(`<${round}.`)).length;
      await waitFor(
        () => seenThisRound() >= Math.min(killAfter, editsPerBurst) || counts.every((c) => c >= editsPerBurst),
        'the observer to see the burst',
        20_000,
      );
      server.child.kill('SIGKILL');
      await server.exited;
      await Promise.all(writing);
      const observedNow = new Set(seen);
      written += counts.reduce((a, b) => a + b, 0);
      for (const writer of writers) writer.destroy();
      observer.destroy();

      server = await spawnServer(env);
      const check = connectClient(server.wsUrl, id, TOKEN);
      await check.synced();
      const stored = Array.from({ length: writerCount }, (_, w) => check.doc.getText(`probe${w}`).toString()).join('');
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
  return { rounds, observed, lost, written, seed };
}
