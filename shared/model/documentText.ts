import * as Y from 'yjs';
import { isParagraphId, PID_ATTRIBUTE } from './paragraphIds.js';
import type { ParagraphId } from './ids.js';
import { toNfc } from '../text/nfc.js';

/** One alignment unit of a language: a top-level paragraph or heading, or an item of a top-level list. */
export interface Unit {
  readonly pid: ParagraphId;
  readonly kind: 'paragraph' | 'heading' | 'listItem';
  /** Plain text, NFC. */
  readonly text: string;
}

const LISTS = new Set(['bulletList', 'orderedList']);

/** The units of one language's fragment, in reading order; blocks without a valid pid are skipped. */
export function readUnits(fragment: Y.XmlFragment): Unit[] {
  const units: Unit[] = [];
  const add = (el: Y.XmlElement, kind: Unit['kind']) => {
    const pid = el.getAttribute(PID_ATTRIBUTE);
    if (isParagraphId(pid)) units.push({ pid, kind, text: toNfc(plainText(el)) });
  };
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'paragraph' || child.nodeName === 'heading') add(child, child.nodeName);
    else if (LISTS.has(child.nodeName)) {
      for (const item of child.toArray()) if (item instanceof Y.XmlElement && item.nodeName === 'listItem') add(item, 'listItem');
    }
  }
  return units;
}

/** The text of an element, without formatting; blocks inside it are separated by a space. */
export function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  }
  if (!(node instanceof Y.XmlElement)) return '';
  if (node.nodeName === 'hardBreak') return '\n';
  const parts = node.toArray().map((c) => plainText(c as Y.XmlElement));
  return node.toArray().some((c) => c instanceof Y.XmlElement && c.nodeName === 'paragraph') ? parts.join(' ') : parts.join('');
}

/** A block to write: its text (NFC-normalised on the way in) and, optionally, a heading level. */
export interface BlockInput {
  readonly text: string;
  readonly heading?: 1 | 2 | 3;
}

/** Appends paragraphs (or headings) to a fragment, as the editor would hold them; pids are given afterwards. */
export function appendBlocks(fragment: Y.XmlFragment, blocks: readonly BlockInput[]): void {
  const elements = blocks.map((b) => {
    const el = new Y.XmlElement(b.heading ? 'heading' : 'paragraph');
    if (b.heading) el.setAttribute('level', b.heading as unknown as string);
    el.insert(0, [new Y.XmlText(toNfc(b.text))]);
    return el;
  });
  fragment.insert(fragment.length, elements);
}
