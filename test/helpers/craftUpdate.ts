import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Where a crafted item says it goes: a root (optionally as a map key), or beside / under existing ids. */
export type CraftedPlacement =
  | { readonly root: string; readonly key?: string }
  | { readonly origin?: Y.ID; readonly rightOrigin?: Y.ID }
  | { readonly parent: Y.ID; readonly key?: string };

export type CraftedContent =
  | { readonly string: string }
  | { readonly any: readonly unknown[] }
  | { readonly element: string }
  | { readonly xmlText: true }
  | { readonly map: true }
  | { readonly format: { readonly key: string; readonly value: unknown } }
  | { readonly deleted: number };

export type CraftedStruct = { readonly item: CraftedContent; readonly at: CraftedPlacement } | { readonly gc: number } | { readonly skip: number };

export interface CraftedSection {
  readonly client: number;
  /** Clock of the first struct; the following ones follow it. */
  readonly clock: number;
  readonly structs: readonly CraftedStruct[];
}

/**
 * Writes an update (format v1) struct by struct, as `Item.write` and `writeClientsStructs` of
 * yjs do, but with whatever ids, clocks and references an attacker chooses: overlapping the
 * server's state, naming one parent and sitting beside another, GC and Skip at any id.
 */
export function craftUpdate(sections: readonly CraftedSection[], deletes: readonly { client: number; clock: number; len: number }[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, sections.length);
  for (const section of sections) {
    encoding.writeVarUint(encoder.restEncoder, section.structs.length);
    encoder.writeClient(section.client);
    encoding.writeVarUint(encoder.restEncoder, section.clock);
    for (const struct of section.structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, { clock: number; len: number }[]>();
  for (const d of deletes) {
    const list = byClient.get(d.client) ?? [];
    list.push(d);
    byClient.set(d.client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    for (const d of list) {
      encoder.writeDsClock(d.clock);
      encoder.writeDsLen(d.len);
    }
  }
  return encoder.toUint8Array();
}

/** How many clocks a crafted struct takes. */
export function craftedLength(struct: CraftedStruct): number {
  if ('gc' in struct) return struct.gc;
  if ('skip' in struct) return struct.skip;
  const c = struct.item;
  if ('string' in c) return c.string.length;
  if ('any' in c) return c.any.length;
  if ('deleted' in c) return c.deleted;
  return 1;
}

function writeStruct(encoder: Y.UpdateEncoderV1, struct: CraftedStruct): void {
  if ('gc' in struct) {
    encoder.writeInfo(0);
    encoder.writeLen(struct.gc);
    return;
  }
  if ('skip' in struct) {
    encoder.writeInfo(10);
    encoding.writeVarUint(encoder.restEncoder, struct.skip);
    return;
  }
  const at = struct.item && struct.at;
  const origin = 'origin' in at ? at.origin : undefined;
  const rightOrigin = 'rightOrigin' in at ? at.rightOrigin : undefined;
  const key = 'key' in at ? at.key : undefined;
  const c = struct.item;
  const ref = 'string' in c ? 4 : 'any' in c ? 8 : 'deleted' in c ? 1 : 'format' in c ? 6 : 7;
  encoder.writeInfo(ref | (origin ? 0x80 : 0) | (rightOrigin ? 0x40 : 0) | (key !== undefined && !origin && !rightOrigin ? 0x20 : 0));
  if (origin) encoder.writeLeftID(origin);
  if (rightOrigin) encoder.writeRightID(rightOrigin);
  if (!origin && !rightOrigin) {
    if ('root' in at) {
      encoder.writeParentInfo(true);
      encoder.writeString(at.root);
    } else if ('parent' in at) {
      encoder.writeParentInfo(false);
      encoder.writeLeftID(at.parent);
    } else throw new Error('a crafted item needs a root, a parent or a neighbour');
    if (key !== undefined) encoder.writeString(key);
  }
  if ('string' in c) encoder.writeString(c.string);
  else if ('any' in c) {
    encoder.writeLen(c.any.length);
    for (const v of c.any) encoder.writeAny(v as never);
  } else if ('deleted' in c) encoder.writeLen(c.deleted);
  else if ('format' in c) {
    encoder.writeKey(c.format.key);
    encoder.writeJSON(c.format.value as never);
  } else if ('element' in c) {
    encoder.writeTypeRef(3);
    encoder.writeKey(c.element);
  } else if ('xmlText' in c) encoder.writeTypeRef(6);
  else encoder.writeTypeRef(1);
}
