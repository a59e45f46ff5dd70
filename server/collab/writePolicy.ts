import * as Y from 'yjs';
import { canWriteRoot, type Role } from '../../shared/model/access.js';
import { FROZEN_REFUSAL, FROZEN_WRITABLE_ROOTS } from '../../shared/model/freeze.js';
import { checkConversation, CONVERSATION_ROOTS } from './conversationPolicy.js';

export type WriteVerdict =
  | {
      readonly ok: true;
      readonly roots: ReadonlySet<string>;
      /** Client ids the update writes new structs for (GC and Skip included): they become the writer's. */
      readonly clients: ReadonlySet<number>;
    }
  | { readonly ok: false; readonly malformed: boolean; readonly reason: string };

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** Where an ID leads: a root type's name, content already garbage-collected, or nothing known. */
type Resolution = { kind: 'root'; name: string } | { kind: 'gone' } | { kind: 'missing' } | { kind: 'invalid'; why: string };

const MAX_CHAIN = 100_000;

/** Shared types restricted roles may only append to. */
const APPEND_ONLY_ROOTS: ReadonlySet<string> = new Set(['objections']);

/**
 * Decides, before anything is applied, whether `update` only writes where `role` may write.
 * Inserted items count for the root type they end up in (through their parent, or through
 * the neighbour they are inserted next to); deletions count for the items they delete. An
 * update is refused whole if any part of it lies outside, or if it depends on content the
 * server has never seen (its target could not be checked).
 */
export function checkWrite(
  doc: Y.Doc,
  update: Uint8Array,
  role: Role,
  /** `writerName`: the invitation's name, which comments must be written under (none: no comment passes). */
  options: { frozen?: boolean; writerName?: string } = {},
): WriteVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, malformed: true, reason: 'the update does not decode' };
  }
  const index = new UpdateIndex(decoded.structs);
  const resolver = new RootResolver(doc, index);
  const roots = new Set<string>();
  const clients = new Set<number>();
  const frozen = options.frozen === true;
  // Once frozen, nobody (the secretariat included) writes outside the conversation, and nothing unverifiable passes.
  const restricted = role.kind !== 'secretariat' || frozen;

  const consider = (resolution: Resolution, what: string): WriteVerdict | null => {
    switch (resolution.kind) {
      case 'invalid':
        return { ok: false, malformed: true, reason: `${what}: ${resolution.why}` };
      case 'gone':
        return null; // lands in deleted, collected content: changes nothing anyone sees
      case 'missing':
        return restricted ? { ok: false, malformed: false, reason: `${what} depends on content the server does not have` } : null;
      case 'root':
        if (!canWriteRoot(role, resolution.name)) {
          return { ok: false, malformed: false, reason: `writes to "${resolution.name}"` };
        }
        if (frozen && !FROZEN_WRITABLE_ROOTS.has(resolution.name)) {
          return { ok: false, malformed: false, reason: FROZEN_REFUSAL };
        }
        roots.add(resolution.name);
        return null;
    }
  };

  for (const struct of decoded.structs) {
    // Content the server already holds (a client re-sending what it has) changes nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    // Any new struct, even a GC or Skip, takes clocks of its client: claimed by the writer.
    if (!(struct instanceof Y.Skip)) clients.add(struct.id.client);
    if (!(struct instanceof Y.Item)) continue; // GC structs write no content
    const refusal = consider(resolver.rootOfDecoded(struct), 'an insertion');
    if (refusal) return refusal;
  }
  // An observer writes nothing, not even content-free structs: those take clock ranges too.
  if (role.kind === 'observer' && clients.size > 0) return { ok: false, malformed: false, reason: 'writes structs as an observer' };
  for (const [client, deletions] of decoded.ds.clients) {
    for (const { clock, len } of deletions) {
      for (const resolution of resolver.rootsOfRange(client, clock, len)) {
        const refusal = consider(resolution, 'a deletion');
        if (refusal) return refusal;
        // Objections are a record: a delegation may add one, never take one away.
        if (restricted && resolution.kind === 'root' && APPEND_ONLY_ROOTS.has(resolution.name)) {
          return { ok: false, malformed: false, reason: `deletes from "${resolution.name}"` };
        }
      }
    }
  }
  // Comments and objections have rules of their own: who wrote what, and how much.
  if ([...CONVERSATION_ROOTS].some((root) => roots.has(root))) {
    const conversation = checkConversation(doc, decoded, { role, name: options.writerName ?? '' });
    if (!conversation.ok) return { ok: false, malformed: false, reason: conversation.reason };
  }
  return { ok: true, roots, clients };
}

