import * as Y from 'yjs';
import type { AnyType } from '../../shared/model/yTypes.js';
import { canWriteRoot, type Role } from '../../shared/model/access.js';
import { FROZEN_REFUSAL, FROZEN_WRITABLE_ROOTS } from '../../shared/model/freeze.js';
import { checkConversation, CONVERSATION_ROOTS } from './conversationPolicy.js';
import { checkSuggestions, SUGGESTION_ROOTS } from './suggestionPolicy.js';
import { isElementAttribute, isSchemaMark, isTextElement, MAX_TEXT_DEPTH } from '../../shared/model/editorSchema.js';
import { planIntegration } from './integrationPlan.js';
import { encodeRefusal, topicOfRoot } from '../../shared/protocol/refusals.js';

export type WriteVerdict =
  | {
      readonly ok: true;
      readonly roots: ReadonlySet<string>;
      /** Client ids the update writes new structs for (GC and Skip included): they become the writer's. */
      readonly clients: ReadonlySet<number>;
    }
  | { readonly ok: false; readonly malformed: boolean; readonly reason: string };

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** The kind of shared type an item lands in, as far as the text schema cares. */
type Shape = { kind: 'root' } | { kind: 'element'; name: string } | { kind: 'xmltext' } | { kind: 'other' };

/** Where an item's parent type is: its root, its shape, and how many elements enclose its content. */
interface Where {
  readonly root: string;
  readonly shape: Shape;
  /** Elements from the root down to (and including) the parent type. */
  readonly depth: number;
  /** The type itself when the document already holds it (compared with what Yjs will link the item to). */
  readonly type: AnyType | null;
}

/** Where an item of the update lands: beside or under what, or nowhere that matters. */
type Resolution =
  | { kind: 'placed'; where: Where; parentSub: string | null }
  | { kind: 'gone' }
  | { kind: 'missing' }
  | { kind: 'invalid'; why: string }
  | { kind: 'overlap' };

/** Shared types restricted roles may only append to. */
const APPEND_ONLY_ROOTS: ReadonlySet<string> = new Set(['objections']);

/** Bound on chains of references followed at once (typing makes long ones; a cycle makes endless ones). */
const MAX_CHAIN = 1_000_000;

