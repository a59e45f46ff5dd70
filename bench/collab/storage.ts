/** Accord's storage: write amplification, and the event-loop stall of compactions under load. Accord only (it reads Accord's own configuration). */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import { createAccordTarget } from './accordTarget.js';
import { awaitStored, connectTo, countLocalUpdates, lastParagraphText, seedDeclaration, typeSteadily } from './builders.js';
import { loadClientFactory, sleep, syncedWithin } from './clients.js';
import { pollHealth, pollHealthWhile } from './health.js';
import { openCpuWindow, readProcStats } from './procStats.js';
import { percentile, seededRandom, sortedSamples } from './samples.js';
import { type Scale, SYNC_TIMEOUT_MS } from './scale.js';
import { newDocument, withSession } from './session.js';
import { otherLoad } from './usage.js';

/**
 * Accord's storage. Write amplification: one writer, no other client, types small edits at
 * 50/s into a 300-row declaration; bytes the server wrote (/proc wchar) over the bytes of the
 * Yjs updates the writer produced. wchar counts socket writes too: with a single client the
 * server has nothing to forward, no save checks are sent, and the aligner waits for a pause
 * that never comes, so what it still sends (its echo of the writer's presence) is measured at
 * the client and subtracted. Stall: the same writer at 100 edits/s with a compaction every 100
 * updates, while the bench process times `GET /api/health` every 5 ms.
 */
export async function storage(scale: Scale): Promise<Figure[]> {
  const target = createAccordTarget();
  return withSession(target, async (session) => {
    const connection = await newDocument(session, 'Storage');
    const factory = await loadClientFactory(target.clientModule);
    let writer = connectTo(factory, connection);
    let amplification: Figure[];
    try {
      await syncedWithin(writer, SYNC_TIMEOUT_MS);
      seedDeclaration(writer.doc);
      await awaitStored(factory, connection, writer.doc);
      await sleep(1_000); // the aligner's first pass over the new rows
      const counter = countLocalUpdates(writer.doc);
      const typing = lastParagraphText(writer.doc);
      const random = seededRandom(50);
      await typeSteadily(typing, random, 50, scale.warmupMs);
      const before = readProcStats(session.server.pid);
      const receivedBefore = writer.bytesReceived();
      const updatesBefore = { ...counter };
      await typeSteadily(typing, random, 50, scale.storageMs);
      await sleep(500); // the last updates stored
      const after = readProcStats(session.server.pid);
      const updateBytes = counter.bytes - updatesBefore.bytes;
      const updates = counter.updates - updatesBefore.updates;
      const socketBytes = writer.bytesReceived() - receivedBefore;
      const written = after.wchar - before.wchar - socketBytes;
      const name = `storage, one writer, 50 small edits/s for ${scale.storageMs / 1000} s`;
      amplification = [
        checked(
          {
            name: `${name}: write amplification (server wchar − socket bytes) / update bytes`,
            value: round(written / updateBytes, 2),
            unit: '×',
            target: '≤ 1.5',
          },
          (v) => v <= 1.5,
        ),
        { name: `${name}: update bytes (${updates} updates, mean ${round(updateBytes / updates)} B)`, value: round(updateBytes / 1024), unit: 'KB' },
        { name: `${name}: server bytes written`, value: round(written / 1024), unit: 'KB' },
      ];
      const blockBytes = after.writeBytes - before.writeBytes;
      if (blockBytes > 0)
        amplification.push({ name: `${name}: write amplification by write_bytes (block layer)`, value: round(blockBytes / updateBytes, 2), unit: '×' });
    } finally {
      writer.destroy();
    }

    await session.restart(createAccordTarget({ ACCORD_COMPACT_AFTER: '100' }));
    writer = connectTo(factory, session.connection(connection.document));
    try {
      await syncedWithin(writer, SYNC_TIMEOUT_MS);
      const health = `${session.server.httpUrl}/api/health`;
      const { times: baseline } = await pollHealth(health, 1_000);
      let typing = true;
      const closeWindow = openCpuWindow([session.server.pid]);
      const polling = pollHealthWhile(health, () => typing);
      await typeSteadily(lastParagraphText(writer.doc), seededRandom(100), 100, scale.stallMs);
      typing = false;
      const { times } = await polling;
      const usage = closeWindow();
      const base = percentile(sortedSamples(baseline), 50);
      const worst = Math.max(...times);
      const name = `storage, 100 edits/s for ${scale.stallMs / 1000} s, a compaction every 100 updates`;
      return [
        ...amplification,
        checked(
          {
            name: `${name}: largest event-loop stall (slowest of ${times.length} health polls − baseline ${round(base)} ms)`,
            value: round(worst - base),
            unit: 'ms',
            target: '≤ 50 ms',
          },
          (v) => v <= 50,
        ),
        otherLoad(name, usage),
      ];
    } finally {
      writer.destroy();
    }
  });
}
