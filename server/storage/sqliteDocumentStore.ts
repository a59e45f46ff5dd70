import type { DeclarationId } from '../../shared/model/ids.js';
import type { DocumentStore, StoredDocument, UpdateAuthor } from './documentStore.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

/** The embedded default: snapshots and an append-only update log in SQLite. */
export class SqliteDocumentStore implements DocumentStore {
  private readonly selectSnapshot;
  private readonly selectUpdates;
  private readonly insertUpdate;
  private readonly upsertSnapshot;
  private readonly deleteUpdatesUpTo;
  private readonly countUpdates;

  constructor(private readonly db: SqliteDatabase) {
    this.selectSnapshot = db.prepare<[string], { state: Buffer; seq: number }>(
      'SELECT state, seq FROM doc_snapshots WHERE doc_id = ?',
    );
    this.selectUpdates = db.prepare<[string, number], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
    );
    this.insertUpdate = db.prepare<[string, Buffer, string | null, number]>(
      'INSERT INTO doc_updates (doc_id, data, access_id, at) VALUES (?, ?, ?, ?)',
    );
    this.upsertSnapshot = db.prepare<[string, Buffer, number]>(
      `INSERT INTO doc_snapshots (doc_id, state, seq) VALUES (?, ?, ?)
       ON CONFLICT(doc_id) DO UPDATE SET state = excluded.state, seq = excluded.seq
       WHERE excluded.seq >= doc_snapshots.seq`,
    );
    this.deleteUpdatesUpTo = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?');
    this.countUpdates = db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM doc_updates WHERE doc_id = ? AND seq > ?',
    );
  }

  async loadDocument(id: DeclarationId): Promise<StoredDocument> {
    return this.db.transaction((): StoredDocument => {
      const snap = this.selectSnapshot.get(id);
      const since = snap?.seq ?? 0;
      const rows = this.selectUpdates.all(id, since);
      return {
        snapshot: snap ? new Uint8Array(snap.state) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastSeq: rows.length > 0 ? rows[rows.length - 1]!.seq : since,
      };
    })();
  }

  async appendUpdate(id: DeclarationId, update: Uint8Array, author: UpdateAuthor): Promise<number> {
    const info = this.insertUpdate.run(id, Buffer.from(update.buffer, update.byteOffset, update.byteLength), author.accessId, Date.now());
    return Number(info.lastInsertRowid);
  }

  /** An older snapshot never replaces a newer one (a closing room racing its successor). */
  async compact(id: DeclarationId, state: Uint8Array, upToSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.upsertSnapshot.run(id, Buffer.from(state.buffer, state.byteOffset, state.byteLength), upToSeq);
      this.deleteUpdatesUpTo.run(id, upToSeq);
    })();
  }

  async countUpdatesSinceSnapshot(id: DeclarationId): Promise<number> {
    const since = this.selectSnapshot.get(id)?.seq ?? 0;
    return this.countUpdates.get(id, since)?.n ?? 0;
  }
}