/**
 * Decides, before anything is applied, whether `update` only writes where `role` may write.
 * Each struct is judged as Yjs will integrate it (integrationPlan.ts): inserted items count for
 * the type they end up in (through their parent, or the neighbour they are inserted next to,
 * or — for a struct that starts below the document's state — the struct Yjs links it after);
 * deletions count for the items they delete. An update is refused whole if any part of it lies
 * outside, if a language's text would get structure its editor cannot hold (editorSchema.ts),
 * or if, for anyone but an unfrozen secretariat, it depends on content the server does not have
 * (Yjs would keep it aside and integrate it later, unchecked).
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
  const plan = planIntegration(doc, update, decoded.structs);
  if (!plan.ok) return { ok: false, malformed: true, reason: plan.why };
  const frozen = options.frozen === true;
  // Once frozen, nobody (the secretariat included) writes outside the conversation, and nothing unverifiable passes.
  const restricted = role.kind !== 'secretariat' || frozen;
  if (restricted && plan.pending.size > 0) return { ok: false, malformed: false, reason: 'an insertion depends on content the server does not have' };

  const index = new UpdateIndex(decoded.structs);
  const resolver = new Resolver(doc, index, plan.integrated);
  const roots = new Set<string>();
  // Any new struct, even a GC or Skip, takes clocks of its client: claimed by the writer.
  const clients = new Set(plan.fresh.map((s) => s.id.client));

  const consider = (resolution: Resolution, what: string): WriteVerdict | null => {
    switch (resolution.kind) {
      case 'invalid':
        return { ok: false, malformed: true, reason: `${what}: ${resolution.why}` };
      case 'overlap':
        return { ok: false, malformed: false, reason: `${what} overlaps content the server holds elsewhere` };
      case 'gone':
        return null; // lands in deleted, collected content: changes nothing anyone sees
      case 'missing':
        return restricted ? { ok: false, malformed: false, reason: `${what} depends on content the server does not have` } : null;
      case 'placed': {
        const name = resolution.where.root;
        if (!canWriteRoot(role, name)) return { ok: false, malformed: false, reason: encodeRefusal(topicOfRoot(name), `writes to "${name}"`) };
        if (frozen && !FROZEN_WRITABLE_ROOTS.has(name)) return { ok: false, malformed: false, reason: encodeRefusal({ kind: 'frozen' }, FROZEN_REFUSAL) };
        roots.add(name);
        return null;
      }
    }
  };

  for (const struct of plan.fresh) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip structs write no content
    if (struct.content instanceof Y.ContentDoc) return { ok: false, malformed: true, reason: 'a subdocument' };
    const resolution = resolver.resolve(struct);
    const refusal = consider(resolution, 'an insertion');
    if (refusal) return refusal;
    if (resolution.kind === 'placed' && resolution.where.root.startsWith('text:')) {
      const why = schemaViolation(struct, resolution.where, resolution.parentSub);
      if (why) return { ok: false, malformed: true, reason: `the text cannot hold ${why}` };
    }
  }
  // An observer writes nothing, not even content-free structs: those take clock ranges too.
  if (role.kind === 'observer' && clients.size > 0) return { ok: false, malformed: false, reason: 'writes structs as an observer' };
  for (const [client, deletions] of decoded.ds.clients) {
    for (const { clock, len } of deletions) {
      for (const resolution of resolver.rootsOfRange(client, clock, len)) {
        const refusal = consider(resolution, 'a deletion');
        if (refusal) return refusal;
        // Objections are a record: a delegation may add one, never take one away.
        if (restricted && resolution.kind === 'placed' && APPEND_ONLY_ROOTS.has(resolution.where.root)) {
          return { ok: false, malformed: false, reason: `deletes from "${resolution.where.root}"` };
        }
      }
    }
  }
  // Comments and objections have rules of their own: who wrote what, and how much.
  if ([...CONVERSATION_ROOTS].some((root) => roots.has(root))) {
    const conversation = checkConversation(doc, decoded, { role, name: options.writerName ?? '' });
    if (!conversation.ok) return { ok: false, malformed: false, reason: conversation.reason };
  }
  // Suggestions and their votes too: each key has one rightful writer.
  if ([...SUGGESTION_ROOTS].some((root) => roots.has(root))) {
    const suggestions = checkSuggestions(doc, decoded, { role, name: options.writerName ?? '' });
    if (!suggestions.ok) return { ok: false, malformed: false, reason: suggestions.reason };
  }
  return { ok: true, roots, clients };
}

/**
 * What in an item stops the editor from rendering it (its element name, an attribute, a mark,
 * a kind of content, or how deep it nests), or null if the schema holds it.
 */
function schemaViolation(item: Y.Item, where: Where, parentSub: string | null): string | null {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  const shape = where.shape;
  if (parentSub !== null) {
    // An attribute of an element: a plain value of an attribute the node has.
    if (shape.kind !== 'element' || !isElementAttribute(shape.name, parentSub)) return `the attribute "${parentSub}"`;
    return content instanceof Y.ContentAny ? null : `a shared type as the value of "${parentSub}"`;
  }
  if (shape.kind === 'xmltext') {
    if (content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) return isSchemaMark(content.key, content.value) ? null : `the mark "${content.key}"`;
    return 'an embedded object in a text run';
  }
  if (shape.kind !== 'root' && shape.kind !== 'element') return 'content in a type that is not an element';
  if (!(content instanceof Y.ContentType)) return 'loose content between elements';
  const type = content.type;
  if (type instanceof Y.XmlText) return shape.kind === 'root' ? 'text outside a block' : null;
  if (!(type instanceof Y.XmlElement)) return 'a shared type that is not an element';
  if (!isTextElement(type.nodeName)) return `the element "${type.nodeName.slice(0, 40)}"`;
  if (where.depth + 1 > MAX_TEXT_DEPTH) return `elements nested more than ${MAX_TEXT_DEPTH} deep`;
  return null;
}

/** The structs of one decoded update (GC included), findable by ID. */
class UpdateIndex {
  private readonly byClient = new Map<number, DecodedStruct[]>();

