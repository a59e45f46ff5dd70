import type { ParagraphId } from '../model/ids.js';
import type { RelativePositionJson } from './commentAnchors.js';
import type { CommentAuthor } from './commentModel.js';

/**
 * Suggestions: wording proposed in a language column, which changes nothing in the text until
 * someone entitled accepts it. They never live in the text itself, so versions, comparison,
 * exports, the fingerprint and the concordance check see only the authentic text without
 * knowing suggestions exist. Stored in the declaration's Y.Doc (live, offline-capable):
 *
 *   Y.Map `suggestions`:     id → StoredSuggestion (plain JSON; only its author replaces it)
 *   Y.Map `suggestionVotes`: `<id>:<side>` → StoredVote (a side replaces only its own)
 *                            `<id>:applied` → AppliedMark (written with the text edit, once)
 *
 * A side is what a person speaks for: a language code for a delegation or signatory, or
 * `secretariat`. Each key has one writer, so concurrent work never fights over a value: two
 * sides voting at once both count, and the author revising while someone votes only makes the
 * vote count for the wording it saw (`revision`).
 *
 * Anchors are Yjs relative positions into the `Y.XmlText` holding the words, so that others
 * typing around a pending suggestion move it with the words; a deletion or replacement applies
 * only while the words it proposes to change are still exactly there ("no longer applies"
 * otherwise), never to whatever text now sits at the old offsets.
 */
export const SUGGESTIONS_MAP = 'suggestions';
export const SUGGESTION_VOTES_MAP = 'suggestionVotes';

export const MAX_SUGGESTION_LENGTH = 5_000;
export const MAX_SUGGESTION_QUOTE_LENGTH = 5_000;
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
/** The side under which the applied mark is kept in `suggestionVotes` (`<id>:applied`). */
export const APPLIED = 'applied';
export const SECRETARIAT_SIDE = 'secretariat';

export type SuggestionKind = 'insert' | 'delete' | 'replace';

/** What the author writes, whole, under the suggestion's id. */
export interface StoredSuggestion {
  readonly lang: string;
  /** The unit (top-level paragraph, heading or list item) the suggestion is in. */
  readonly pid: string;
  /** Start of the words to change, or the insertion point. */
  readonly start: RelativePositionJson;
  /** Just after the words to change; equal to `start` for an insertion. */
  readonly end: RelativePositionJson;
  /** The words proposed for deletion or replacement at creation; empty for an insertion. */
  readonly quote: string;
  /** The words proposed; empty for a deletion. NFC. */
  readonly text: string;
  readonly author: CommentAuthor;
  readonly at: number;
  /** Grows by one each time the author changes the wording. */
  readonly revision: number;
  readonly withdrawn: boolean;
  /** Made in an agreed row: it needs both the column's owner and another side (see `consentsNeeded`). */
  readonly consent: boolean;
}

export type Decision = 'accept' | 'reject';

export interface StoredVote {
  readonly decision: Decision;
  readonly by: CommentAuthor;
  readonly at: number;
  /** The revision the voter saw: a vote counts only for that wording. */
  readonly revision: number;
}

/** Written in the same transaction as the text edit that applies the suggestion. */
export interface AppliedMark {
  readonly by: CommentAuthor;
  readonly at: number;
  readonly revision: number;
}

export type SuggestionStatus =
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'withdrawn'
  /** The words it would change are gone or were changed by others, or its paragraph is gone. */
  | 'outdated';

/** Where a live suggestion sits now, in its unit's plain text (`plainText`, as `readUnits` reports it). */
export interface SuggestionPlace {
  readonly pid: ParagraphId;
  readonly from: number;
  readonly to: number;
}

export interface Suggestion extends StoredSuggestion {
  readonly id: string;
  readonly kind: SuggestionKind;
  readonly status: SuggestionStatus;
  /** Null when the anchored text can no longer be found. */
  readonly place: SuggestionPlace | null;
  /** The votes for the current wording, one per side. */
  readonly votes: readonly (StoredVote & { readonly side: string })[];
  readonly applied: AppliedMark | null;
  /** Who rejected it (the first rejecting side), for a rejected suggestion. */
  readonly rejectedBy: CommentAuthor | null;
  /** A consent suggestion whose consents are all there and that still applies: the server applies it. */
  readonly readyToApply: boolean;
}

export interface NewSuggestion {
  /** Chosen by the caller (e.g. `crypto.randomUUID()`); `[A-Za-z0-9_-]{1,64}`. */
  readonly id: string;
  readonly lang: string;
  /** A unit or a block inside one; offsets are in its plain text. `from === to` for an insertion. */
  readonly pid: string;
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly author: CommentAuthor;
  readonly at: number;
  readonly consent?: boolean;
  readonly origin?: unknown;
}

export interface VoteInput {
  readonly decision: Decision;
  readonly by: CommentAuthor;
  readonly at: number;
  readonly origin?: unknown;
}

export const voteKey = (id: string, side: string): string => `${id}:${side}`;
export const appliedKey = (id: string): string => `${id}:${APPLIED}`;

/** Whether a key of `suggestions` has the shape of a suggestion id. */
export function isSuggestionId(key: unknown): key is string {
  return typeof key === 'string' && ID_SHAPE.test(key);
}

/** Splits a key of `suggestionVotes` into the suggestion id and the side (or `applied`). */
export function parseVoteKey(key: string): { id: string; side: string } | null {
  const at = key.lastIndexOf(':');
  if (at <= 0) return null;
  const id = key.slice(0, at);
  const side = key.slice(at + 1);
  return isSuggestionId(id) && side.length > 0 && side.length <= 35 ? { id, side } : null;
}

export function kindOf(s: Pick<StoredSuggestion, 'quote' | 'text'>): SuggestionKind {
  if (s.quote.length === 0) return 'insert';
  return s.text.length === 0 ? 'delete' : 'replace';
}
