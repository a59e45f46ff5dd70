import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * What `Y.applyUpdate` will do with each struct of an update, worked out before it is applied:
 * which structs it integrates now and from which offset (a struct that starts below the
 * document's state for its client is integrated from the first unknown clock, its origin
 * re-derived from the struct just below), which it keeps pending (a dependency is missing),
 * and whether applying would throw half-way.
 */
export type IntegrationPlan =
  | {
      readonly ok: true;
      /** Structs integrated now, with the offset Yjs integrates them from (0 unless they overlap the state). */
      readonly integrated: ReadonlyMap<DecodedStruct, number>;
      /** Structs Yjs keeps aside until what they depend on arrives (possibly much later, from someone else). */
      readonly pending: ReadonlySet<DecodedStruct>;
      /** Every struct that is not already wholly in the document, Skip structs included, by client. */
      readonly fresh: readonly DecodedStruct[];
    }
  | { readonly ok: false; readonly why: string };

/**
 * Mirrors `integrateStructs` of yjs 13.6 (src/utils/encoding.js): the same order (highest client
 * first, a stack that follows missing dependencies into other clients' structs), the same test
 * for a missing dependency (`Item.getMissing`: origin, right origin or parent of another client
 * at or above its state), the same offset rule. Nothing in the document is touched.
 */
export function planIntegration(doc: Y.Doc, update: Uint8Array, structs: readonly DecodedStruct[]): IntegrationPlan {
  const byClient = new Map<number, DecodedStruct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) {
      // Within one section, clocks follow each other; anything else is a second section.
      const last = list[list.length - 1]!;
      if (s.id.clock !== last.id.clock + last.length) return { ok: false, why: 'a client appears twice' };
      list.push(s);
    } else byClient.set(s.id.client, [s]);
  }
  // readClientsStructRefs keeps only the last section of a client: an update that lists a client
  // twice (or lists one with no structs) would be checked on structs Yjs then drops. Yjs never
  // writes such an update; it is refused rather than reasoned about.
  if (sectionCount(update) !== byClient.size) return { ok: false, why: 'a client appears twice or with no structs' };

  const docState = (client: number) => Y.getState(doc.store, client);
  const fresh = structs.filter((s) => s.id.clock + s.length > docState(s.id.client));

  const refs = new Map<number, { i: number; refs: DecodedStruct[] }>();
  for (const [client, list] of byClient) refs.set(client, { i: 0, refs: list });
  let ids = [...refs.keys()].sort((a, b) => a - b);
  const integrated = new Map<DecodedStruct, number>();
  const pending = new Set<DecodedStruct>();
  const state = new Map<number, number>();
  const stateOf = (client: number) => state.get(client) ?? docState(client);
  const stack: DecodedStruct[] = [];

  const nextTarget = () => {
    while (ids.length > 0) {
      const target = refs.get(ids[ids.length - 1]!)!;
      if (target.i < target.refs.length) return target;
      ids.pop();
    }
    return null;
  };
  const setAside = () => {
    for (const s of stack) {
      const client = s.id.client;
      const target = refs.get(client);
      if (target) {
        target.i--;
        for (const rest of target.refs.slice(target.i)) pending.add(rest);
        refs.delete(client);
        target.i = 0;
        target.refs = [];
      } else pending.add(s);
      ids = ids.filter((c) => c !== client);
    }
    stack.length = 0;
  };

  let target = nextTarget();
  if (!target) return { ok: true, integrated, pending, fresh };
  let head: DecodedStruct = target.refs[target.i++]!;
  for (;;) {
    if (!(head instanceof Y.Skip)) {
      const local = stateOf(head.id.client);
      const offset = local - head.id.clock;
      if (offset < 0) {
        stack.push(head);
        setAside();
      } else {
        const dependency = missingDependency(head, stateOf);
        if (dependency.kind === 'throws') return { ok: false, why: dependency.why };
        if (dependency.kind === 'missing') {
          stack.push(head);
          const other = refs.get(dependency.client) ?? { i: 0, refs: [] };
          if (other.refs.length === other.i) setAside();
          else {
            head = other.refs[other.i++]!;
            continue;
          }
        } else if (offset === 0 || offset < head.length) {
          integrated.set(head, offset);
          state.set(head.id.client, head.id.clock + head.length);
        }
      }
    }
    if (stack.length > 0) head = stack.pop()!;
    else if (target && target.i < target.refs.length) head = target.refs[target.i++]!;
    else {
      target = nextTarget();
      if (!target) break;
      head = target.refs[target.i++]!;
    }
  }
  return { ok: true, integrated, pending, fresh };
}

/**
 * `Item.getMissing`: a reference to another client at or above its state is missing; a reference
 * to the item's own client must already exist (Yjs looks it up without checking, and throws).
 */
function missingDependency(
  struct: DecodedStruct,
  stateOf: (client: number) => number,
): { kind: 'none' } | { kind: 'missing'; client: number } | { kind: 'throws'; why: string } {
  if (!(struct instanceof Y.Item)) return { kind: 'none' };
  const parent = struct.parent instanceof Y.ID ? struct.parent : null;
  for (const ref of [struct.origin, struct.rightOrigin, parent]) {
    if (ref && ref.client !== struct.id.client && ref.clock >= stateOf(ref.client)) return { kind: 'missing', client: ref.client };
  }
  for (const ref of [struct.origin, struct.rightOrigin, parent]) {
    if (ref && ref.client === struct.id.client && ref.clock >= stateOf(ref.client))
      return { kind: 'throws', why: 'a reference to a later struct of its own client' };
  }
  return { kind: 'none' };
}

/** The number of client sections an update (format v1) declares: its first number. */
function sectionCount(update: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(update));
}
