import type { DeclarationId } from '../../shared/model/ids.js';

/** Who made a stored change, for attribution. */
export interface UpdateAuthor {
  /** The access grant behind the connection; null for the server's own changes. */
  readonly accessId: string | null;
}

/** What a document is on disk: a snapshot plus every update appended after it, in order. */
export interface StoredDocument {
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  /** Sequence number of the last update (or of the snapshot when no update follows it). */
  readonly lastSeq: number;
  /**
   * Set when part of the stored history could not be read: what was skipped (the intact rest is
   * in `snapshot` and `updates`), and where the damaged bytes were kept. A store whose writes are
   * atomic (a database row) reports null; the room also counts stored updates that do not apply.
   */
  readonly damaged?: StoredDamage | null;
}

/** Stored history a load could not read, as a value: where, why, and where the damaged bytes were kept. */
export interface StoredDamage {
  /** The first unreadable stretch: its byte offset, length and why it could not be read. */
  readonly offset: number;
  readonly bytes: number;
  readonly reason: string;
  /** A byte-identical copy of the damaged file; never deleted or overwritten by Accord. */
  readonly keptAt: string;
  /** Every unreadable stretch, in order; the intact records after each one were loaded. */
  readonly skipped: readonly { readonly offset: number; readonly bytes: number; readonly reason: string }[];
  /** Only the end was unreadable, a write cut short: nothing a client was told was stored is missing. */
  readonly tornWrite: boolean;
  /** When it was found (ms): damage found by an earlier load is reported again until its kept copy is set aside. */
  readonly foundAt: number;
}

/**
 * Durable Yjs history of each declaration. `appendUpdate` resolves only once the update would
 * survive the process being killed: the collaboration layer broadcasts nothing before that.
 */
export interface DocumentStore {
  loadDocument(id: DeclarationId): Promise<StoredDocument>;
  appendUpdate(id: DeclarationId, update: Uint8Array, author: UpdateAuthor): Promise<number>;
  /** Replaces the snapshot with `state` and drops the updates up to `upToSeq`, atomically. */
  compact(id: DeclarationId, state: Uint8Array, upToSeq: number): Promise<void>;
  /** Number of updates stored after the snapshot. */
  countUpdatesSinceSnapshot(id: DeclarationId): Promise<number>;
  /**
   * What was stored after `afterSeq`, for an instance catching up with others: the updates after
   * it, and the snapshot too when compaction has already folded some of those away.
   */
  readSince(id: DeclarationId, afterSeq: number): Promise<StoredDocument>;
  /** After a failed append: whether the store takes writes again (it may write a harmless record to find out). */
  checkWritable(id: DeclarationId): Promise<boolean>;
}
