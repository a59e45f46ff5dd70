import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { parseLog, parseSnapshot } from '../../server/storage/sqlite/updateLog.js';
import type { TestServer } from './testServer.js';

// Read straight from the data directory (never through the store): what a restart would find.

const docsDir = (server: TestServer) => join(server.dataDir, 'docs');

/**
 * Every stored byte of one declaration (or all): snapshots and update logs, as one comparable
 * string. `clientsOnly`: only the updates people sent (the aligner may write at any time).
 */
export function storedBytes(server: TestServer, id?: string, options: { clientsOnly?: boolean } = {}): string {
  const files = storeFiles(server).filter((name) => !id || name.startsWith(`${id}.`));
  if (!options.clientsOnly) return JSON.stringify(files.map((name) => [name, readFileSync(join(docsDir(server), name)).toString('hex')]));
  return JSON.stringify(
    files
      .filter((name) => name.endsWith('.log'))
      .map((name) => {
        const authors = new Map<number, string | null>();
        const updates: string[] = [];
        for (const r of readLog(server, name).records) {
          if (r.kind === 'author') authors.set(r.index, r.accessId);
          else if (r.kind === 'update' && authors.get(r.author) != null) updates.push(Buffer.from(r.payload).toString('hex'));
        }
        return [name, updates];
      }),
  );
}

/** Updates stored in the logs, in all declarations (or one). */
export function storedUpdateCount(server: TestServer, id?: string): number {
  return storeFiles(server)
    .filter((name) => name.endsWith('.log') && (!id || name === `${id}.log`))
    .reduce((n, name) => n + readLog(server, name).records.filter((r) => r.kind === 'update').length, 0);
}

/** Snapshots stored. */
export function storedSnapshotCount(server: TestServer): number {
  return storeFiles(server).filter((name) => name.endsWith('.snap')).length;
}

/** Declarations with anything stored (a snapshot or an update). */
export function storedDocumentIds(server: TestServer): string[] {
  const ids = new Set<string>();
  for (const name of storeFiles(server)) {
    const id = name.replace(/\.(log|snap)$/, '');
    if (name.endsWith('.snap') || storedUpdateCount(server, id) > 0) ids.add(id);
  }
  return [...ids];
}

/** The whole stored document, rebuilt from snapshot and log. */
export function storedDoc(server: TestServer, id: string): Y.Doc {
  const doc = new Y.Doc();
  const snapPath = join(docsDir(server), `${id}.snap`);
  const snap = existsSync(snapPath) ? parseSnapshot(new Uint8Array(readFileSync(snapPath))) : null;
  if (snap) Y.applyUpdate(doc, snap.state);
  if (existsSync(join(docsDir(server), `${id}.log`))) {
    const parsed = readLog(server, `${id}.log`);
    let seq = parsed.baseSeq;
    for (const record of parsed.records) if (record.kind === 'update' && ++seq > (snap?.seq ?? 0)) Y.applyUpdate(doc, record.payload);
  }
  return doc;
}

function readLog(server: TestServer, name: string) {
  return parseLog(new Uint8Array(readFileSync(join(docsDir(server), name))));
}

function storeFiles(server: TestServer): string[] {
  return existsSync(docsDir(server))
    ? readdirSync(docsDir(server))
        .filter((n) => /\.(log|snap)$/.test(n))
        .sort()
    : [];
}

/** Each record of a log file as framed on disk: where its frame and body start, and its body (tag + payload). */
export function logFrames(bytes: Uint8Array): { offset: number; bodyStart: number; body: Uint8Array }[] {
  const varuint = (at: number) => {
    let value = 0;
    let scale = 1;
    while (bytes[at]! >= 0x80) {
      value += (bytes[at]! & 0x7f) * scale;
      scale *= 0x80;
      at++;
    }
    return { value: value + bytes[at]! * scale, next: at + 1 };
  };
  let at = varuint(5).next; // magic (4) and version (1), then the base sequence number
  const frames: { offset: number; bodyStart: number; body: Uint8Array }[] = [];
  while (at < bytes.length) {
    const length = varuint(at);
    const bodyStart = length.next + 4;
    frames.push({ offset: at, bodyStart, body: bytes.subarray(bodyStart, bodyStart + length.value) });
    at = bodyStart + length.value;
  }
  return frames;
}
