/**
 * The documents scenarios start from, built through a target's own clients (so each server
 * stores them its own way): a long history of large inserts and deletes, a declaration typed
 * one keystroke at a time, a 300-row bilingual declaration.
 */
import * as Y from 'yjs';
import { appendBlocks } from '../../shared/model/documentText.js';
import { synthesiseDeclaration } from '../compare.js';
import { sleep, syncedWithin, waitUntil } from './clients.js';
import type { ConnectionInfo } from './jobs.js';
import { addOwnParagraph, TEXT_FRAGMENT } from './layout.js';
import { seededRandom, wallClock } from './samples.js';
import type { BenchClient, ClientFactory } from './target.js';

const SYNC_TIMEOUT_MS = 60_000;
/** Frames one Accord connection may send at once (ACCORD_MESSAGE_BURST's default is 2,000). */
const EDITS_PER_SESSION = 1_000;

const WORDS =
  'la délégation propose que les parties conviennent de renforcer la coopération dans le domaine de la santé publique et de l’éducation sous réserve des dispositions de l’article premier'.split(
    ' ',
  );

export function connectTo(factory: ClientFactory, connection: ConnectionInfo, reconnect?: boolean): BenchClient {
  const { wsUrl, httpUrl, token, document } = connection;
  return factory({ wsUrl, httpUrl, token, document, ...(reconnect === undefined ? {} : { reconnect }) });
}

/** Counts the bytes of the Yjs updates `doc`'s own (local) transactions produce. */
export function countLocalUpdates(doc: Y.Doc): { bytes: number; updates: number } {
  const counter = { bytes: 0, updates: 0 };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== null) return; // remote updates come with the provider (or the server) as origin
    counter.bytes += update.byteLength;
    counter.updates++;
  });
  return counter;
}

/**
 * Resolves once the server holds everything in `doc`: a fresh client connects and waits until
 * its state vector covers `doc`'s. What a fresh client gets is what the server has.
 */
export async function awaitStored(factory: ClientFactory, connection: ConnectionInfo, doc: Y.Doc): Promise<void> {
  const wanted = Y.decodeStateVector(Y.encodeStateVector(doc));
  const checker = connectTo(factory, connection);
  try {
    await syncedWithin(checker, SYNC_TIMEOUT_MS);
    const covers = () => {
      const have = Y.decodeStateVector(Y.encodeStateVector(checker.doc));
      for (const [client, clock] of wanted) if ((have.get(client) ?? 0) < clock) return false;
      return true;
    };
    await waitUntil(covers, 'the server to hold the whole document', SYNC_TIMEOUT_MS, 20);
  } finally {
    checker.destroy();
  }
}

export interface HistoryFigures {
  /** Sum of the Yjs updates the history is made of. */
  readonly historyBytes: number;
  readonly updates: number;
  /** Size of the whole current state (Y.encodeStateAsUpdate): what a fresh client downloads. */
  readonly stateBytes: number;
  /** The state vector of a copy taken once `partialAt` of the history was written: a client that holds most of it. */
  readonly partialStateVector: Uint8Array;
}

/**
 * A declaration with `targetBytes` of history: 100 paragraphs, 8 KB of text appended to one of
 * them per update, each followed by a deletion of 4 KB in a paragraph long enough, so that a good
 * part of what was written is gone again (and, collected, no longer part of the state). The state
 * vector at `partialAt` of the way is kept: what a client that left before the end holds.
 */
export async function buildHistory(factory: ClientFactory, connection: ConnectionInfo, targetBytes: number, partialAt = 0.9): Promise<HistoryFigures> {
  const random = seededRandom(4);
  const writer = connectTo(factory, connection);
  try {
    await syncedWithin(writer, SYNC_TIMEOUT_MS);
    const counter = countLocalUpdates(writer.doc);
    const texts: Y.XmlText[] = [];
    writer.doc.transact(() => {
      for (let p = 0; p < 100; p++) texts.push(addOwnParagraph(writer.doc, `Paragraphe ${p + 1}. `));
    });
    let partialStateVector: Uint8Array | null = null;
    for (let step = 0; counter.bytes < targetBytes; step++) {
      if (!partialStateVector && counter.bytes >= partialAt * targetBytes) partialStateVector = Y.encodeStateVector(writer.doc);
      const text = texts[step % texts.length]!;
      text.insert(text.length, prose(random, 8_000));
      const victim = texts[Math.floor(random() * texts.length)]!;
      if (victim.length > 4_100) victim.delete(Math.floor(random() * (victim.length - 4_000)), 4_000);
      // Let the socket drain now and then; Accord allows 4 MB/s per connection sustained, 32 MB at once.
      if (step % 20 === 19) await sleep(5);
    }
    await awaitStored(factory, connection, writer.doc);
    return {
      historyBytes: counter.bytes,
      updates: counter.updates,
      stateBytes: Y.encodeStateAsUpdate(writer.doc).byteLength,
      partialStateVector: partialStateVector ?? Y.encodeStateVector(writer.doc),
    };
  } finally {
    writer.destroy();
  }
}

