import * as Y from 'yjs';
import { isParagraphId, PID_ATTRIBUTE } from './paragraphIds.js';
import type { AnyType } from './yTypes.js';

/**
 * The paragraphs a transaction changed: for every item it inserted or deleted, the outermost
 * pid-carrying element around it (a paragraph, heading or list item under the language root).
 * Linear in the transaction: each enclosing type is looked at once, however many items it holds
 * and however deep it nests.
 */
export function touchedParagraphs(tr: Y.Transaction): string[] {
  const pids = new Set<string>();
  const outermost = new OutermostPid();
  const visit = (item: Y.Item | Y.GC) => {
    if (!(item instanceof Y.Item)) return;
    const pid = outermost.ofItem(item);
    if (pid) pids.add(pid);
  };
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) visit(structs[i]!);
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, visit);
  return [...pids];
}

/** The outermost paragraph id at or above each type, remembered per type. */
class OutermostPid {
  private readonly known = new Map<AnyType, string | null>();

  ofItem(item: Y.Item): string | null {
    // An item that is itself a paragraph counts for that paragraph, unless one encloses it.
    const own = item.content instanceof Y.ContentType ? pidOf(item.content.type) : null;
    return this.ofType(item.parent as AnyType | null) ?? own;
  }

  private ofType(type: AnyType | null): string | null {
    const chain: AnyType[] = [];
    let current = type;
    let above: string | null = null;
    while (current) {
      const memo = this.known.get(current);
      if (memo !== undefined) {
        above = memo;
        break;
      }
      chain.push(current);
      current = current._item ? (current._item.parent as AnyType | null) : null;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i]!;
      above = above ?? pidOf(t);
      this.known.set(t, above);
    }
    return above;
  }
}

function pidOf(type: AnyType): string | null {
  if (!(type instanceof Y.XmlElement)) return null;
  const pid = type.getAttribute(PID_ATTRIBUTE);
  return isParagraphId(pid) ? pid : null;
}
