import * as Y from 'yjs';
import type { Role } from '../../shared/model/access.js';
import { COMMENTS_MAP, type CommentAuthor } from '../../shared/negotiation/commentModel.js';
import { OBJECTIONS } from '../../shared/negotiation/circulation.js';
import {
  checkStoredMessage,
  checkThreadField,
  commentAuthorFor,
  isThreadId,
  MAX_CONVERSATION_ITEMS_PER_UPDATE,
  MAX_MESSAGES_PER_UPDATE,
  THREAD_FIELDS_ONCE,
  THREAD_FIELDS_REWRITTEN,
} from '../../shared/negotiation/commentRules.js';
import { UpdatePlaces } from './updatePlaces.js';

/** Who sends an update: the role and the name of the connection's invitation. */
export interface Writer {
  readonly role: Role;
  readonly name: string;
}

export type ConversationVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** The roots whose writes `checkConversation` checks. */
export const CONVERSATION_ROOTS: ReadonlySet<string> = new Set([COMMENTS_MAP, OBJECTIONS]);

/** Why objections are never written over the socket. */
export const OBJECTION_REFUSAL = 'objections are raised through POST /api/declarations/:id/objections';

/**
 * The conversation's part of the write policy, run after `checkWrite` found that an update
 * touches `comments` or `objections`. It follows every new item to the place Yjs will put it
 * (its parent type and, in a map, its key) and checks it against the comment model
 * (shared/negotiation/commentRules.ts): a new thread whole and written as the writer; in an
 * existing thread only replies, and the `status`/`resolution` that resolve and reopen replace;
 * deletions only of what those replace. Objections are written by the server alone. Linear in
 * the update: each item's place is found once.
 */
export function checkConversation(doc: Y.Doc, decoded: Decoded, writer: Writer): ConversationVerdict {
  return new ConversationCheck(doc, decoded, commentAuthorFor(writer.role, writer.name)).run();
}

/** An item's role in the comment model. */
type Level =
  | { readonly kind: 'thread'; readonly key: string | null }
  | { readonly kind: 'field'; readonly thread: Y.Item; readonly threadStored: boolean; readonly field: string | null }
  | { readonly kind: 'message'; readonly thread: Y.Item; readonly threadStored: boolean; readonly key: string | null }
  | { readonly kind: 'deeper' };

/** What a new thread in the update has set so far. */
interface NewThread {
  readonly key: string;
  readonly fields: Map<string, number>;
  messages: number;
}