/** The items of one decoded update, findable by ID. */
class UpdateIndex {
  private readonly byClient = new Map<number, Y.Item[]>();

  constructor(structs: readonly DecodedStruct[]) {
    for (const s of structs) {
      if (!(s instanceof Y.Item)) continue;
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      list.push(s);
    }
  }

  find(client: number, clock: number): Y.Item | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid]!;
      if (clock < item.id.clock) hi = mid - 1;
      else if (clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return null;
  }

  /** Items of `client` overlapping [clock, clock + len), in clock order. */
  *overlapping(client: number, clock: number, len: number): Generator<Y.Item> {
    const list = this.byClient.get(client) ?? [];
    // Items are in clock order: start at the first that ends after `clock` (binary search).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.id.clock + list[mid]!.length <= clock) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && list[i]!.id.clock < clock + len; i++) yield list[i]!;
  }
}

class RootResolver {
  private readonly rootNames = new Map<Y.AbstractType<any>, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: UpdateIndex,
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  /** The root an item of the update will be integrated under. */
  rootOfDecoded(item: Y.Item): Resolution {
    // Typing makes chains (each character beside the one before): every item on a walked chain
    // shares its answer, so a long offline backlog is resolved in linear time, not quadratic.
    const path: Y.Item[] = [];
    const settle = (resolution: Resolution): Resolution => {
      for (const walked of path) this.resolved.set(walked, resolution);
      return resolution;
    };
    let current: Y.Item = item;
    for (let hops = 0; hops < MAX_CHAIN; hops++) {
      const memo = this.resolved.get(current);
      if (memo) return settle(memo);
      path.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === 'string') return settle({ kind: 'root', name: parent });
      // With a parent ID, the parent type is that item's content; it lies under that item's root.
      // Without one, the item sits beside its origin (or right origin), under the same parent.
      const next = parent instanceof Y.ID ? parent : (current.origin ?? current.rightOrigin);
      if (!next) return settle({ kind: 'invalid', why: 'an item with neither parent nor neighbour' });
      const known = this.rootOfStored(next, parent instanceof Y.ID);
      if (known) return settle(known);
      const inUpdate = this.update.find(next.client, next.clock);
      if (!inUpdate) return settle({ kind: 'missing' });
      if (parent instanceof Y.ID && !(inUpdate.content instanceof Y.ContentType)) {
        return settle({ kind: 'invalid', why: 'a parent that is not a type' });
      }
      current = inUpdate;
    }
    return settle({ kind: 'invalid', why: 'a parent chain that does not end' });
  }

  /** Answers already found for items of the update. */
  private readonly resolved = new Map<Y.Item, Resolution>();

  /** The root of the item at `id` if the document already holds it; null if it does not. */
  private rootOfStored(id: Y.ID, asParent: boolean): Resolution | null {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    if (!(struct instanceof Y.Item)) return { kind: 'gone' };
    if (asParent) {
      if (struct.deleted && !(struct.content instanceof Y.ContentType)) return { kind: 'gone' };
      if (!(struct.content instanceof Y.ContentType)) return { kind: 'invalid', why: 'a parent that is not a type' };
    }
    return this.rootOfIntegrated(struct);
  }

  private rootOfIntegrated(item: Y.Item): Resolution {
    let type = item.parent as Y.AbstractType<any> | null;
    while (type && type._item) type = type._item.parent as Y.AbstractType<any> | null;
    if (!type) return { kind: 'gone' };
    const name = this.rootNames.get(type);
    return name === undefined ? { kind: 'gone' } : { kind: 'root', name };
  }

  /** One resolution per struct that a deletion of [clock, clock + len) of `client` covers. */
  *rootsOfRange(client: number, clock: number, len: number): Generator<Resolution> {
    const end = clock + len;
    const stored = Math.min(end, Y.getState(this.doc.store, client));
    if (clock < stored) {
      const structs = this.doc.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= stored) break;
        // Deleting what is already deleted changes nothing: every step 2 carries the whole delete set.
        yield struct instanceof Y.Item && !struct.deleted ? this.rootOfIntegrated(struct) : { kind: 'gone' };
      }
    }
    let covered = Math.max(clock, stored);
    for (const item of this.update.overlapping(client, covered, end - covered)) {
      if (item.id.clock > covered) yield { kind: 'missing' };
      yield this.rootOfDecoded(item);
      covered = item.id.clock + item.length;
    }
    if (covered < end) yield { kind: 'missing' };
  }
}
