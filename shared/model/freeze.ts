import type * as Y from 'yjs';
import { META_MAP } from './declaration.js';

/**
 * A frozen declaration carries this mark in its `meta` map, written by the server. It lives in
 * the document itself so that the write policy, every client and every restart read the same
 * truth, stored with the same durability as the text it protects.
 */
export const FROZEN_KEY = 'frozen';

export interface FrozenMark {
  /** When the secretariat froze it (ms since epoch). */
  readonly at: number;
  readonly by: string;
  /** The freeze date, part of the fingerprint (YYYY-MM-DD, UTC). */
  readonly date: string;
  readonly sha256: string;
}

/** The reason the server gives when it refuses a change to a frozen text; clients recognise it. */
export const FROZEN_REFUSAL = 'the declaration is frozen';

/**
 * Shared types that stay open once frozen: the conversation goes on, the text does not move.
 * Suggestions and their votes are closed too: proposed wording for a text that cannot change
 * would only wait forever (and the server applies no consent suggestion once frozen).
 */
export const FROZEN_WRITABLE_ROOTS: ReadonlySet<string> = new Set(['comments', 'objections']);

/** The freeze mark, or null when the declaration is open for editing. */
export function readFrozen(doc: Y.Doc): FrozenMark | null {
  const value = doc.getMap(META_MAP).get(FROZEN_KEY) as Partial<FrozenMark> | undefined;
  if (!value || typeof value !== 'object' || typeof value.at !== 'number' || typeof value.date !== 'string' || typeof value.sha256 !== 'string') return null;
  return { at: value.at, by: typeof value.by === 'string' ? value.by : '', date: value.date, sha256: value.sha256 };
}

/** The UTC calendar date of an instant, as the fingerprint records it. */
export function freezeDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