class ConversationCheck {
  private readonly places: UpdatePlaces;
  /** Fields of existing threads this update rewrites (resolve, reopen): what it may delete. */
  private readonly rewritten = new Map<Y.Item, Set<string>>();
  private readonly newThreads = new Map<Y.Item, NewThread>();
  private readonly newKeys = new Set<string>();
  private messages = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: Decoded,
    private readonly writer: CommentAuthor,
  ) {
    this.places = new UpdatePlaces(doc, decoded);
  }

  run(): ConversationVerdict {
    const threads: Y.Item[] = [];
    const inside: Y.Item[] = [];
    for (const struct of this.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const state = Y.getState(this.doc.store, struct.id.client);
      if (struct.id.clock + struct.length <= state) continue; // already held: changes nothing
      const root = this.places.rootOfNew(struct);
      // Yjs grafts the part of a struct past the server's state onto that client's last struct, wherever it is.
      if (struct.id.clock < state && CONVERSATION_ROOTS.has(this.places.rootAt(struct.id.client, state - 1) ?? '')) {
        return refuse('a struct overlaps content the server already holds in the conversation');
      }
      if (root !== COMMENTS_MAP && root !== OBJECTIONS) continue;
      if (root === OBJECTIONS) return refuse(OBJECTION_REFUSAL);
      if (struct.id.clock < state) return refuse('a comment overlaps content the server already holds');
      (this.levelOf(struct).kind === 'thread' ? threads : inside).push(struct);
      if (threads.length + inside.length > MAX_CONVERSATION_ITEMS_PER_UPDATE)
        return refuse(`more than ${MAX_CONVERSATION_ITEMS_PER_UPDATE} comment items in one update`);
    }
    // New threads first: an offline session may have written a thread's fields with another client id.
    for (const item of [...threads, ...inside]) {
      const verdict = this.checkInsertion(item);
      if (!verdict.ok) return verdict;
    }
    if (this.messages > MAX_MESSAGES_PER_UPDATE) return refuse(`more than ${MAX_MESSAGES_PER_UPDATE} comments in one update`);
    for (const thread of this.newThreads.values()) {
      for (const field of [...THREAD_FIELDS_ONCE, 'status']) {
        if (!thread.fields.has(field)) return refuse(`a new thread ("${thread.key}") without its ${field}`);
      }
      if (thread.messages === 0) return refuse(`a new thread ("${thread.key}") without its comment`);
    }
    return this.checkDeletions();
  }

  private checkInsertion(item: Y.Item): ConversationVerdict {
    const level = this.levelOf(item);
    const content = item.content;
    const deleted = content instanceof Y.ContentDeleted;
    switch (level.kind) {
      case 'deeper':
        return refuse('writes inside a comment field');
      case 'thread': {
        const key = level.key;
        if (!isThreadId(key)) return refuse('a thread id must match [A-Za-z0-9_-]{1,64}');
        // A map entry written over an existing key replaces (deletes) the value there, unasked.
        const comments = this.doc.share.get(COMMENTS_MAP);
        if (comments?._map.has(key) || this.newKeys.has(key)) return refuse(`rewrites thread "${key}"`);
        this.newKeys.add(key);
        if (deleted) return { ok: true };
        if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) return refuse('a thread is a map');
        this.newThreads.set(item, { key, fields: new Map(), messages: 0 });
        return { ok: true };
      }
      case 'field': {
        const field = level.field;
        if (field === null) return refuse('a thread is a map');
        if (level.threadStored) {
          if (!THREAD_FIELDS_REWRITTEN.has(field)) return refuse(`rewrites the ${field} of a thread`);
          let fields = this.rewritten.get(level.thread);
          if (!fields) this.rewritten.set(level.thread, (fields = new Set()));
          fields.add(field);
        } else {
          const thread = this.newThreads.get(level.thread);
          if (!thread) return refuse('writes into a thread that is not a map');
          if (!THREAD_FIELDS_ONCE.has(field) && !THREAD_FIELDS_REWRITTEN.has(field)) return refuse(`a thread has no field "${field}"`);
          // Resolve and reopen may replace their keys offline before the thread ever reached the server.
          if (deleted) return THREAD_FIELDS_REWRITTEN.has(field) ? { ok: true } : refuse(`removes the ${field} of a new thread`);
          const count = (thread.fields.get(field) ?? 0) + 1;
          if (count > 1 && THREAD_FIELDS_ONCE.has(field)) return refuse(`sets the ${field} of a thread twice`);
          thread.fields.set(field, count);
        }
        if (deleted) return { ok: true };
        if (field === 'messages') {
          return content instanceof Y.ContentType && content.type instanceof Y.Array ? { ok: true } : refuse('a thread’s messages are an array');
        }
        if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return refuse(`a thread's ${field} is one plain value`);
        const value = checkThreadField(field, content.arr[0], this.writer);
        return value.ok ? { ok: true } : refuse(value.reason);
      }
      case 'message': {
        if (level.key !== null) return refuse('messages are a list');
        if (deleted) return { ok: true };
        if (!(content instanceof Y.ContentAny)) return refuse('a message is a plain value');
        for (const message of content.arr) {
          const verdict = checkStoredMessage(message, this.writer);
          if (!verdict.ok) return refuse(verdict.reason);
        }
        this.messages += content.arr.length;
        if (!level.threadStored) {
          const thread = this.newThreads.get(level.thread);
          if (thread) thread.messages += content.arr.length;
        }
        return { ok: true };
      }
    }
  }

  /** Deletions in the conversation: only the status and resolution an update replaces, or its own new items. */
  private checkDeletions(): ConversationVerdict {
    for (const { item, root } of this.places.storedDeletions()) {
      if (root === OBJECTIONS) return refuse(OBJECTION_REFUSAL);
      if (root !== COMMENTS_MAP) continue;
      const level = this.levelOf(item);
      const replaced = level.kind === 'field' && level.field !== null && this.rewritten.get(level.thread)?.has(level.field);
      if (!replaced) return refuse('removes part of a comment thread');
    }
    return { ok: true };
  }

  /** The item's role in the comment model, from its place and its holder's place. */
  private levelOf(item: Y.Item): Level {
    const place = this.places.placeOf(item, false);
    if (place.kind === 'unknown') return { kind: 'deeper' };
    if (place.holder.kind === 'root') return { kind: 'thread', key: place.key };
    const holder = place.holder;
    const above = this.places.placeOf(holder.item, holder.stored);
    if (above.kind === 'unknown') return { kind: 'deeper' };
    if (above.holder.kind === 'root') return { kind: 'field', thread: holder.item, threadStored: holder.stored, field: place.key };
    const thread = above.holder;
    const top = this.places.placeOf(thread.item, thread.stored);
    if (above.key === 'messages' && top.kind === 'placed' && top.holder.kind === 'root') {
      return { kind: 'message', thread: thread.item, threadStored: thread.stored, key: place.key };
    }
    return { kind: 'deeper' };
  }
}

function refuse(reason: string): ConversationVerdict {
  return { ok: false, reason };
}