export interface TypedFigures {
  readonly edits: number;
  readonly stateBytes: number;
  /** Characters in `text:fr`, to check what a client later loads. */
  readonly characters: number;
}

/**
 * A declaration typed one keystroke per transaction: sessions of 1,000 keystrokes, one typist at
 * a time each in a paragraph of its own (mostly at the end, sometimes in the middle, sometimes a
 * backspace), so the server sees `edits` small updates. Sessions keep each connection under
 * Accord's frame budget.
 */
export async function buildTyped(factory: ClientFactory, connection: ConnectionInfo, edits: number): Promise<TypedFigures> {
  const random = seededRandom(20_000);
  const watcher = connectTo(factory, connection);
  try {
    await syncedWithin(watcher, SYNC_TIMEOUT_MS);
    for (let done = 0; done < edits; ) {
      const typist = connectTo(factory, connection);
      try {
        await syncedWithin(typist, SYNC_TIMEOUT_MS);
        const text = addOwnParagraph(typist.doc);
        const session = Math.min(EDITS_PER_SESSION, edits - done);
        for (let k = 0; k < session; k++) {
          typeKey(text, random);
          if (k % 100 === 99) await sleep(1);
        }
        done += session;
        const typistSv = Y.decodeStateVector(Y.encodeStateVector(typist.doc));
        const clock = typistSv.get(typist.doc.clientID) ?? 0;
        await waitUntil(
          () => (Y.decodeStateVector(Y.encodeStateVector(watcher.doc)).get(typist.doc.clientID) ?? 0) >= clock,
          'the server to forward a typing session',
          SYNC_TIMEOUT_MS,
          20,
        );
      } finally {
        typist.destroy();
      }
    }
    return { edits, stateBytes: Y.encodeStateAsUpdate(watcher.doc).byteLength, characters: charactersIn(watcher.doc) };
  } finally {
    watcher.destroy();
  }
}

/** One keystroke: 80 % at the end, 13 % in the middle, 7 % a backspace. */
function typeKey(text: Y.XmlText, random: () => number): void {
  const r = random();
  const letters = 'abcdefghijklmnopqrstuvwxyzéèàç      ';
  const letter = letters[Math.floor(random() * letters.length)]!;
  if (r < 0.8 || text.length === 0) text.insert(text.length, letter);
  else if (r < 0.93) text.insert(Math.floor(random() * text.length), letter);
  else text.delete(Math.floor(random() * text.length), 1);
}

/** Characters of text in `text:fr` (whatever attributes a server adds to paragraphs). */
export function charactersIn(doc: Y.Doc): number {
  let count = 0;
  for (const block of doc.getXmlFragment(TEXT_FRAGMENT).toArray()) {
    if (block instanceof Y.XmlElement) for (const child of block.toArray()) if (child instanceof Y.XmlText) count += child.length;
  }
  return count;
}

/** Adds a 300-row French–Vietnamese declaration (the one the comparison benchmark uses) in one transaction. */
export function seedDeclaration(doc: Y.Doc): void {
  const text = synthesiseDeclaration(300);
  doc.transact(() => {
    for (const lang of text.languages) {
      appendBlocks(
        doc.getXmlFragment(`text:${lang}`),
        text.rows.flatMap((r) => (r.cells[lang] ?? []).map((c) => ({ text: c.text }))),
      );
    }
  });
}

/** `length` characters of French-looking prose drawn from WORDS with `random`. */
export function prose(random: () => number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

/** The text of the last paragraph of `text:fr` (where the storage writer types). */
export function lastParagraphText(doc: Y.Doc): Y.XmlText {
  const blocks = doc.getXmlFragment(TEXT_FRAGMENT).toArray();
  const last = blocks[blocks.length - 1];
  const text = last instanceof Y.XmlElement ? last.get(0) : undefined;
  if (!(text instanceof Y.XmlText)) throw new Error('no paragraph to type in');
  return text;
}

/** Types 1–4 characters per edit at `perSecond` edits a second for `ms`, on a fixed schedule. */
export async function typeSteadily(text: Y.XmlText, random: () => number, perSecond: number, ms: number): Promise<void> {
  const started = wallClock();
  const edits = Math.floor((perSecond * ms) / 1000);
  for (let k = 0; k < edits; k++) {
    await sleep(started + (k * 1000) / perSecond - wallClock());
    const word = 'essai'.slice(0, 1 + Math.floor(random() * 4));
    text.insert(text.length, word);
  }
  await sleep(started + ms - wallClock());
}
