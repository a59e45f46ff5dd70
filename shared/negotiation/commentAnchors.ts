import * as Y from 'yjs';
import type { ParagraphId } from '../model/ids.js';
import { isParagraphId, PID_ATTRIBUTE, PID_NODE_NAMES } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';

/**
 * Mapping between a block's plain text (exactly `plainText` of shared/model/documentText.ts:
 * text runs, `\n` for a hard break, a space between the paragraphs of a list item) and the
 * Yjs positions of the `Y.XmlText` nodes that hold it, and relative positions as plain JSON.
 */

import type { AnyType } from '../model/yTypes.js';

export type { AnyType };

/** `Y.relativePositionToJSON` with plain `{client, clock}` objects, safe to store in a Y.Map. */
export interface RelativePositionJson {
  readonly type?: { readonly client: number; readonly clock: number };
  readonly tname?: string;
  readonly item?: { readonly client: number; readonly clock: number };
  readonly assoc?: number;
}

export function relativePositionToPlainJson(rel: Y.RelativePosition): RelativePositionJson {
  const json: { -readonly [K in keyof RelativePositionJson]: RelativePositionJson[K] } = {};
  if (rel.type) json.type = { client: rel.type.client, clock: rel.type.clock };
  if (rel.tname) json.tname = rel.tname;
  if (rel.item) json.item = { client: rel.item.client, clock: rel.item.clock };
  json.assoc = rel.assoc;
  return json;
}

function isId(v: unknown): v is { client: number; clock: number } {
  if (typeof v !== 'object' || v === null) return false;
  const { client, clock } = v as { client: unknown; clock: unknown };
  return Number.isSafeInteger(client) && Number.isSafeInteger(clock) && (client as number) >= 0 && (clock as number) >= 0;
}

/** Null when the JSON is not a relative position to a character. */
export function relativePositionFromJson(json: RelativePositionJson): Y.RelativePosition | null {
  if (json.item !== undefined && !isId(json.item)) return null;
  if (json.type !== undefined && !isId(json.type)) return null;
  if (json.tname !== undefined && typeof json.tname !== 'string') return null;
  if (json.assoc !== undefined && !Number.isSafeInteger(json.assoc)) return null;
  // Comment ranges always point at a character; a bare `tname` would make Yjs create a root type.
  if (json.item === undefined) return null;
  return Y.createRelativePositionFromJSON(json);
}

/** A stretch of a text node: `length` plain characters at `plain`, Yjs index `index` in the node. */
interface Run {
  readonly plain: number;
  readonly index: number;
  readonly length: number;
}

type Segment =
  | { readonly kind: 'text'; readonly node: Y.XmlText; readonly start: number; readonly length: number; readonly runs: readonly Run[] }
  | { readonly kind: 'literal'; readonly start: number; readonly length: number };

export interface AnchorText {
  readonly plain: string;
  readonly segments: readonly Segment[];
}

/** The plain text of an element and where each of its characters lives. */
export function anchorText(element: Y.XmlElement): AnchorText {
  const segments: Segment[] = [];
  let plain = '';
  const literal = (value: string) => {
    segments.push({ kind: 'literal', start: plain.length, length: value.length });
    plain += value;
  };
  const walk = (node: unknown): void => {
    if (node instanceof Y.XmlText) {
      const runs: Run[] = [];
      const start = plain.length;
      let index = 0;
      let text = '';
      for (const d of node.toDelta() as { insert: unknown }[]) {
        if (typeof d.insert === 'string') {
          runs.push({ plain: text.length, index, length: d.insert.length });
          text += d.insert;
          index += d.insert.length;
        } else index += 1; // an embed: one Yjs position, no plain text
      }
      segments.push({ kind: 'text', node, start, length: text.length, runs });
      plain += text;
      return;
    }
    if (!(node instanceof Y.XmlElement)) return;
    if (node.nodeName === 'hardBreak') return literal('\n');
    const children = node.toArray();
    const spaced = children.some((c) => c instanceof Y.XmlElement && c.nodeName === 'paragraph');
    children.forEach((child, i) => {
      if (i > 0 && spaced) literal(' ');
      walk(child);
    });
  };
  walk(element);
  return { plain, segments };
}

/** The Yjs position of the character at plain offset `offset` (which must be in a text segment). */
function positionOfChar(text: AnchorText, offset: number): { text: Y.XmlText; index: number } | null {
  for (const seg of text.segments) {
    if (seg.kind !== 'text' || offset < seg.start || offset >= seg.start + seg.length) continue;
    const local = offset - seg.start;
    for (const run of seg.runs) {
      if (local >= run.plain && local < run.plain + run.length) return { text: seg.node, index: run.index + (local - run.plain) };
    }
  }
  return null;
}

function isTextChar(text: AnchorText, offset: number): boolean {
  return text.segments.some((s) => s.kind === 'text' && offset >= s.start && offset < s.start + s.length);
}

export interface LocatedRange {
  /** The first character of the range (relative position with assoc 0). */
  readonly start: { readonly text: Y.XmlText; readonly index: number };
  /** Just after the last character (relative position with assoc -1). */
  readonly end: { readonly text: Y.XmlText; readonly index: number };
  readonly quote: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Locates plain offsets `[from, to)` of an element's text. Hard breaks and separators at either
 * end cannot hold a position and are trimmed off; a range of nothing else is refused.
 */
export function locateRange(element: Y.XmlElement, from: number, to: number): Result<LocatedRange> {
  const text = anchorText(element);
  if (to > text.plain.length) return fail(`the paragraph has ${text.plain.length} characters`);
  let a = from;
  let b = to;
  while (a < b && !isTextChar(text, a)) a++;
  while (b > a && !isTextChar(text, b - 1)) b--;
  if (a >= b) return fail('the range holds no text');
  const first = positionOfChar(text, a);
  const last = positionOfChar(text, b - 1);
  if (!first || !last) return fail('the range holds no text');
  return ok({ start: first, end: { text: last.text, index: last.index + 1 }, quote: text.plain.slice(a, b), from: a, to: b });
}

/** The plain offset of Yjs position `index` in `node`, or null when the node is not in this text. */
export function plainOffsetOf(text: AnchorText, node: AnyType, index: number): number | null {
  for (const seg of text.segments) {
    if (seg.kind !== 'text' || seg.node !== node) continue;
    for (const run of seg.runs) {
      if (index <= run.index) return seg.start + run.plain;
      if (index <= run.index + run.length) return seg.start + run.plain + (index - run.index);
    }
    return seg.start + seg.length;
  }
  return null;
}

/**
 * The unit a node belongs to: its outermost pid-carrying ancestor (itself included), i.e. the
 * top-level paragraph or heading, or the top-level list item; and the root type above it.
 */
export function outermostUnit(node: AnyType): { element: Y.XmlElement; pid: ParagraphId; root: AnyType } | null {
  let found: { element: Y.XmlElement; pid: ParagraphId } | null = null;
  let t: AnyType = node;
  for (;;) {
    if (t instanceof Y.XmlElement && PID_NODE_NAMES.has(t.nodeName)) {
      const pid = t.getAttribute(PID_ATTRIBUTE);
      if (isParagraphId(pid)) found = { element: t, pid };
    }
    const item = t._item;
    if (!item) break;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    t = parent as AnyType;
  }
  return found ? { ...found, root: t } : null;
}
