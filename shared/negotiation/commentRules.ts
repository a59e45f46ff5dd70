import type { Role } from '../model/access.js';
import { isParagraphId } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { parseCommentText } from './commentInput.js';
import { MAX_ANCHOR_PIDS, MAX_COMMENT_LENGTH, MAX_QUOTE_LENGTH, type CommentAuthor } from './commentModel.js';

/**
 * What a person may write into the `comments` map (see commentModel.ts for its layout), checked by
 * the server on every update before it is applied. A person writes as themselves only: every
 * author field they write is the identity of their invitation (`commentAuthorFor`). A thread
 * is written whole once (its id, anchor, author, first message); after that anyone who may
 * comment appends replies and resolves or reopens it (the `status` and `resolution` keys), and
 * nothing else of it changes.
 */

/** The thread fields a new thread sets once, each exactly once. */
export const THREAD_FIELDS_ONCE: ReadonlySet<string> = new Set(['anchor', 'createdAt', 'author', 'messages']);
/** The thread fields resolve and reopen replace: the only ones written after the thread exists. */
export const THREAD_FIELDS_REWRITTEN: ReadonlySet<string> = new Set(['status', 'resolution']);
/** Most messages (comments and replies) one update may add: generous for an offline session, a stop to floods. */
export const MAX_MESSAGES_PER_UPDATE = 200;
/** Most items one update may write into the conversation (a new thread with its comment is seven). */
export const MAX_CONVERSATION_ITEMS_PER_UPDATE = 2_000;
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const LANG_SHAPE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;

/** Who a connection writes as in comments: its invitation's name, and its language (or role) as the delegation. */
export function commentAuthorFor(role: Role, name: string): CommentAuthor {
  return {
    name: name.trim().normalize('NFC'),
    delegation: role.kind === 'delegation' || role.kind === 'signatory' ? role.lang : role.kind,
  };
}

/** Whether a key of the `comments` map (or a message id) has the shape the model gives it. */
export function isThreadId(key: unknown): key is string {
  return typeof key === 'string' && ID_SHAPE.test(key);
}

/** A plain object with no keys beyond `allowed`. */
function record(value: unknown, allowed: readonly string[]): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  for (const key of Object.keys(value)) if (!allowed.includes(key)) return null;
  return value as Record<string, unknown>;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function checkAuthor(value: unknown, writer: CommentAuthor, what: string): Result<void> {
  const author = record(value, ['name', 'delegation']);
  if (!author || author.name !== writer.name || author.delegation !== writer.delegation) {
    return fail(`${what} is not the writer (${writer.name}, ${writer.delegation})`);
  }
  return ok(undefined);
}

function checkPids(value: unknown, what: string, allowEmpty: boolean): Result<void> {
  if (!Array.isArray(value) || value.length > MAX_ANCHOR_PIDS || (!allowEmpty && value.length === 0) || !value.every(isParagraphId)) {
    return fail(`${what} must be ${allowEmpty ? '0' : '1'} to ${MAX_ANCHOR_PIDS} paragraph ids`);
  }
  return ok(undefined);
}

function isPlainId(v: unknown): boolean {
  const id = record(v, ['client', 'clock']);
  return !!id && Number.isSafeInteger(id.client) && Number.isSafeInteger(id.clock) && (id.client as number) >= 0 && (id.clock as number) >= 0;
}

function isRelativePosition(v: unknown): boolean {
  const rel = record(v, ['type', 'tname', 'item', 'assoc']);
  if (!rel || !isPlainId(rel.item)) return false;
  if (rel.type !== undefined && !isPlainId(rel.type)) return false;
  if (rel.tname !== undefined && !(typeof rel.tname === 'string' && rel.tname.length <= 64)) return false;
  return rel.assoc === undefined || (Number.isSafeInteger(rel.assoc) && Math.abs(rel.assoc as number) <= 1);
}

/** A thread's anchor as `addRowComment` / `addRangeComment` store it, within the size limits. */
export function checkStoredAnchor(value: unknown): Result<void> {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'row') {
    const anchor = record(value, ['kind', 'pids']);
    return anchor ? checkPids(anchor.pids, 'a row anchor', false) : fail('a row anchor has only kind and pids');
  }
  if (kind === 'range') {
    const anchor = record(value, ['kind', 'lang', 'pid', 'start', 'end', 'quote', 'rowPids']);
    if (!anchor) return fail('a range anchor has only kind, lang, pid, start, end, quote and rowPids');
    if (typeof anchor.lang !== 'string' || !LANG_SHAPE.test(anchor.lang)) return fail('a range anchor needs a language code');
    if (!isParagraphId(anchor.pid)) return fail('a range anchor needs a paragraph id');
    if (!isRelativePosition(anchor.start) || !isRelativePosition(anchor.end)) return fail('a range anchor needs two relative positions');
    if (typeof anchor.quote !== 'string' || anchor.quote.length > MAX_QUOTE_LENGTH) return fail(`a range anchor quotes at most ${MAX_QUOTE_LENGTH} characters`);
    return anchor.rowPids === undefined ? ok(undefined) : checkPids(anchor.rowPids, 'rowPids', true);
  }
  return fail('an anchor is a row or a range');
}

/** One message (the comment or a reply) as the model stores it, written by `writer`. */
export function checkStoredMessage(value: unknown, writer: CommentAuthor): Result<void> {
  const message = record(value, ['id', 'author', 'at', 'text']);
  if (!message) return fail('a message has only id, author, at and text');
  if (!isThreadId(message.id)) return fail('a message id must match [A-Za-z0-9_-]{1,64}');
  const author = checkAuthor(message.author, writer, 'the message author');
  if (!author.ok) return author;
  if (!isTime(message.at)) return fail('a message needs a time');
  if (typeof message.text !== 'string') return fail('a message needs a text');
  // Checked before normalising: a 10 MB text is refused without being copied.
  if (message.text.length > MAX_COMMENT_LENGTH) return fail(`a message is at most ${MAX_COMMENT_LENGTH} characters`);
  const clean = parseCommentText(message.text);
  if (!clean.ok) return clean;
  if (clean.value !== message.text) return fail('a message text is trimmed and in NFC');
  return ok(undefined);
}

/** The value of one thread field (not `messages`, a Y.Array) written by `writer`. */
export function checkThreadField(field: string, value: unknown, writer: CommentAuthor): Result<void> {
  switch (field) {
    case 'anchor':
      return checkStoredAnchor(value);
    case 'status':
      return value === 'open' || value === 'resolved' ? ok(undefined) : fail('a thread status is open or resolved');
    case 'createdAt':
      return isTime(value) ? ok(undefined) : fail('createdAt is a time');
    case 'author':
      return checkAuthor(value, writer, 'the thread author');
    case 'resolution': {
      const resolution = record(value, ['by', 'at']);
      if (!resolution || !isTime(resolution.at)) return fail('a resolution is { by, at }');
      return checkAuthor(resolution.by, writer, 'the resolver');
    }
    default:
      return fail(`a thread has no field "${field}"`);
  }
}
