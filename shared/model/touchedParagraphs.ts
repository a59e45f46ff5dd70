import * as Y from 'yjs';
import { isParagraphId, PID_ATTRIBUTE } from './paragraphIds.js';

/**
 * The paragraphs a transaction changed: for every item it inserted or deleted, the outermost
 * pid-carrying element around it (a paragraph, heading or list item under the language root).
 */
export function touchedParagraphs(tr: Y.Transaction): string[] {
  const pids = new Set<string>();
  const visit = (item: Y.Item | Y.GC) => {
    if (!(item instanceof Y.Item)) return;
    const pid = outermostPid(item);
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

function outermostPid(item: Y.Item): string | null {
  let found: string | null = null;
  // An item that is itself a paragraph counts for that paragraph.
  if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) {
    const own = item.content.type.getAttribute(PID_ATTRIBUTE);
    if (isParagraphId(own)) found = own;
  }
  let type = item.parent as Y.AbstractType<unknown> | null;
  while (type && type._item) {
    if (type instanceof Y.XmlElement) {
      const pid = type.getAttribute(PID_ATTRIBUTE);
      if (isParagraphId(pid)) found = pid;
    }
    type = type._item.parent as Y.AbstractType<unknown> | null;
  }
  return found;
}
