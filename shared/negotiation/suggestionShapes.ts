import { isParagraphId } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { toNfc } from '../text/nfc.js';
import type { RelativePositionJson } from './commentAnchors.js';
import type { CommentAuthor } from './commentModel.js';
import { type AppliedMark, MAX_SUGGESTION_LENGTH, MAX_SUGGESTION_QUOTE_LENGTH, type StoredSuggestion, type StoredVote } from './suggestionModel.js';

/**
 * The exact shapes of what is stored under `suggestions` and `suggestionVotes`: the reader skips
 * any other value, and the server refuses an update that writes one.
 */

/** Checks and normalises the proposed words. */
export function parseSuggestionText(raw: unknown): Result<string> {
  if (typeof raw !== 'string') return fail('the suggested text must be a string');
  const text = toNfc(raw);
  if (text.length > MAX_SUGGESTION_LENGTH) return fail(`a suggestion holds at most ${MAX_SUGGESTION_LENGTH} characters`);
  return ok(text);
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isAuthor(v: unknown): v is CommentAuthor {
  if (typeof v !== 'object' || v === null) return false;
  const { name, delegation } = v as Record<string, unknown>;
  return typeof name === 'string' && typeof delegation === 'string' && name.length <= 200 && delegation.length <= 35;
}

function isRelJson(v: unknown): v is RelativePositionJson {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const isId = (x: unknown) =>
    typeof x === 'object' && x !== null && Number.isSafeInteger((x as { client: unknown }).client) && Number.isSafeInteger((x as { clock: unknown }).clock);
  for (const key of Object.keys(o)) if (!['type', 'item', 'assoc'].includes(key)) return false;
  if (o.item !== undefined && !isId(o.item)) return false;
  if (o.type !== undefined && !isId(o.type)) return false;
  if (o.item === undefined && o.type === undefined) return false;
  return o.assoc === undefined || o.assoc === 0 || o.assoc === -1;
}

const SUGGESTION_FIELDS = ['lang', 'pid', 'start', 'end', 'quote', 'text', 'author', 'at', 'revision', 'withdrawn', 'consent'];

/** A stored suggestion if the value has exactly its shape, else null (the server refuses other shapes). */
export function parseStoredSuggestion(v: unknown): StoredSuggestion | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== SUGGESTION_FIELDS.length || !SUGGESTION_FIELDS.every((k) => k in o)) return null;
  if (typeof o.lang !== 'string' || o.lang.length > 35 || !isParagraphId(o.pid)) return null;
  if (!isRelJson(o.start) || !isRelJson(o.end)) return null;
  if (typeof o.quote !== 'string' || o.quote.length > MAX_SUGGESTION_QUOTE_LENGTH) return null;
  if (typeof o.text !== 'string' || o.text.length > MAX_SUGGESTION_LENGTH || o.text !== o.text.normalize('NFC')) return null;
  if (o.text.length === 0 && o.quote.length === 0) return null;
  if (!isAuthor(o.author) || !isTime(o.at)) return null;
  if (!Number.isSafeInteger(o.revision) || (o.revision as number) < 1) return null;
  if (typeof o.withdrawn !== 'boolean' || typeof o.consent !== 'boolean') return null;
  return o as unknown as StoredSuggestion;
}

/** A stored vote or applied mark if the value has exactly its shape. */
export function parseStoredVote(v: unknown): StoredVote | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== 4 || (o.decision !== 'accept' && o.decision !== 'reject')) return null;
  if (!isAuthor(o.by) || !isTime(o.at) || !Number.isSafeInteger(o.revision) || (o.revision as number) < 1) return null;
  return o as unknown as StoredVote;
}

export function parseAppliedMark(v: unknown): AppliedMark | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== 3 || !isAuthor(o.by) || !isTime(o.at) || !Number.isSafeInteger(o.revision)) return null;
  return o as unknown as AppliedMark;
}
