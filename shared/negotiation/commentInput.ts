import type { ParagraphId } from '../model/ids.js';
import { isParagraphId } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { toNfc } from '../text/nfc.js';
import { type CommentAuthor, MAX_ANCHOR_PIDS, MAX_AUTHOR_FIELD_LENGTH, MAX_COMMENT_LENGTH, type NewThreadBase } from './commentModel.js';

/** Checks on what a caller hands to the comment commands: expected failures are returned, with a sentence for people. */

const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Trims and NFC-normalises a comment; refuses an empty one or one over the limit. */
export function parseCommentText(raw: unknown): Result<string> {
  if (typeof raw !== 'string') return fail('comment text must be a string');
  const text = toNfc(raw.trim());
  if (text === '') return fail('comment text is empty');
  if (text.length > MAX_COMMENT_LENGTH) return fail(`comment text is longer than ${MAX_COMMENT_LENGTH} characters`);
  return ok(text);
}

export function parseCommentAuthor(raw: unknown): Result<CommentAuthor> {
  if (typeof raw !== 'object' || raw === null) return fail('author must be an object');
  const { name, delegation } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || typeof delegation !== 'string') return fail('author needs a name and a delegation');
  const cleanName = toNfc(name.trim());
  const cleanDelegation = toNfc(delegation.trim());
  if (cleanName === '') return fail('author name is empty');
  if (cleanName.length > MAX_AUTHOR_FIELD_LENGTH || cleanDelegation.length > MAX_AUTHOR_FIELD_LENGTH) {
    return fail(`author name and delegation are at most ${MAX_AUTHOR_FIELD_LENGTH} characters`);
  }
  return ok({ name: cleanName, delegation: cleanDelegation });
}

export function parseId(raw: unknown, what: string): Result<string> {
  return typeof raw === 'string' && ID_SHAPE.test(raw) ? ok(raw) : fail(`${what} must match [A-Za-z0-9_-]{1,64}`);
}

export function parseAt(raw: unknown): Result<number> {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? ok(raw) : fail('at must be a finite timestamp');
}

export function parsePids(raw: unknown, what: string, allowEmpty: boolean): Result<ParagraphId[]> {
  if (!Array.isArray(raw)) return fail(`${what} must be an array of paragraph ids`);
  const pids: ParagraphId[] = [];
  for (const p of raw) {
    if (!isParagraphId(p)) return fail(`${what}: "${String(p)}" is not a paragraph id`);
    if (!pids.includes(p)) pids.push(p);
  }
  if (!allowEmpty && pids.length === 0) return fail(`${what} is empty`);
  if (pids.length > MAX_ANCHOR_PIDS) return fail(`${what} has more than ${MAX_ANCHOR_PIDS} ids`);
  return ok(pids);
}

export interface CleanCommon {
  readonly id: string;
  readonly author: CommentAuthor;
  readonly text: string;
  readonly at: number;
}

export function parseCommon(input: NewThreadBase): Result<CleanCommon> {
  const id = parseId(input.id, 'thread id');
  if (!id.ok) return id;
  const author = parseCommentAuthor(input.author);
  if (!author.ok) return author;
  const text = parseCommentText(input.text);
  if (!text.ok) return text;
  const at = parseAt(input.at);
  if (!at.ok) return at;
  return ok({ id: id.value, author: author.value, text: text.value, at: at.value });
}
