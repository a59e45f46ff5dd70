import * as Y from 'yjs';
import type { LanguageCode, ParagraphId } from '../model/ids.js';
import type { Row } from '../model/rows.js';
import { textFragmentName } from '../model/declaration.js';
import { isParagraphId, pidElements, PID_ATTRIBUTE, textFragmentNames } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { toNfc } from '../text/nfc.js';
import {
  anchorText,
  locateRange,
  outermostUnit,
  plainOffsetOf,
  type RelativePositionJson,
  relativePositionFromJson,
  relativePositionToPlainJson,
  type AnyType,
} from './commentAnchors.js';

export type { RelativePositionJson } from './commentAnchors.js';

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
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

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

interface Common {
  /** The thread id, chosen by the caller (e.g. `crypto.randomUUID()`); `[A-Za-z0-9_-]{1,64}`. */
  readonly id: string;
  readonly author: CommentAuthor;
  readonly text: string;
  readonly at: number;
  /** Transaction origin (for observers and undo managers). */
  readonly origin?: unknown;
}

export interface NewRowComment extends Common {
  /** The row's paragraph ids, all languages; at least one must exist now. */
  readonly pids: readonly string[];
}

export interface NewRangeComment extends Common {
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

// ---------------------------------------------------------------------------------------------
// Validation

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

function parseId(raw: unknown, what: string): Result<string> {
  return typeof raw === 'string' && ID_SHAPE.test(raw) ? ok(raw) : fail(`${what} must match [A-Za-z0-9_-]{1,64}`);
}

function parseAt(raw: unknown): Result<number> {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? ok(raw) : fail('at must be a finite timestamp');
}

function parsePids(raw: unknown, what: string, allowEmpty: boolean): Result<ParagraphId[]> {
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

interface CleanCommon {
  readonly id: string;
  readonly author: CommentAuthor;
  readonly text: string;
  readonly at: number;
}

function parseCommon(input: Common): Result<CleanCommon> {
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

// ---------------------------------------------------------------------------------------------
// Writing

function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COMMENTS_MAP);
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> | null {
  const value = commentsMap(doc).get(threadId);
  return value instanceof Y.Map ? value : null;
}

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

// ---------------------------------------------------------------------------------------------
// Reading

/** Every paragraph id present in the text fragments, with its language. */
function presentPids(doc: Y.Doc): Map<string, string> {
  const present = new Map<string, string>();
  for (const name of textFragmentNames(doc)) {
    for (const el of pidElements(doc.getXmlFragment(name))) {
      const pid = el.getAttribute(PID_ATTRIBUTE);
      if (isParagraphId(pid) && !present.has(pid)) present.set(pid, name.slice('text:'.length));
    }
  }
  return present;
}

function isAuthor(v: unknown): v is CommentAuthor {
  return typeof v === 'object' && v !== null && typeof (v as CommentAuthor).name === 'string' && typeof (v as CommentAuthor).delegation === 'string';
}

function isMessage(v: unknown): v is CommentMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as CommentMessage;
  return typeof m.id === 'string' && isAuthor(m.author) && typeof m.at === 'number' && typeof m.text === 'string';
}

function isRelJson(v: unknown): v is RelativePositionJson {
  return typeof v === 'object' && v !== null;
}

function parseStoredAnchor(v: unknown): StoredAnchor | null {
  if (typeof v !== 'object' || v === null) return null;
  const a = v as Partial<StoredRangeAnchor> & Partial<StoredRowAnchor> & { kind?: unknown };
  if (a.kind === 'row') return Array.isArray(a.pids) ? { kind: 'row', pids: a.pids.filter(isParagraphId) } : null;
  if (a.kind === 'range') {
    if (typeof a.lang !== 'string' || !isParagraphId(a.pid) || !isRelJson(a.start) || !isRelJson(a.end)) return null;
    return {
      kind: 'range',
      lang: a.lang,
      pid: a.pid,
      start: a.start,
      end: a.end,
      quote: typeof a.quote === 'string' ? a.quote : '',
      rowPids: Array.isArray(a.rowPids) ? a.rowPids.filter(isParagraphId) : [],
    };
  }
  return null;
}

function resolveAnchor(doc: Y.Doc, anchor: StoredAnchor, present: ReadonlyMap<string, string>): ResolvedAnchor {
  if (anchor.kind === 'row') return { kind: 'row', pids: anchor.pids.filter((p) => present.has(p)) as ParagraphId[] };
  const detached = (): ResolvedAnchor => ({
    kind: 'detached',
    lang: anchor.lang,
    pids: [anchor.pid, ...(anchor.rowPids ?? [])].filter((p, i, all) => present.has(p) && all.indexOf(p) === i) as ParagraphId[],
    lastQuote: anchor.quote,
  });
  const start = absolute(doc, anchor.start);
  const end = absolute(doc, anchor.end);
  if (!start || !end) return detached();
  const startUnit = outermostUnit(start.type);
  const endUnit = outermostUnit(end.type);
  if (!startUnit || !endUnit || startUnit.element !== endUnit.element) return detached();
  const lang = fragmentLanguage(doc, startUnit.root);
  if (lang === null) return detached();
  const text = anchorText(startUnit.element);
  const from = plainOffsetOf(text, start.type, start.index);
  const to = plainOffsetOf(text, end.type, end.index);
  if (from === null || to === null || to <= from) return detached();
  return {
    kind: 'range',
    lang,
    pid: startUnit.pid,
    from,
    to,
    quote: text.plain.slice(from, to),
    start: anchor.start,
    end: anchor.end,
  };
}

function absolute(doc: Y.Doc, json: RelativePositionJson): { type: Y.XmlText; index: number } | null {
  const rel = relativePositionFromJson(json);
  if (!rel) return null;
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch {
    return null; // a damaged position, or an item of a client this document never heard of
  }
  if (!abs || !(abs.type instanceof Y.XmlText)) return null;
  // Yjs resolves into a deleted type too; such text is gone.
  for (let t: AnyType | null = abs.type; t?._item; t = t._item.parent as AnyType | null) {
    if (t._item.deleted) return null;
  }
  return { type: abs.type, index: abs.index };
}

/** The language of a `text:<lang>` root fragment, or null for any other root. */
function fragmentLanguage(doc: Y.Doc, root: AnyType): string | null {
  for (const [name, type] of doc.share) {
    if (type === root) return name.startsWith('text:') ? name.slice('text:'.length) : null;
  }
  return null;
}

/** What `readThreads` requires of a thread to list it. */
function isWellFormed(map: Y.Map<unknown>): boolean {
  return (
    parseStoredAnchor(map.get('anchor')) !== null &&
    isAuthor(map.get('author')) &&
    typeof map.get('createdAt') === 'number' &&
    map.get('messages') instanceof Y.Array
  );
}

function parseThread(doc: Y.Doc, id: string, map: Y.Map<unknown>, present: ReadonlyMap<string, string>): Thread | null {
  const anchor = parseStoredAnchor(map.get('anchor'));
  const author = map.get('author');
  const createdAt = map.get('createdAt');
  const messages = map.get('messages');
  if (!anchor || !isAuthor(author) || typeof createdAt !== 'number' || !(messages instanceof Y.Array)) return null;
  const status: ThreadStatus = map.get('status') === 'resolved' ? 'resolved' : 'open';
  const resolution = map.get('resolution') as Thread['resolution'] | undefined;
  return {
    id,
    status,
    resolution:
      status === 'resolved' && resolution && isAuthor(resolution.by) && typeof resolution.at === 'number' ? { by: resolution.by, at: resolution.at } : null,
    createdAt,
    author,
    anchor: resolveAnchor(doc, anchor, present),
    messages: messages.toArray().filter(isMessage),
  };
}

/** Every thread, oldest first, with its anchor resolved against the document as it is now. */
export function readThreads(doc: Y.Doc): Thread[] {
  // Touch the text fragments first: in a document loaded from an update they may still be
  // untyped placeholders, and typing them re-parents their content.
  const present = presentPids(doc);
  const threads: Thread[] = [];
  commentsMap(doc).forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const thread = parseThread(doc, id, value, present);
    if (thread) threads.push(thread);
  });
  return threads.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One thread, resolved; null when there is none (or a damaged one) with this id. */
