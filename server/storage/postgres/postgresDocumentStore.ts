import type { DeclarationId } from '../../../shared/model/ids.js';
import type { DocumentStore, StoredDocument, UpdateAuthor } from '../documentStore.js';
import { toBuffer } from '../sql/sqlClient.js';
import { inTransaction, type PostgresDatabase } from './postgresDatabase.js';

/**
 * Hands out the document's next sequence number and stores the update, in one statement (one
 * transaction). The `doc_heads` row stays locked until the commit, so two servers appending to
 * one document get consecutive numbers that also commit in that order: a global sequence could
 * let 11 commit before 10, and a compaction at 11 would then drop an update its state lacks.
 */
const APPEND = `
  WITH head AS (
    INSERT INTO doc_heads AS h (doc_id, last_seq) VALUES ($1, 1)
    ON CONFLICT (doc_id) DO UPDATE SET last_seq = h.last_seq + 1
    RETURNING last_seq
  )
  INSERT INTO doc_updates (doc_id, seq, data, access_id, at)
  SELECT $1, last_seq, $2, $3, $4 FROM head
  RETURNING seq`;

/**
 * Documents in PostgreSQL, shared by every server using the same database: per declaration a
 * snapshot row and the updates appended after it. An append resolves once its transaction has
 * committed, so it is as durable as the database's commits.
 */
export class PostgresDocumentStore implements DocumentStore {
  constructor(private readonly db: PostgresDatabase) {}

  async loadDocument(id: DeclarationId): Promise<StoredDocument> {
    // One snapshot of the database: a compaction committing meanwhile cannot be seen half-way.
    return inTransaction(
      this.db,
      async (client) => {
        const snap = await client.query<{ state: Buffer; seq: number }>('SELECT state, seq FROM doc_snapshots WHERE doc_id = $1', [id]);
        const since = snap.rows[0]?.seq ?? 0;
        const { rows } = await client.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc_id = $1 AND seq > $2 ORDER BY seq', [
          id,
          since,
        ]);
        return {
          snapshot: snap.rows[0] ? new Uint8Array(snap.rows[0].state) : null,
          updates: rows.map((r) => new Uint8Array(r.data)),
          lastSeq: Math.max(since, rows.at(-1)?.seq ?? 0),
          damaged: null,
        };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async readSince(id: DeclarationId, afterSeq: number): Promise<StoredDocument> {
    return inTransaction(
      this.db,
      async (client) => {
        const snap = await client.query<{ state: Buffer; seq: number }>('SELECT state, seq FROM doc_snapshots WHERE doc_id = $1', [id]);
        const snapshotSeq = snap.rows[0]?.seq ?? 0;
        // Updates up to the snapshot are gone: then the snapshot stands in for them.
        const withSnapshot = afterSeq < snapshotSeq;
        const from = withSnapshot ? snapshotSeq : afterSeq;
        const { rows } = await client.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc_id = $1 AND seq > $2 ORDER BY seq', [
          id,
          from,
        ]);
        return {
          snapshot: withSnapshot ? new Uint8Array(snap.rows[0]!.state) : null,
          updates: rows.map((r) => new Uint8Array(r.data)),
          lastSeq: Math.max(from, rows.at(-1)?.seq ?? 0),
          damaged: null,
        };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async appendUpdate(id: DeclarationId, update: Uint8Array, author: UpdateAuthor): Promise<number> {
    const { rows } = await this.db.query<{ seq: number }>(APPEND, [id, toBuffer(update), author.accessId, Date.now()]);
    return rows[0]!.seq;
  }

  /** Replaces the snapshot unless a newer one is there, and drops the updates it covers, in one transaction. */
  async compact(id: DeclarationId, state: Uint8Array, upToSeq: number): Promise<void> {
    await inTransaction(this.db, async (client) => {
      const written = await client.query(
        `INSERT INTO doc_snapshots AS s (doc_id, state, seq) VALUES ($1, $2, $3)
         ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, seq = excluded.seq WHERE s.seq <= excluded.seq`,
        [id, toBuffer(state), upToSeq],
      );
      // An older snapshot never replaces a newer one (a closing room racing its successor).
      if (written.rowCount === 0) return;
      await client.query('DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2', [id, upToSeq]);
    });
  }

  async countUpdatesSinceSnapshot(id: DeclarationId): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM doc_updates
       WHERE doc_id = $1 AND seq > coalesce((SELECT seq FROM doc_snapshots WHERE doc_id = $1), 0)`,
      [id],
    );
    return rows[0]!.n;
  }

  async checkWritable(id: DeclarationId): Promise<boolean> {
    try {
      // Rewrites the head row with the value it has: a real committed write that changes nothing.
      await this.db.query(
        `INSERT INTO doc_heads AS h (doc_id, last_seq) VALUES ($1, 0)
         ON CONFLICT (doc_id) DO UPDATE SET last_seq = h.last_seq`,
        [id],
      );
      return true;
    } catch {
      return false;
    }
  }
}