  constructor(structs: readonly DecodedStruct[]) {
    // The integration plan has checked that each client's structs follow each other in clock order.
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      list.push(s);
    }
  }

  find(client: number, clock: number): DecodedStruct | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (clock < s.id.clock) hi = mid - 1;
      else if (clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  }

  /** Structs of `client` overlapping [clock, clock + len), in clock order. */
  *overlapping(client: number, clock: number, len: number): Generator<DecodedStruct> {
    const list = this.byClient.get(client) ?? [];
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

/** A reference resolved: a struct the document holds, one of the update, or nothing known. */
type Ref = { kind: 'stored'; struct: Y.Item | Y.GC } | { kind: 'decoded'; struct: DecodedStruct } | { kind: 'missing' } | { kind: 'none' };

/**
 * Finds, for every item of the update, the type Yjs will put it in — as `Item.getMissing` and
 * `Item.integrate` derive it — and where that type is. Iterative and memoised: a typing chain or
 * a deep nesting is resolved in time linear in the update, without recursion.
 */
class Resolver {
  private readonly rootNames = new Map<AnyType, string>();
  private readonly resolved = new Map<Y.Item, Resolution>();
  private readonly storedWhere = new Map<AnyType, Where | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: UpdateIndex,
    private readonly offsets: ReadonlyMap<DecodedStruct, number>,
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  private ref(id: Y.ID | null): Ref {
    if (!id) return { kind: 'none' };
    if (id.clock < Y.getState(this.doc.store, id.client)) return { kind: 'stored', struct: Y.getItem(this.doc.store, id) as Y.Item | Y.GC };
    const s = this.update.find(id.client, id.clock);
    return s ? { kind: 'decoded', struct: s } : { kind: 'missing' };
  }

  /** Where the item will be integrated. */
  resolve(item: Y.Item): Resolution {
    const stack: Y.Item[] = [item];
    const onStack = new Set<Y.Item>([item]);
    while (stack.length > 0) {
      const current = stack[stack.length - 1]!;
      if (this.resolved.has(current)) {
        stack.pop();
        onStack.delete(current);
        continue;
      }
      const step = this.step(current);
      if (step.kind === 'needs') {
        if (onStack.has(step.item) || stack.length >= MAX_CHAIN) this.resolved.set(current, { kind: 'invalid', why: 'references that go round in a circle' });
        else {
          stack.push(step.item);
          onStack.add(step.item);
        }
        continue;
      }
      this.resolved.set(current, step.resolution);
      stack.pop();
      onStack.delete(current);
    }
    return this.resolved.get(item)!;
  }

  /** Resolves one item from what is already known, or names the item of the update it needs first. */
  private step(item: Y.Item): { kind: 'done'; resolution: Resolution } | { kind: 'needs'; item: Y.Item } {
    const done = (resolution: Resolution) => ({ kind: 'done' as const, resolution });
    const left = this.ref(item.origin);
    const right = this.ref(item.rightOrigin);
    const parent = item.parent instanceof Y.ID ? this.ref(item.parent) : null;
    const offset = this.offsets.get(item) ?? 0;
    if (offset > 0) {
      // Yjs integrates only the part above the state, linked after the struct just below it, in
      // the parent its own references name: both must be the same place, or the document breaks.
      if ([left, right, parent].some((r) => r?.kind === 'decoded' || r?.kind === 'missing')) return done({ kind: 'overlap' });
      const declared = this.fromStored(item, left, right, parent);
      const below = Y.getItem(this.doc.store, Y.createID(item.id.client, item.id.clock + offset - 1));
      if (declared.kind !== 'placed' || !(below instanceof Y.Item)) return done(declared.kind === 'invalid' ? declared : { kind: 'overlap' });
      const same = declared.where.type === below.parent && declared.parentSub === below.parentSub;
      return done(same ? declared : { kind: 'overlap' });
    }
    for (const r of [left, right, parent]) {
      if (r?.kind === 'missing') return done({ kind: 'missing' });
    }
    // Item.getMissing: a neighbour that is collected makes the item collected too.
    if (isGc(left) || isGc(right)) return done({ kind: 'gone' });
    const sibling = left.kind !== 'none' ? left : right;
    if (sibling.kind === 'decoded') {
      const s = sibling.struct as Y.Item;
      const known = this.resolved.get(s);
      if (!known) return { kind: 'needs', item: s };
      return done(known.kind === 'placed' ? { kind: 'placed', where: known.where, parentSub: s.parentSub } : known);
    }
    if (parent?.kind === 'decoded') {
      const p = parent.struct;
      if (!(p instanceof Y.Item) || !(p.content instanceof Y.ContentType))
        return done(p instanceof Y.GC ? { kind: 'gone' } : { kind: 'invalid', why: 'a parent that is not a type' });
      const known = this.resolved.get(p);
      if (!known) return { kind: 'needs', item: p };
      if (known.kind !== 'placed') return done(known);
      return done({ kind: 'placed', where: childWhere(known.where, p.content.type, null), parentSub: item.parentSub });
    }
    return done(this.fromStored(item, left, right, parent));
  }

  /** The item's place when every reference it is placed by is already in the document. */
  private fromStored(item: Y.Item, left: Ref, right: Ref, parent: Ref | null): Resolution {
    if (isGc(left) || isGc(right)) return { kind: 'gone' };
    const sibling = left.kind === 'stored' ? left.struct : right.kind === 'stored' ? right.struct : null;
    if (sibling instanceof Y.Item) {
      const where = this.whereOfType(sibling.parent as AnyType);
      return where ? { kind: 'placed', where, parentSub: sibling.parentSub } : { kind: 'gone' };
    }
    if (typeof item.parent === 'string') {
      const where = this.whereOfRoot(item.parent);
      return { kind: 'placed', where, parentSub: item.parentSub };
    }
    if (parent?.kind === 'stored') {
      const p = parent.struct;
      if (p instanceof Y.GC) return { kind: 'gone' };
      if (!(p.content instanceof Y.ContentType)) return p.deleted ? { kind: 'gone' } : { kind: 'invalid', why: 'a parent that is not a type' };
      const where = this.whereOfType(p.content.type);
      return where ? { kind: 'placed', where, parentSub: item.parentSub } : { kind: 'gone' };
    }
    return { kind: 'invalid', why: 'an item with neither parent nor neighbour' };
  }

  private whereOfRoot(name: string): Where {
    const type = this.doc.share.get(name) ?? null;
    return { root: name, shape: { kind: 'root' }, depth: 0, type };
  }

  /** Where a type the document holds is; null if it hangs under nothing (collected). Memoised, iterative. */
  private whereOfType(type: AnyType): Where | null {
    const chain: AnyType[] = [];
    let current: AnyType | null = type;
    let base: Where | null = null;
    for (;;) {
      if (!current) break;
      if (this.storedWhere.has(current)) {
        base = this.storedWhere.get(current)!;
        break;
      }
      if (!current._item) {
        const name = this.rootNames.get(current);
        base = name === undefined ? null : { root: name, shape: { kind: 'root' }, depth: 0, type: current };
        this.storedWhere.set(current, base);
        break;
      }
      chain.push(current);
      current = current._item.parent as AnyType | null;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i]!;
      base = base ? childWhere(base, t, t) : null;
      this.storedWhere.set(t, base);
    }
    return base;
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
        if (!(struct instanceof Y.Item) || struct.deleted) {
          yield { kind: 'gone' };
          continue;
        }
        const where = this.whereOfType(struct.parent as AnyType);
        yield where ? { kind: 'placed', where, parentSub: struct.parentSub } : { kind: 'gone' };
      }
    }
    let covered = Math.max(clock, stored);
    for (const s of this.update.overlapping(client, covered, end - covered)) {
      if (s.id.clock > covered) yield { kind: 'missing' };
      yield s instanceof Y.Item ? this.resolve(s) : { kind: 'gone' };
      covered = s.id.clock + s.length;
    }
    if (covered < end) yield { kind: 'missing' };
  }
}

function isGc(ref: Ref): boolean {
  return (ref.kind === 'stored' || ref.kind === 'decoded') && ref.struct instanceof Y.GC;
}

/** Where the content of `type` (a child of the type at `parent`) is. */
function childWhere(parent: Where, type: AnyType, stored: AnyType | null): Where {
  const shape: Shape =
    type instanceof Y.XmlElement ? { kind: 'element', name: type.nodeName } : type instanceof Y.XmlText ? { kind: 'xmltext' } : { kind: 'other' };
  return { root: parent.root, shape, depth: parent.depth + (shape.kind === 'element' ? 1 : 0), type: stored };
}
