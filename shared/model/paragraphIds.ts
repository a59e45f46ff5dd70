import * as Y from 'yjs';
import type { ParagraphId } from './ids.js';

/** The attribute that carries a block's stable id, in Yjs and in ProseMirror. */
export const PID_ATTRIBUTE = 'pid';
/** Block nodes that carry a `pid`. */
export const PID_NODE_NAMES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'listItem']);

const PID_SHAPE = /^p-[0-9a-z]+-[0-9a-z]+(?:-[0-9]+)?$/;

/** Whether a string has the shape of a paragraph id (what a paste may carry in is not trusted). */
export function isParagraphId(value: unknown): value is ParagraphId {
  return typeof value === 'string' && value.length <= 64 && PID_SHAPE.test(value);
}

/**
 * The id a block gets when it has none or shares another's: made from the block's own Yjs item
 * id, so every client (and the server) that fixes the same block picks the same value.
 */
export function pidForElement(element: Y.XmlElement): ParagraphId {
  const item = element._item;
  if (!item) throw new Error('pidForElement: the element is not part of a document');
  return `p-${item.id.client.toString(36)}-${item.id.clock.toString(36)}` as ParagraphId;
}

/** Every pid-carrying element of a fragment, in document order (iterative: nesting depth costs no stack). */
export function* pidElements(fragment: Y.XmlFragment): Generator<Y.XmlElement> {
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = fragment.toArray().reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!(node instanceof Y.XmlElement)) continue;
    if (PID_NODE_NAMES.has(node.nodeName)) yield node;
    const children = node.toArray();
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * Gives an id to every block that lacks one, and a fresh one to every block whose id another
 * block also carries. Of blocks sharing an id, the one the id was made for keeps it (so a copy
 * pasted above the original does not take its id), else the first in the document (so a split
 * keeps the id on the first half). Ids are unique across all languages of the declaration.
 * Deterministic: every client and the server that fix the same state write the same values.
 * Returns how many blocks were changed; the changes are one transaction with `origin`.
 */
export function ensureParagraphIds(
  doc: Y.Doc,
  fragmentNames: readonly string[],
  origin: unknown,
  /** Which fragments this writer may change (a delegation only its own language); all by default. */
  mayFix: (fragmentName: string) => boolean = () => true,
): number {
  const holders = new Map<string, Y.XmlElement[]>();
  const unnamed: Y.XmlElement[] = [];
  const fixable = new Set<Y.XmlElement>();
  for (const name of [...fragmentNames].sort()) {
    const allowed = mayFix(name);
    for (const element of pidElements(doc.getXmlFragment(name))) {
      if (allowed) fixable.add(element);
      const pid = element.getAttribute(PID_ATTRIBUTE);
      if (!isParagraphId(pid)) unnamed.push(element);
      else {
        const list = holders.get(pid);
        if (list) list.push(element);
        else holders.set(pid, [element]);
      }
    }
  }
  const renamed: Y.XmlElement[] = [...unnamed];
  for (const [pid, elements] of holders) {
    if (elements.length === 1) continue;
    const keeper = elements.find((e) => pidForElement(e) === pid) ?? elements[0]!;
    for (const e of elements) if (e !== keeper) renamed.push(e);
  }
  // Ids are judged across every language, but written only where this writer may write.
  const writable = renamed.filter((e) => fixable.has(e));
  if (writable.length === 0) return 0;
  doc.transact(() => {
    for (const element of writable) {
      let fresh: string = pidForElement(element);
      for (let n = 1; holders.has(fresh); n++) fresh = `${pidForElement(element)}-${n}`;
      holders.set(fresh, [element]);
      element.setAttribute(PID_ATTRIBUTE, fresh);
    }
  }, origin);
  return writable.length;
}

/**
 * Whether a transaction may have left a block without an id, or with one another block holds:
 * it inserted an element, or wrote or removed a `pid` of an element still there. Typing into a
 * paragraph does neither, so it needs no `ensureParagraphIds` pass over the whole document.
 */
export function mayNeedParagraphIds(tr: Y.Transaction): boolean {
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i];
      if (
        item instanceof Y.Item &&
        (item.parentSub === PID_ATTRIBUTE || (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement))
      ) {
        return true;
      }
    }
  }
  let removed = false;
  Y.iterateDeletedStructs(tr, tr.deleteSet, (item) => {
    // A pid deleted with its element leaves no element without an id.
    if (!removed && item instanceof Y.Item && item.parentSub === PID_ATTRIBUTE && !(item.parent as Y.AbstractType<unknown>)._item?.deleted) removed = true;
  });
  return removed;
}

/** Names of the language text fragments present in a document (`text:fr`, `text:vi`, …). */
export function textFragmentNames(doc: Y.Doc): string[] {
  return [...doc.share.keys()].filter((k) => k.startsWith('text:'));
}
