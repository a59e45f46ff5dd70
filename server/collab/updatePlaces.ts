import * as Y from 'yjs';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** A type holding items: a root by name, or the item whose content the type is (stored or in the update). */
export type Holder = { readonly kind: 'root'; readonly name: string } | { readonly kind: 'item'; readonly item: Y.Item; readonly stored: boolean };

/** Where an item goes: its holder and its key in a map (null in a sequence). */
export type Place = { readonly kind: 'placed'; readonly holder: Holder; readonly key: string | null } | { readonly kind: 'unknown' };

const MAX_HOPS = 1_000_000;

/**
 * Where the items of a decoded update will go, as Yjs integrates them: under their declared
 * parent, else beside their origin (or right origin), taking that neighbour's parent and map
 * key. Used by the item-level policies (conversation, suggestions), which need each new item's
 * root and map key. Memoised and iterative: linear in the update, without recursion.
 */
export class UpdatePlaces {
  private readonly rootNames = new Map<Y.AbstractType<unknown>, string>();
  private readonly byClient = new Map<number, Y.Item[]>();
  private readonly places = new Map<Y.Item, Place>();
  private readonly roots = new Map<Y.Item, string | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: Decoded,
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type as Y.AbstractType<unknown>, name);
    for (const s of decoded.structs) {
      if (!(s instanceof Y.Item)) continue;
      const list = this.byClient.get(s.id.client);
      if (list) list.push(s);
      else this.byClient.set(s.id.client, [s]);
    }
  }

  placeOf(item: Y.Item, stored: boolean): Place {
    if (stored || this.isStored(item)) return this.placeOfStored(item);
    return this.placeOfNew(item);
  }

  isStored(item: Y.Item): boolean {
    // A decoded item is never the integrated one: integrated items have a type (or null) as parent.
    return item.parent instanceof Y.AbstractType;
  }

  placeOfStored(item: Y.Item): Place {
    const type = item.parent as Y.AbstractType<unknown> | null;
    if (!type) return { kind: 'unknown' };
    if (type._item) return { kind: 'placed', holder: { kind: 'item', item: type._item, stored: true }, key: item.parentSub };
    const name = this.rootNames.get(type);
    return name === undefined ? { kind: 'unknown' } : { kind: 'placed', holder: { kind: 'root', name }, key: item.parentSub };
  }

  /**
   * Where Yjs will put a new item: under its declared parent, else beside its origin (or right
   * origin), taking that neighbour's parent and map key. Neighbour chains (typing) are walked
   * once: every item on a chain shares its answer.
   */
  placeOfNew(item: Y.Item): Place {
    const chain: Y.Item[] = [];
    let place: Place = { kind: 'unknown' };
    let current = item;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const known = this.places.get(current);
      if (known) {
        place = known;
        break;
      }
      chain.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === 'string') {
        place = { kind: 'placed', holder: { kind: 'root', name: parent }, key: current.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        const holder = this.itemAt(parent);
        if (holder) place = { kind: 'placed', holder, key: current.parentSub };
        break;
      }
      const neighbour = current.origin ?? current.rightOrigin;
      if (!neighbour) break;
      const next = this.itemAt(neighbour);
      if (!next) break;
      if (next.stored) {
        place = this.placeOfStored(next.item);
        break;
      }
      current = next.item;
    }
    for (const walked of chain) this.places.set(walked, place);
    return place;
  }

  /** The root a new item ends up under (null: unknown), walking up holders without recursion. */
  rootOfNew(item: Y.Item): string | null {
    const walked: Y.Item[] = [];
    let root: string | null = null;
    let current = item;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const known = this.roots.get(current);
      if (known !== undefined) {
        root = known;
        break;
      }
      walked.push(current);
      const place = this.placeOfNew(current);
      if (place.kind === 'unknown') break;
      if (place.holder.kind === 'root') {
        root = place.holder.name;
        break;
      }
      if (place.holder.stored) {
        root = this.rootOfStored(place.holder.item);
        break;
      }
      current = place.holder.item;
    }
    for (const w of walked) this.roots.set(w, root);
    return root;
  }

  /** The root of the stored struct at a clock of `client` (null: collected, or under no root). */
  rootAt(client: number, clock: number): string | null {
    const struct = Y.getItem(this.doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
    return struct instanceof Y.Item ? this.rootOfStored(struct) : null;
  }

  /**
   * The stored, live items the update's delete set removes, with their root. Already deleted ones
   * are left out: every sync step 2 carries the whole delete set, and deleting them changes nothing.
   */
  *storedDeletions(): Generator<{ readonly item: Y.Item; readonly root: string | null }> {
    for (const [client, deletions] of this.decoded.ds.clients) {
      const stored = this.doc.store.clients.get(client);
      if (!stored) continue;
      const state = Y.getState(this.doc.store, client);
      for (const { clock, len } of deletions) {
        const end = Math.min(clock + len, state);
        if (clock >= end) continue;
        for (let i = Y.findIndexSS(stored, clock); i < stored.length; i++) {
          const struct = stored[i]!;
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !struct.deleted) yield { item: struct, root: this.rootOfStored(struct) };
        }
      }
    }
  }

  rootOfStored(item: Y.Item): string | null {
    let type = item.parent as Y.AbstractType<unknown> | null;
    while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
    return type ? (this.rootNames.get(type) ?? null) : null;
  }

  /** The item at `id`: integrated in the document, or new in the update; null if neither (or collected). */
  itemAt(id: Y.ID): { kind: 'item'; item: Y.Item; stored: boolean } | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      return struct instanceof Y.Item ? { kind: 'item', item: struct, stored: true } : null;
    }
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid]!;
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return { kind: 'item', item, stored: false };
    }
    return null;
  }
}
