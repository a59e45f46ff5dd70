import * as Y from 'yjs';
import type { LanguageCode } from '../model/ids.js';
import { textFragmentName } from '../model/declaration.js';
import { isParagraphId, pidElements, PID_ATTRIBUTE, textFragmentNames } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { locateRange, outermostUnit, relativePositionToPlainJson } from './commentAnchors.js';
import { type CleanCommon, parseAt, parseCommentAuthor, parseCommentText, parseCommon, parseId, parsePids } from './commentInput.js';
import {
  type CommentMessage,
  MAX_QUOTE_LENGTH,
  type NewRangeComment,
  type NewReply,
  type NewRowComment,
  type StatusChange,
  type StoredAnchor,
  type StoredRangeAnchor,
  type ThreadStatus,
} from './commentModel.js';
import { commentsMap, presentPids, threadMap } from './commentThreads.js';

/**
 * The commands on comment threads: open one on a row or a span of text, reply, resolve, reopen.
 * Each validates its input (commentInput.ts) and writes one transaction into the `comments` map
 * (layout in commentModel.ts).
 */

function writeThread(doc: Y.Doc, c: CleanCommon, anchor: StoredAnchor, origin: unknown): void {
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    commentsMap(doc).set(c.id, thread);
    thread.set('anchor', anchor);
    thread.set('status', 'open' satisfies ThreadStatus);
    thread.set('createdAt', c.at);
    thread.set('author', { ...c.author });
    const messages = new Y.Array<CommentMessage>();
    thread.set('messages', messages);
    messages.push([{ id: c.id, author: { ...c.author }, at: c.at, text: c.text }]);
  }, origin);
}

/** Opens a thread on a row, remembered by its paragraph ids (row keys change when rows regroup). */
export function addRowComment(doc: Y.Doc, input: NewRowComment): Result<{ readonly id: string }> {
  const common = parseCommon(input);
  if (!common.ok) return common;
  const pids = parsePids(input.pids, 'pids', false);
  if (!pids.ok) return pids;
  if (commentsMap(doc).has(common.value.id)) return fail('a thread with this id exists');
  const present = presentPids(doc);
  if (!pids.value.some((p) => present.has(p))) return fail('none of the row paragraphs exists');
  writeThread(doc, common.value, { kind: 'row', pids: pids.value }, input.origin);
  return ok({ id: common.value.id });
}

/**
 * Opens a thread on a span of one paragraph's text. The span is held by Yjs relative positions,
 * so it follows its text through everyone's edits: text typed inside the span joins it, text
 * typed at either edge stays outside.
 */
export function addRangeComment(doc: Y.Doc, input: NewRangeComment): Result<{ readonly id: string; readonly quote: string }> {
  const common = parseCommon(input);
  if (!common.ok) return common;
  if (typeof input.lang !== 'string' || !textFragmentNames(doc).includes(textFragmentName(input.lang as LanguageCode))) {
    return fail(`no text in language "${String(input.lang)}"`);
  }
  if (!isParagraphId(input.from?.pid) || input.to?.pid !== input.from.pid) return fail('a range lies within one paragraph');
  const { offset: from } = input.from;
  const { offset: to } = input.to;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from) return fail('a range needs 0 <= from < to');
  const rowPids = parsePids(input.rowPids ?? [], 'rowPids', true);
  if (!rowPids.ok) return rowPids;
  if (commentsMap(doc).has(common.value.id)) return fail('a thread with this id exists');

  const fragment = doc.getXmlFragment(textFragmentName(input.lang as LanguageCode));
  let element: Y.XmlElement | null = null;
  for (const el of pidElements(fragment)) {
    if (el.getAttribute(PID_ATTRIBUTE) === input.from.pid) {
      element = el;
      break;
    }
  }
  if (!element) return fail(`no paragraph "${input.from.pid}" in language "${input.lang}"`);
  const unit = outermostUnit(element);
  if (!unit) return fail('the paragraph is not part of the text');
  const located = locateRange(element, from, to);
  if (!located.ok) return located;
  const start = Y.createRelativePositionFromTypeIndex(located.value.start.text, located.value.start.index, 0);
  const end = Y.createRelativePositionFromTypeIndex(located.value.end.text, located.value.end.index, -1);
  const anchor: StoredRangeAnchor = {
    kind: 'range',
    lang: input.lang,
    pid: unit.pid,
    start: relativePositionToPlainJson(start),
    end: relativePositionToPlainJson(end),
    quote: located.value.quote.slice(0, MAX_QUOTE_LENGTH),
    ...(rowPids.value.length ? { rowPids: rowPids.value.filter((p) => p !== unit.pid) } : {}),
  };
  writeThread(doc, common.value, anchor, input.origin);
  return ok({ id: common.value.id, quote: located.value.quote });
}

/** Appends a reply; a resolved thread takes replies too (and stays resolved). */
export function reply(doc: Y.Doc, threadId: string, message: NewReply): Result<CommentMessage> {
  const thread = threadMap(doc, threadId);
  if (!thread) return fail('no such thread');
  const id = parseId(message.id, 'reply id');
  if (!id.ok) return id;
  const author = parseCommentAuthor(message.author);
  if (!author.ok) return author;
  const text = parseCommentText(message.text);
  if (!text.ok) return text;
  const at = parseAt(message.at);
  if (!at.ok) return at;
  const messages = thread.get('messages');
  if (!(messages instanceof Y.Array)) return fail('the thread is damaged');
  if (messages.toArray().some((m) => (m as Partial<CommentMessage> | null)?.id === id.value)) return fail('a message with this id exists');
  const clean: CommentMessage = { id: id.value, author: author.value, at: at.value, text: text.value };
  doc.transact(() => messages.push([clean]), message.origin);
  return ok(clean);
}

export function resolve(doc: Y.Doc, threadId: string, change: StatusChange): Result<void> {
  const thread = threadMap(doc, threadId);
  if (!thread) return fail('no such thread');
  const by = parseCommentAuthor(change.by);
  if (!by.ok) return by;
  const at = parseAt(change.at);
  if (!at.ok) return at;
  doc.transact(() => {
    thread.set('status', 'resolved' satisfies ThreadStatus);
    thread.set('resolution', { by: by.value, at: at.value });
  }, change.origin);
  return ok(undefined);
}

export function reopen(doc: Y.Doc, threadId: string, options: { readonly origin?: unknown } = {}): Result<void> {
  const thread = threadMap(doc, threadId);
  if (!thread) return fail('no such thread');
  doc.transact(() => thread.set('status', 'open' satisfies ThreadStatus), options.origin);
  return ok(undefined);
}
