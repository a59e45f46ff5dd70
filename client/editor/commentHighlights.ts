import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import { pmUnits } from './units';

/** Words under an open comment, in one column: plain-text offsets in a paragraph, as threads resolve them. */
export interface CommentRange {
  readonly id: string;
  readonly pid: string;
  readonly from: number;
  readonly to: number;
  /** The thread whose card is open: drawn stronger. */
  readonly active: boolean;
}

interface HighlightState {
  readonly ranges: readonly CommentRange[];
  readonly decorations: DecorationSet;
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

/**
 * Highlights commented words in the text, each wrapped in an element with `data-comment-id`
 * (DESIGN.md "editor page"). The ranges come from the comment threads (set through a meta);
 * pure decoration: nothing here touches the document.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_, state) => build(state.doc, []),
          apply: (tr, previous) => {
            const ranges = tr.getMeta(commentHighlightsKey) as readonly CommentRange[] | undefined;
            if (ranges) return build(tr.doc, ranges);
            return tr.docChanged ? { ranges: previous.ranges, decorations: previous.decorations.map(tr.mapping, tr.doc) } : previous;
          },
        },
        props: { decorations: (state: EditorState) => commentHighlightsKey.getState(state)?.decorations },
      }),
    ];
  },
});

function build(doc: PMNode, ranges: readonly CommentRange[]): HighlightState {
  if (ranges.length === 0) return { ranges, decorations: DecorationSet.empty };
  const units = new Map(pmUnits(doc).map((u) => [u.pid as string, u]));
  const decorations: Decoration[] = [];
  for (const range of ranges) {
    const unit = units.get(range.pid);
    if (!unit) continue;
    const from = positionAt(unit.node, unit.pos, range.from);
    const to = positionAt(unit.node, unit.pos, range.to);
    if (from === null || to === null || to <= from) continue;
    decorations.push(
      Decoration.inline(from, to, {
        nodeName: 'span',
        class: range.active ? 'comment-highlight active' : 'comment-highlight',
        'data-comment-id': range.id,
      }),
    );
  }
  return { ranges, decorations: DecorationSet.create(doc, decorations) };
}

/** The document position of a plain-text offset inside a unit (a hard break counts one character). */
function positionAt(node: PMNode, pos: number, offset: number): number | null {
  let seen = 0;
  let found: number | null = null;
  node.descendants((child, childPos) => {
    if (found !== null) return false;
    const length = child.isText ? child.text!.length : child.isLeaf ? 1 : 0;
    if (child.isLeaf && offset <= seen + length) {
      found = pos + 1 + childPos + Math.max(0, offset - seen);
      return false;
    }
    seen += length;
    return true;
  });
  return found;
}
