/**
 * The server aligns each open declaration in the background, in a worker thread: rows follow the
 * text, rows computed from a text that changed meanwhile are never written, and the server keeps
 * answering while a long declaration is aligned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prose } from '../../bench/collab/builders.js';
import { AlignmentWorker, type AlignedVersion, type AlignmentComputer } from '../../server/aligner/alignmentWorker.js';
import type { Logger } from '../../server/log.js';
import { ALIGNMENT_MAP, readAlignment, type StoredRow } from '../../shared/model/alignment.js';
import { computeAlignmentChanges, readAlignmentInput } from '../../shared/model/autoAlign.js';
import { appendBlocks } from '../../shared/model/documentText.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { ensureParagraphIds } from '../../shared/model/paragraphIds.js';
import { fixtureParagraphs } from '../helpers/fixtures.js';
import { pollHealth } from '../helpers/healthPoller.js';
import { seedDeclaration } from '../helpers/seed.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectClient, waitFor, type YClient } from '../helpers/yclient.js';

const FR = fixtureParagraphs('assises-12/final-declaration.fr.txt');
const VI = fixtureParagraphs('assises-12/final-declaration.vi.txt');
const LANGS = ['fr', 'vi'] as LanguageCode[];
/** 4 MB of French prose, in paragraphs of 25 000 characters. */
const PARAGRAPHS = 160;
/** A writer may send a declaration of several megabytes at once. */
const GENEROUS_LIMITS = {
  ACCORD_BYTES_PER_SECOND: '1000000000',
  ACCORD_TOKEN_BYTES_PER_SECOND: '1000000000',
  ACCORD_CONNECTION_WORK_MS_PER_SECOND: '1000000',
  ACCORD_TOKEN_WORK_MS_PER_SECOND: '1000000',
};

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

function connect(server: TestServer, id: string): YClient {
  const client = connectClient(server.wsUrl, id, server.token);
  clients.push(client);
  return client;
}

const pidsOf = (doc: Y.Doc, lang: string) =>
  doc
    .getXmlFragment(`text:${lang}`)
    .toArray()
    .map((p) => (p as Y.XmlElement).getAttribute('pid') as string);
const rowHolding = (doc: Y.Doc, pid: string) => [...readAlignment(doc).values()].find((row) => Object.values(row.cells).some((pids) => pids.includes(pid)));
const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};

/** Log events, to wait for. */
function recordingLog(): { log: Logger; events: string[] } {
  const events: string[] = [];
  const note = (event: string) => void events.push(event);
  return { events, log: { info: note, warn: note, error: note } };
}

/** The server's worker thread, whose next answer can be held back until the test lets it go. */
function holdableWorker(): { computer: AlignmentComputer; answered: () => number; holdNext: () => { held: Promise<AlignedVersion>; release: () => void } } {
  const worker = new AlignmentWorker();
  let hold: { onHeld: (answer: AlignedVersion) => void; released: Promise<void> } | null = null;
  let answered = 0;
  return {
    answered: () => answered,
    holdNext: () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = new Promise<AlignedVersion>((onHeld) => (hold = { onHeld, released }));
      return { held, release };
    },
    computer: {
      attach: (doc) => {
        const aligner = worker.attach(doc);
        return {
          get version() {
            return aligner.version;
          },
          align: async (languages) => {
            const answer = await aligner.align(languages);
            const current = hold;
            hold = null;
            if (current) {
              current.onHeld(answer);
              await current.released;
            }
            answered++;
            return answer;
          },
          detach: () => aligner.detach(),
        };
      },
      close: () => worker.close(),
    },
  };
}