export function readThreadById(doc: Y.Doc, threadId: string): Thread | null {
  const present = presentPids(doc);
  const map = threadMap(doc, threadId);
  return map ? parseThread(doc, threadId, map, present) : null;
}

/** The paragraph ids a thread shows against now (range: its paragraph; row and detached: the existing ones). */
export function threadPids(thread: Thread): readonly ParagraphId[] {
  return thread.anchor.kind === 'range' ? [thread.anchor.pid] : thread.anchor.pids;
}

/** Threads by the paragraph ids they show against (a row or detached thread under each of its pids). */
export function threadsByPid(doc: Y.Doc, threads: readonly Thread[] = readThreads(doc)): Map<ParagraphId, Thread[]> {
  const byPid = new Map<ParagraphId, Thread[]>();
  for (const thread of threads) {
    for (const pid of threadPids(thread)) {
      const list = byPid.get(pid);
      if (list) list.push(thread);
      else byPid.set(pid, [thread]);
    }
  }
  return byPid;
}

/**
 * Threads by row key, each thread under exactly one row: the row of a range's paragraph; for a
 * row or detached thread, the row holding most of its existing pids (the earliest on a tie).
 * Threads none of whose pids is in any row are left out.
 */
export function threadsByRow(threads: readonly Thread[], rows: readonly Row[]): Map<string, Thread[]> {
  const rowIndexOf = new Map<string, number>();
  rows.forEach((row, i) => {
    for (const pids of Object.values(row.cells)) for (const p of pids) if (!rowIndexOf.has(p)) rowIndexOf.set(p, i);
  });
  const byRow = new Map<string, Thread[]>();
  for (const thread of threads) {
    const counts = new Map<number, number>();
    for (const pid of threadPids(thread)) {
      const i = rowIndexOf.get(pid);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    let best: number | null = null;
    for (const [i, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && i < best)) best = i;
    if (best === null) continue;
    const key = rows[best]!.key;
    const list = byRow.get(key);
    if (list) list.push(thread);
    else byRow.set(key, [thread]);
  }
  return byRow;
}

/** How many threads are open. */
export function countOpen(doc: Y.Doc): number {
  let open = 0;
  commentsMap(doc).forEach((value) => {
    if (value instanceof Y.Map && value.get('status') !== 'resolved' && isWellFormed(value)) open++;
  });
  return open;
}
