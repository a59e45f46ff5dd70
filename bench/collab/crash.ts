/** Durability across a crash, with full clients (the check reads the restarted server's whole document). */
import { checked, type Figure } from '../figure.js';
import { connectTo } from './builders.js';
import { loadClientFactory, sleep, syncedWithin, waitUntil } from './clients.js';
import { addOwnParagraph, appendMarker, markerKey, markersIn, watchMarkers } from './layout.js';
import { seededRandom } from './samples.js';
import { type Scale, SYNC_TIMEOUT_MS } from './scale.js';
import { newDocument, withSession } from './session.js';
import type { BenchTarget } from './target.js';

/**
 * Like test/helpers/crashRounds.ts, through the target interface: a writer appends markers
 * (marker client = the round) at about 2,000 a second, an observer watches; once the observer
 * has seen a random part of the burst the server gets SIGKILL, then starts again on the same
 * data, and a fresh client counts which of the markers the observer had seen survived. The
 * writer never reconnects.
 */
export async function crash(target: BenchTarget, scale: Scale, burst = 400): Promise<Figure[]> {
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Crash');
    const factory = await loadClientFactory(target.clientModule);
    let observed = 0;
    let lost = 0;
    let written = 0;
    for (let wave = 0; wave < scale.crashRounds; wave++) {
      const here = session.connection(connection.document);
      const writer = connectTo(factory, here, false);
      const observer = connectTo(factory, here, false);
      let seen: Set<number>;
      try {
        await Promise.all([syncedWithin(writer, SYNC_TIMEOUT_MS), syncedWithin(observer, SYNC_TIMEOUT_MS)]);
        const text = addOwnParagraph(writer.doc);
        const seenNow = new Set<number>();
        watchMarkers(observer.doc, (client, edit) => {
          if (client === wave) seenNow.add(markerKey(client, edit));
        });
        const killAfter = 20 + Math.floor(seededRandom(wave + 1)() * (burst / 2));
        let made = 0;
        let killed = false;
        // About 2,000 edits a second, so that the kill lands while the writer is still writing.
        const writing = (async () => {
          while (made < burst && !killed) {
            appendMarker(text, wave, made++);
            if (made % 10 === 0) await sleep(5);
          }
        })();
        // Killed once the observer has seen `killAfter` edits (or, if it never does, after 10 s);
        // the writer goes on until the process is gone, so edits are in flight as it dies.
        await waitUntil(() => seenNow.size >= killAfter, 'the observer to see the burst', 10_000, 1).catch(() => undefined);
        await session.server.kill();
        killed = true;
        await writing;
        seen = new Set(seenNow);
        written += made;
      } finally {
        writer.destroy();
        observer.destroy();
      }
      await session.startAgain();
      const check = connectTo(factory, session.connection(connection.document));
      try {
        await syncedWithin(check, SYNC_TIMEOUT_MS);
        const present = markersIn(check.doc);
        observed += seen.size;
        for (const key of seen) if (!present.has(key)) lost++;
      } finally {
        check.destroy();
      }
    }
    // A contract, not a speed: what another client has seen is stored. The reference does not
    // promise it (it stores 2–10 s after a change, by design), so its losses are its design.
    const name = `crash (kill -9 mid-burst), ${scale.crashRounds} rounds, durability contract "an edit another client has seen is stored" (the reference stores 2–10 s later by design)`;
    return [
      { name: `${name}: edits an observer had seen`, value: observed, unit: 'edits' },
      { ...checked({ name: `${name}: of those, lost after the restart`, value: lost, unit: 'edits', target: '0' }, (v) => v === 0), ratioless: true },
      { name: `${name}: edits written`, value: written, unit: 'edits' },
    ];
  });
}
