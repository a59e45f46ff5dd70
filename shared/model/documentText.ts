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
  /** The block itself, for readers that need more than its plain text (brackets, marks). */
  readonly element: Y.XmlElement;
  /** The number an ordered list shows before the item (`3.`), which is part of what a reader sees. */
  readonly label?: string;
}

const LISTS = new Set(['bulletList', 'orderedList']);

/** The units of one language's fragment, in reading order; blocks without a valid pid are skipped. */
export function readUnits(fragment: Y.XmlFragment): Unit[] {
  const units: Unit[] = [];
  const add = (el: Y.XmlElement, kind: Unit['kind'], label?: string) => {
    const pid = el.getAttribute(PID_ATTRIBUTE);
    if (isParagraphId(pid)) units.push({ pid, kind, text: toNfc(plainText(el)), element: el, ...(label ? { label } : {}) });
  };
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'paragraph' || child.nodeName === 'heading') add(child, child.nodeName);
    else if (LISTS.has(child.nodeName)) {
      const start = child.nodeName === 'orderedList' ? listStart(child) : null;
      let n = 0;
      for (const item of child.toArray()) {
        if (!(item instanceof Y.XmlElement) || item.nodeName !== 'listItem') continue;
        add(item, 'listItem', start === null ? undefined : `${start + n}.`);
        n++;
      }
    }
  }
  return units;
}

/** Where an ordered list starts counting (Tiptap's `start` attribute; 1 when absent or unreadable). */
function listStart(list: Y.XmlElement): number {
  const n = Number(list.getAttribute('start') ?? 1);
  return Number.isInteger(n) ? n : 1;
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

/** The marks an importer may set: the editor's bold, italic and superscript (`12<sup>es</sup>`). */
export type ImportableMarkName = 'bold' | 'italic' | 'superscript';

/** A block as an importer produces it (see shared/import). */
export interface ImportableBlock {
  readonly text: string;
  readonly kind: 'paragraph' | 'heading' | 'listItem';
  readonly level?: 1 | 2 | 3;
  readonly marks?: readonly { readonly from: number; readonly to: number; readonly mark: ImportableMarkName }[];
  readonly listNumber?: string;
}

/**
 * Appends imported blocks as the editor holds them: headings with their level, consecutive
 * list items in one list (ordered when they carry numbers, starting at the first number),
 * bold, italic and superscript as the marks Tiptap uses. Text is stored NFC.
 */
export function appendImportedBlocks(fragment: Y.XmlFragment, blocks: readonly ImportableBlock[]): void {
  const elements: Y.XmlElement[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'listItem') {
      const el = new Y.XmlElement(block.kind);
      if (block.kind === 'heading') el.setAttribute('level', (block.level ?? 1) as unknown as string);
      el.insert(0, [formattedText(block)]);
      elements.push(el);
      continue;
    }
    const items: ImportableBlock[] = [];
    while (i < blocks.length && blocks[i]!.kind === 'listItem') items.push(blocks[i++]!);
    i--;
    const first = Number.parseInt(items[0]!.listNumber ?? '', 10);
    const list = new Y.XmlElement(Number.isFinite(first) ? 'orderedList' : 'bulletList');
    if (Number.isFinite(first)) list.setAttribute('start', first as unknown as string);
    list.insert(
      0,
      items.map((item) => {
        const li = new Y.XmlElement('listItem');
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [formattedText(item)]);
        li.insert(0, [p]);
        return li;
      }),
    );
    elements.push(list);
  }
  fragment.insert(fragment.length, elements);
}

function formattedText(block: ImportableBlock): Y.XmlText {
  const text = new Y.XmlText();
  const value = toNfc(block.text);
  // One run per span of equal formatting; a new type replays the delta when it joins the document.
  const cuts = new Set<number>([0, value.length]);
  for (const m of block.marks ?? []) {
    cuts.add(Math.max(0, Math.min(value.length, m.from)));
    cuts.add(Math.max(0, Math.min(value.length, m.to)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const delta: { insert: string; attributes?: Record<string, object> }[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [from, to] = [points[k]!, points[k + 1]!];
    if (to <= from) continue;
    const attributes: Record<string, object> = {};
    for (const m of block.marks ?? []) if (m.from <= from && m.to >= to) attributes[m.mark] = {};
    delta.push(Object.keys(attributes).length ? { insert: value.slice(from, to), attributes } : { insert: value.slice(from, to) });
  }
  text.applyDelta(delta);
  return text;
}
