import { closeSync, existsSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { DeclarationId } from '../../../shared/model/ids.js';
import type { DocumentStore, StoredDamage, StoredDocument, UpdateAuthor } from '../documentStore.js';
import type { SqliteDatabase } from './sqliteDatabase.js';
import { encodeAuthorRecord, encodeHeader, encodeSnapshot, encodeUpdateRecord, parseLog, parseSnapshot, type ParsedLog } from './updateLog.js';

/** Written beside a kept damaged log: what was lost, reported again by every load while the copy is there. */
const DAMAGE_REPORT_SUFFIX = '.json';

/** A Yjs update that changes nothing: stands in for a lost record in a rewritten log. */
const EMPTY_UPDATE = Uint8Array.of(0, 0);

/** How bytes reach a file; tests replace it to simulate a full or failing disk. */
export type WriteBytes = (fd: number, bytes: Uint8Array) => void;

const writeAll: WriteBytes = (fd, bytes) => {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
};

/** One declaration's open log. */
interface OpenLog {
  readonly fd: number;
  baseSeq: number;
  /** Updates in the log (the last one's seq is baseSeq + count). */
  count: number;
  /** Length of the file's valid prefix: a failed write is cut back to it before the next. */
  length: number;
  /** A write failed and the cut may not have happened: cut before writing again. */
  dirty: boolean;
  readonly authors: Map<string | null, number>;
}

/**
 * The embedded default store, plain files in `DATA_DIR/docs/`: per declaration an append-only
 * update log (`<id>.log`, see updateLog.ts), written with one `write(2)` per update before the
 * update is acknowledged or broadcast, and a snapshot (`<id>.snap`) replaced whole at
 * compaction. A killed process loses nothing written (the bytes are in the OS); with
 * `durability: 'fsync'` each append also reaches the device. A database row per update would
 * write a whole page per keystroke; this writes the update and about six bytes.
 */
export class LogDocumentStore implements DocumentStore {
  private readonly dir: string;
  private readonly logs = new Map<DeclarationId, OpenLog>();

  constructor(
    db: SqliteDatabase,
    dataDir: string,
    private readonly options: { durability?: 'process' | 'fsync'; write?: WriteBytes } = {},
  ) {
    this.dir = join(dataDir, 'docs');
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) if (name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
    this.moveLegacyDocuments(db);
  }

  async loadDocument(id: DeclarationId): Promise<StoredDocument> {
    this.closeLog(id);
    const snapshot = this.readSnapshot(id);
    const since = snapshot?.seq ?? 0;
    let parsed = this.readLog(id);
    const found = parsed?.damage ? this.setDamageAside(id, parsed) : null;
    if (found) parsed = this.readLog(id);
    const updates: Uint8Array[] = [];
    let seq = parsed?.baseSeq ?? since;
    for (const record of parsed?.records ?? []) {
      if (record.kind !== 'update') continue;
      // Past a lost stretch the numbering is a guess (it may have held several records), so
      // every intact update is loaded: one the snapshot already holds changes nothing.
      if (++seq > since || found) updates.push(record.payload);
    }
    const log = this.openLog(id, parsed, since);
    return { snapshot: snapshot?.state ?? null, updates, lastSeq: Math.max(since, log.baseSeq + log.count), damaged: found ?? this.earlierDamage(id) };
  }

  async readSince(id: DeclarationId, afterSeq: number): Promise<StoredDocument> {
    const snapshot = this.readSnapshot(id);
    const withSnapshot = snapshot !== null && afterSeq < snapshot.seq;
    const from = withSnapshot ? snapshot.seq : afterSeq;
    const parsed = this.readLog(id);
    const updates: Uint8Array[] = [];
    let seq = parsed?.baseSeq ?? 0;
    for (const record of parsed?.records ?? []) {
      if (record.kind === 'lost' && !record.torn) seq++;
      if (record.kind === 'update' && ++seq > from) updates.push(record.payload);
    }
    return { snapshot: withSnapshot ? snapshot.state : null, updates, lastSeq: Math.max(from, seq), damaged: null };
  }

  async appendUpdate(id: DeclarationId, update: Uint8Array, author: UpdateAuthor): Promise<number> {
    const log = this.logOf(id);
    let index = log.authors.get(author.accessId);
    const declare = index === undefined;
    if (index === undefined) index = log.authors.size;
    const record = encodeUpdateRecord(index, update);
    this.write(log, declare ? Buffer.concat([encodeAuthorRecord(index, author.accessId), record]) : record);
    log.authors.set(author.accessId, index);
    log.count++;
    return log.baseSeq + log.count;
  }

  /**
   * Writes the snapshot (whole, then renamed into place), then starts a fresh log holding only
   * what follows it. A crash in between leaves log records the snapshot already covers; loading
   * skips them by their sequence number.
   */
  async compact(id: DeclarationId, state: Uint8Array, upToSeq: number): Promise<void> {
    const previous = this.readSnapshot(id);
    // An older snapshot never replaces a newer one (a closing room racing its successor).
    if (previous && previous.seq > upToSeq) return;
    this.writeFile(this.path(id, 'snap'), encodeSnapshot(upToSeq, state), true);
    const parsed = this.readLog(id);
    const kept: Uint8Array[] = [];
    const authors = new Map<string | null, number>();
    const declared = new Map<number, string | null>();
    let seq = parsed?.baseSeq ?? upToSeq;
    for (const record of parsed?.records ?? []) {
      if (record.kind === 'author') {
        declared.set(record.index, record.accessId);
        continue;
      }
      if (record.kind === 'lost') {
        // Damaged since it was loaded: its copy is set aside at the next load, not here.
        if (!record.torn) seq++;
        continue;
      }
      if (++seq <= upToSeq) continue;
      const accessId = declared.get(record.author) ?? null;
      let index = authors.get(accessId);
      if (index === undefined) {
        authors.set(accessId, (index = authors.size));
        kept.push(encodeAuthorRecord(index, accessId));
      }
      kept.push(encodeUpdateRecord(index, record.payload));
    }
    this.closeLog(id);
    this.writeFile(this.path(id, 'log'), Buffer.concat([encodeHeader(upToSeq), ...kept]), true);
    this.openLog(id, this.readLog(id), upToSeq);
  }

  async countUpdatesSinceSnapshot(id: DeclarationId): Promise<number> {
    const log = this.logOf(id);
    return Math.max(0, log.baseSeq + log.count - (this.readSnapshot(id)?.seq ?? 0));
  }

  async checkWritable(id: DeclarationId): Promise<boolean> {
    const log = this.logOf(id);
    try {
      // Re-declaring an author changes nothing a reader sees; it proves the disk takes bytes again.
      const index = log.authors.get(null) ?? log.authors.size;
      this.write(log, encodeAuthorRecord(index, null));
      log.authors.set(null, index);
      return true;
    } catch {
      return false;
    }
  }

  /** Closes every open log (the server is stopping). */
  close(): void {
    for (const id of [...this.logs.keys()]) this.closeLog(id);
  }

  private write(log: OpenLog, bytes: Uint8Array): void {
    const write = this.options.write ?? writeAll;
    try {
      // A previous failure may have left bytes behind that could not be cut: cut them now, or refuse.
      if (log.dirty) ftruncateSync(log.fd, log.length);
      log.dirty = false;
      write(log.fd, bytes);
      if (this.options.durability === 'fsync') fdatasyncSync(log.fd);
      log.length += bytes.length;
    } catch (error) {
      // A partial record must not stay in front of the next one.
      log.dirty = true;
      try {
        ftruncateSync(log.fd, log.length);
        log.dirty = false;
      } catch {
        // Retried before the next write; a load finds a torn tail by its checksum anyway.
      }
      throw error;
    }
  }

  private logOf(id: DeclarationId): OpenLog {
    return this.logs.get(id) ?? this.openLog(id, this.readLog(id), this.readSnapshot(id)?.seq ?? 0);
  }

  private openLog(id: DeclarationId, parsed: ParsedLog | null, snapshotSeq: number): OpenLog {
    // O_APPEND: every write lands at the end, after the truncation that precedes it.
    const fd = openSync(this.path(id, 'log'), 'a+');
    const log: OpenLog = { fd, baseSeq: snapshotSeq, count: 0, length: 0, dirty: false, authors: new Map() };
    const updatesIn = (parsed?.records ?? []).filter((r) => r.kind === 'update').length;
    // A log that ends before the snapshot (an older copy of it restored next to a newer snapshot)
    // holds nothing the snapshot lacks, and numbering on from it would give new updates numbers
    // the snapshot already covers: start afresh after the snapshot.
    const stale = parsed !== null && parsed.baseSeq + updatesIn < snapshotSeq;
    if (parsed && parsed.validBytes > 0 && !stale) {
      log.baseSeq = parsed.baseSeq;
      log.length = parsed.validBytes;
      for (const record of parsed.records) {
        if (record.kind === 'author') log.authors.set(record.accessId, record.index);
        else if (record.kind === 'update' || !record.torn) log.count++;
      }
      ftruncateSync(fd, log.length);
    } else {
      const header = encodeHeader(snapshotSeq);
      ftruncateSync(fd, 0);
      writeAll(fd, header);
      log.length = header.length;
    }
    this.logs.set(id, log);
    return log;
  }

  /**
   * Keeps a byte-identical copy of a damaged log (`<id>.log.damaged-<time>`, never touched
   * again) and rewrites the live log with its intact records, so that appends follow them and
   * the next load reads it whole. A lost stretch becomes an empty update, so numbering never
   * goes backwards. Damage that lost more than a write cut short is also written down beside
   * the copy (`….json`) and reported by every load until an operator sets the copy aside.
   */
  private setDamageAside(id: DeclarationId, parsed: ParsedLog): StoredDamage {
    const path = this.path(id, 'log');
    const foundAt = Date.now();
    const keptAt = `${path}.damaged-${foundAt}`;
    this.writeFile(keptAt, readFileSync(path), true);
    const lost = parsed.records.flatMap((r) => (r.kind === 'lost' ? [r] : []));
    const first = lost[0]!;
    const damage: StoredDamage = {
      offset: first.offset,
      bytes: first.bytes,
      reason: first.reason,
      keptAt,
      skipped: lost.map(({ offset, bytes, reason }) => ({ offset, bytes, reason })),
      tornWrite: lost.every((r) => r.torn),
      foundAt,
    };
    if (!damage.tornWrite) this.writeFile(`${keptAt}${DAMAGE_REPORT_SUFFIX}`, new TextEncoder().encode(JSON.stringify(damage)), true);
    const kept = parsed.records.flatMap((r) => {
      if (r.kind === 'update') return [encodeUpdateRecord(r.author, r.payload)];
      if (r.kind === 'author') return [encodeAuthorRecord(r.index, r.accessId)];
      return r.torn ? [] : [encodeUpdateRecord(0, EMPTY_UPDATE)];
    });
    this.writeFile(path, Buffer.concat([encodeHeader(parsed.baseSeq), ...kept]), true);
    return damage;
  }

  /** The latest damage an earlier load wrote down for this declaration, while its kept copy is still in place. */
  private earlierDamage(id: DeclarationId): StoredDamage | null {
    const prefix = `${id}.log.damaged-`;
    let latest: StoredDamage | null = null;
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(prefix) || !name.endsWith(DAMAGE_REPORT_SUFFIX)) continue;
      const keptCopy = join(this.dir, name.slice(0, -DAMAGE_REPORT_SUFFIX.length));
      if (!existsSync(keptCopy)) continue;
      try {
        const report = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as StoredDamage;
        if (!latest || report.foundAt > latest.foundAt) latest = report;
      } catch {
        // An unreadable report still marks the declaration as damaged; the copy beside it says the rest.
        latest ??= { offset: 0, bytes: 0, reason: 'damage report unreadable', keptAt: keptCopy, skipped: [], tornWrite: false, foundAt: 0 };
      }
    }
    return latest;
  }

  private closeLog(id: DeclarationId): void {
    const log = this.logs.get(id);
    if (!log) return;
    closeSync(log.fd);
    this.logs.delete(id);
  }

  private readLog(id: DeclarationId): ParsedLog | null {
    const path = this.path(id, 'log');
    return existsSync(path) ? parseLog(new Uint8Array(readFileSync(path))) : null;
  }

  private readSnapshot(id: DeclarationId): { seq: number; state: Uint8Array } | null {
    const path = this.path(id, 'snap');
    return existsSync(path) ? parseSnapshot(new Uint8Array(readFileSync(path))) : null;
  }

  /** Writes a whole file under a temporary name and renames it into place. */
  private writeFile(path: string, bytes: Uint8Array, flush: boolean): void {
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeAll(fd, bytes);
      if (flush) fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }

  private path(id: DeclarationId, kind: 'log' | 'snap'): string {
    // Declaration ids are base64url: safe as file names.
    return join(this.dir, `${id}.${kind}`);
  }

  /** Earlier versions kept documents in SQLite (`doc_snapshots`, `doc_updates`): move them into files, once. */
  private moveLegacyDocuments(db: SqliteDatabase): void {
    const ids = db.prepare('SELECT doc_id FROM doc_snapshots UNION SELECT doc_id FROM doc_updates').all() as { doc_id: string }[];
    for (const { doc_id } of ids) {
      const snap = db.prepare('SELECT state, seq FROM doc_snapshots WHERE doc_id = ?').get(doc_id) as { state: Buffer; seq: number } | undefined;
      const rows = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq').all(doc_id, snap?.seq ?? 0) as {
        seq: number;
        data: Buffer;
      }[];
      const doc = new Y.Doc({ gc: true });
      if (snap) Y.applyUpdate(doc, snap.state);
      for (const r of rows) Y.applyUpdate(doc, r.data);
      const seq = rows.length ? rows[rows.length - 1]!.seq : (snap?.seq ?? 0);
      this.writeFile(this.path(doc_id as DeclarationId, 'snap'), encodeSnapshot(seq, Y.encodeStateAsUpdate(doc)), true);
      this.writeFile(this.path(doc_id as DeclarationId, 'log'), encodeHeader(seq), true);
      db.transaction(() => {
        db.prepare('DELETE FROM doc_updates WHERE doc_id = ?').run(doc_id);
        db.prepare('DELETE FROM doc_snapshots WHERE doc_id = ?').run(doc_id);
      })();
    }
  }
}