describe('background alignment', () => {
  it('keeps rows following the text: a paragraph and its translation added get a row together', async () => {
    const server = await startTestServer();
    servers.push(server);
    const id = await seedDeclaration(server, 'Assises', { fr: FR, vi: VI });
    const writer = connect(server, id);
    const reader = connect(server, id);
    await Promise.all([writer.synced(), reader.synced()]);
    await waitFor(() => readAlignment(reader.doc).size === FR.length, 'the seeded rows');
    writer.doc.transact(() => {
      writer.doc.getXmlFragment('text:fr').insert(6, [paragraph('Nous saluons la signature de douze nouveaux accords de coopération en 2023.')]);
      writer.doc.getXmlFragment('text:vi').insert(6, [paragraph('Chúng tôi hoan nghênh việc ký kết mười hai thỏa thuận hợp tác mới trong năm 2023.')]);
    });
    await waitFor(
      () => pidsOf(reader.doc, 'fr').length === FR.length + 1 && pidsOf(reader.doc, 'vi').length === VI.length + 1,
      'the new paragraphs at the reader',
    );
    const [fr, vi] = [pidsOf(reader.doc, 'fr')[6]!, pidsOf(reader.doc, 'vi')[6]!];
    await waitFor(() => {
      const row = rowHolding(reader.doc, fr);
      return row?.cells.fr?.length === 1 && row.cells.vi?.length === 1 && row.cells.vi[0] === vi;
    }, 'a row holding both new paragraphs');
    expect(readAlignment(reader.doc).size).toBe(FR.length + 1);
  });

  it('never writes rows computed from a text that changed while they were computed', async () => {
    const worker = holdableWorker();
    const { log, events } = recordingLog();
    const server = await startTestServer({ alignment: worker.computer, log });
    servers.push(server);
    const id = await seedDeclaration(server, 'Assises', { fr: FR, vi: VI });
    const writer = connect(server, id);
    const reader = connect(server, id);
    await Promise.all([writer.synced(), reader.synced()]);
    await waitFor(() => readAlignment(reader.doc).size === FR.length, 'the seeded rows');
    // Every row the reader is ever sent from now on.
    const seen: StoredRow[] = [];
    reader.doc.getMap<StoredRow>(ALIGNMENT_MAP).observe((event) => {
      for (const key of event.keysChanged) {
        const row = reader.doc.getMap<StoredRow>(ALIGNMENT_MAP).get(key);
        if (row) seen.push(row);
      }
    });

    // A paragraph is added: the worker aligns a text holding it, and the answer is held back…
    const hold = worker.holdNext();
    writer.doc.getXmlFragment('text:fr').insert(6, [paragraph('Nous saluons la signature de douze nouveaux accords de coopération en 2023.')]);
    const held = await hold.held;
    await waitFor(() => pidsOf(reader.doc, 'fr').length === FR.length + 1 && !!pidsOf(reader.doc, 'fr')[6], 'the new paragraph, with its id');
    const added = pidsOf(reader.doc, 'fr')[6]!;
    expect(held.changes!.written.some(([, row]) => row.cells.fr?.includes(added))).toBe(true);
    // …while it is deleted again (a deletion only: the document's state vector does not move).
    const answeredBefore = worker.answered();
    writer.doc.getXmlFragment('text:fr').delete(6, 1);
    await waitFor(() => pidsOf(reader.doc, 'fr').length === FR.length, 'the deletion at the reader');
    hold.release();

    await waitFor(() => events.includes('aligner.stale'), 'the held rows found stale');
    // The alignment runs again on the text as it is, and writes nothing.
    await waitFor(() => worker.answered() >= answeredBefore + 2, 'the next alignment');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((row) => row.cells.fr?.includes(added))).toEqual([]);
    expect(rowHolding(reader.doc, added)).toBeUndefined();
    expect(readAlignment(reader.doc).size).toBe(FR.length);
  });

  it('aligns on the event loop when the worker thread fails', async () => {
    const { log, events } = recordingLog();
    // A worker that cannot start (its entry point missing from a build, say).
    const broken: AlignmentComputer = {
      attach: () => ({
        version: 0,
        align: () => Promise.reject(new Error('the alignment worker exited (code 1)')),
        detach: () => {},
      }),
      close: async () => {},
    };
    const server = await startTestServer({ alignment: broken, log });
    servers.push(server);
    const id = await seedDeclaration(server, 'Assises', { fr: FR, vi: VI });
    const reader = connect(server, id);
    await reader.synced();
    await waitFor(() => readAlignment(reader.doc).size === FR.length, 'the seeded rows');
    expect(events).toContain('aligner.worker_failed');
  });

  // Retried: on a machine running test files side by side, the whole process is sometimes not
  // scheduled for a few hundred ms, and the one poll in flight then reads as slow (404 ms against
  // a bound of 311 once). Without the thread every attempt fails: the alignment holds the loop
  // for about the baseline, over the bound each time.
  it('answers /api/health quickly while it aligns a declaration of 4 MB', { timeout: 120_000, retry: 2 }, async () => {
    // Text no thread of this process has aligned yet (the engine keeps what it read of each paragraph).
    const random = seededRandom(19);
    const big = Array.from({ length: PARAGRAPHS }, () => prose(random, 25_000));
    // The alignment waits until the declaration is stored and the reader in.
    const server = await startTestServer({ env: { ...GENEROUS_LIMITS, ACCORD_ALIGN_DEBOUNCE_MS: '1500' } });
    servers.push(server);
    const id = await seedDeclaration(server, 'Long', { fr: big, vi: [] });
    const reader = connect(server, id);
    await reader.synced();
    const health = await pollHealth(server.url, 10);
    await waitFor(() => readAlignment(reader.doc).size === big.length, 'the rows of every paragraph', 60_000);
    const figures = await health.stop();

    // The same alignment on this thread, of a text of that size it has not seen either: long enough to be seen in /api/health.
    const other = new Y.Doc();
    const otherRandom = seededRandom(20);
    appendBlocks(
      other.getXmlFragment('text:fr'),
      big.map(() => ({ text: prose(otherRandom, 25_000) })),
    );
    ensureParagraphIds(other, ['text:fr'], null);
    const started = performance.now();
    computeAlignmentChanges(readAlignmentInput(other, LANGS)!);
    const alignedHereMs = performance.now() - started;

    expect(alignedHereMs).toBeGreaterThan(250);
    expect(figures.failures).toBe(0);
    expect(figures.polls).toBeGreaterThan(5);
    // Relative to the same work on this thread, measured in the same conditions: on a busy machine
    // (CI runs test files side by side) every figure stretches; the event loop's share must not.
    expect(figures.maxMs, JSON.stringify({ alignedHereMs, ...figures })).toBeLessThan(alignedHereMs * 0.6);
  });
});
