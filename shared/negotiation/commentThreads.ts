import * as Y from 'yjs';
import type { ParagraphId } from '../model/ids.js';
import { isParagraphId, pidElements, PID_ATTRIBUTE, textFragmentNames } from '../model/paragraphIds.js';
import { anchorText, type AnyType, outermostUnit, plainOffsetOf, type RelativePositionJson, relativePositionFromJson } from './commentAnchors.js';
import {
  COMMENTS_MAP,
  type CommentAuthor,
  type CommentMessage,
  type ResolvedAnchor,
  type StoredAnchor,
  type StoredRangeAnchor,
  type StoredRowAnchor,
  type Thread,
  type ThreadStatus,
} from './commentModel.js';

/** Reading comment threads out of the `comments` map (layout in commentModel.ts), tolerant of damaged entries. */

export function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COMMENTS_MAP);
}

export function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> | null {
  const value = commentsMap(doc).get(threadId);
  return value instanceof Y.Map ? value : null;
}

/** Every paragraph id present in the text fragments, with its language. */
export function presentPids(doc: Y.Doc): Map<string, string> {
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

/** How many threads are open. */
export function countOpen(doc: Y.Doc): number {
  let open = 0;
  commentsMap(doc).forEach((value) => {
    if (value instanceof Y.Map && value.get('status') !== 'resolved' && isWellFormed(value)) open++;
  });
  return open;
}
