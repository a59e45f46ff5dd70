import type { Node as PMNode } from '@tiptap/pm/model';
import { isParagraphId } from '../../shared/model/paragraphIds';
import type { ParagraphId } from '../../shared/model/ids';

export interface PmUnit {
  readonly pid: ParagraphId;
  /** Position before the unit's node. */
  readonly pos: number;
  readonly node: PMNode;
}

const LISTS = new Set(['bulletList', 'orderedList']);

/** The alignment units of an editor's document, as `readUnits` finds them in Yjs. */
export function pmUnits(doc: PMNode): PmUnit[] {
  const units: PmUnit[] = [];
  doc.forEach((node, offset) => {
    if (LISTS.has(node.type.name)) {
      node.forEach((item, itemOffset) => {
        if (isParagraphId(item.attrs.pid)) units.push({ pid: item.attrs.pid, pos: offset + 1 + itemOffset, node: item });
      });
    } else if (isParagraphId(node.attrs.pid)) {
      units.push({ pid: node.attrs.pid, pos: offset, node });
    }
  });
  return units;
}

/** The unit that contains a position, if any. */
export function unitAt(doc: PMNode, pos: number): PmUnit | null {
  return pmUnits(doc).find((u) => pos >= u.pos && pos <= u.pos + u.node.nodeSize) ?? null;
}
