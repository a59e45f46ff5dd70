import type { ParagraphId } from '../model/ids.js';
import type { RelativePositionJson } from './commentAnchors.js';

/**
 * Comment threads, stored in the declaration's Y.Doc so that everyone sees them live and offline
 * work merges:
 *
 *   Y.Map `comments`: thread id → Y.Map {
 *     anchor:     StoredAnchor (plain JSON, written once)
 *     status:     'open' | 'resolved'
 *     resolution: { by, at }   (the latest resolve; kept when reopened, read only while resolved)
 *     createdAt:  number
 *     author:     { name, delegation }
 *     messages:   Y.Array<CommentMessage>  (the first is the comment, the rest replies)
 *   }
 *
 * Concurrent replies all survive (in the order Yjs settles on); concurrent resolve/reopen settle
 * last-writer-wins on the `status` key, the same on every client.
 */
export const COMMENTS_MAP = 'comments';

export const MAX_COMMENT_LENGTH = 5_000;
export const MAX_AUTHOR_FIELD_LENGTH = 200;
export const MAX_ANCHOR_PIDS = 64;
/** Longest commented text a range anchor keeps (it is only shown once the text itself is gone). */
export const MAX_QUOTE_LENGTH = 2_000;

export interface CommentAuthor {
  readonly name: string;
  /** The delegation (side) the author speaks for; may be empty. */
  readonly delegation: string;
}

export interface CommentMessage {
  readonly id: string;
  readonly author: CommentAuthor;
  readonly at: number;
  /** NFC, trimmed, 1..MAX_COMMENT_LENGTH characters. */
  readonly text: string;
}

export type ThreadStatus = 'open' | 'resolved';

/** A comment on a whole row: the row is re-found through any of these paragraph ids. */
export interface StoredRowAnchor {
  readonly kind: 'row';
  readonly pids: readonly string[];
}

/** A comment on a span of one paragraph's text. */
export interface StoredRangeAnchor {
  readonly kind: 'range';
  readonly lang: string;
  /** The unit (top-level paragraph, heading or list item) the span was in when commented. */
  readonly pid: string;
  /** On the first commented character (assoc 0). */
  readonly start: RelativePositionJson;
  /** Just after the last commented character (assoc -1). */
  readonly end: RelativePositionJson;
  /** The commented text at creation. */
  readonly quote: string;
  /** The other paragraphs of the row at creation, to find the row if the paragraph itself goes. */
  readonly rowPids?: readonly string[];
}

export type StoredAnchor = StoredRowAnchor | StoredRangeAnchor;

/** Where a thread stands now, resolved against the current document. */
export type ResolvedAnchor =
  /** `pids`: those of the stored ones that still exist (empty: the whole row is gone). */
  | { readonly kind: 'row'; readonly pids: readonly ParagraphId[] }
  /**
   * `from`/`to`: offsets in the unit's plain text (`plainText` of the element with `pid`, the
   * text `readUnits` reports); `quote` is that slice now. `start`/`end` are the stored relative
   * positions, for an editor to map them itself (y-prosemirror `relativePositionToAbsolutePosition`).
   */
  | {
      readonly kind: 'range';
      readonly lang: string;
      readonly pid: ParagraphId;
      readonly from: number;
      readonly to: number;
      readonly quote: string;
      readonly start: RelativePositionJson;
      readonly end: RelativePositionJson;
    }
  /**
   * The commented text is gone (deleted, or its paragraph deleted or re-created). The thread
   * stays on its row: `pids` are the ones still existing of the paragraph's pid first, then the
   * row pids recorded at creation.
   */
  | { readonly kind: 'detached'; readonly lang: string; readonly pids: readonly ParagraphId[]; readonly lastQuote: string };

export interface Thread {
  readonly id: string;
  readonly status: ThreadStatus;
  /** Who resolved it and when; null while open. */
  readonly resolution: { readonly by: CommentAuthor; readonly at: number } | null;
  readonly createdAt: number;
  readonly author: CommentAuthor;
  readonly anchor: ResolvedAnchor;
  /** The comment first, then the replies. */
  readonly messages: readonly CommentMessage[];
}

/** A point in one paragraph's plain text. */
export interface TextPoint {
  readonly pid: string;
  readonly offset: number;
}

/** What every new thread carries, whatever it is anchored to. */
export interface NewThreadBase {
  /** The thread id, chosen by the caller (e.g. `crypto.randomUUID()`); `[A-Za-z0-9_-]{1,64}`. */
  readonly id: string;
  readonly author: CommentAuthor;
  readonly text: string;
  readonly at: number;
  /** Transaction origin (for observers and undo managers). */
  readonly origin?: unknown;
}

export interface NewRowComment extends NewThreadBase {
  /** The row's paragraph ids, all languages; at least one must exist now. */
  readonly pids: readonly string[];
}

export interface NewRangeComment extends NewThreadBase {
  readonly lang: string;
  /**
   * Offsets in the plain text (`plainText`) of the element `pid`, `from < to`, both in the same
   * paragraph. `pid` may be a unit or a block inside one (a list item's paragraph): the comment
   * is stored against the unit. Hard breaks and block separators at the ends are trimmed off.
   */
  readonly from: TextPoint;
  readonly to: TextPoint;
  /** The other paragraph ids of the row, so that the thread keeps its row if the paragraph goes. */
  readonly rowPids?: readonly string[];
}

export interface NewReply {
  /** Unique within the thread; `[A-Za-z0-9_-]{1,64}`. */
  readonly id: string;
  readonly author: CommentAuthor;
  readonly text: string;
  readonly at: number;
  readonly origin?: unknown;
}

export interface StatusChange {
  readonly by: CommentAuthor;
  readonly at: number;
  readonly origin?: unknown;
}
