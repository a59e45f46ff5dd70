import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { ColumnSpacing } from './rowGeometry';
import { pmUnits } from './units';

export interface SpacingMeta {
  readonly spacing: ColumnSpacing;
  /** The label of an empty slot, in the interface language. */
  readonly slotLabel: string;
}

interface SpacingState extends SpacingMeta {
  readonly decorations: DecorationSet;
}

export const rowSpacingKey = new PluginKey<SpacingState>('rowSpacing');

const EMPTY: ColumnSpacing = { extra: new Map(), slots: [] };

/**
 * Renders the layout that keeps rows level across columns: extra space below a cell's last
 * unit, and a labelled slot where this language has no counterpart. Pure decoration: nothing
 * here touches the document.
 */
export const RowSpacing = Extension.create({
  name: 'rowSpacing',
  addProseMirrorPlugins() {
    return [
      new Plugin<SpacingState>({
        key: rowSpacingKey,
        state: {
          init: (_, state) => build(state.doc, { spacing: EMPTY, slotLabel: '' }),
          apply: (tr, previous) => {
            const meta = tr.getMeta(rowSpacingKey) as SpacingMeta | undefined;
            if (meta) return build(tr.doc, meta);
            return tr.docChanged ? build(tr.doc, previous) : previous;
          },
        },
        props: { decorations: (state: EditorState) => rowSpacingKey.getState(state)?.decorations },
      }),
    ];
  },
});

function build(doc: PMNode, meta: SpacingMeta): SpacingState {
  const decorations: Decoration[] = [];
  const ends = new Map<string, { end: number; inList: boolean }>();
  for (const unit of pmUnits(doc)) {
    const end = unit.pos + unit.node.nodeSize;
    ends.set(unit.pid, { end, inList: unit.node.type.name === 'listItem' });
    const px = meta.spacing.extra.get(unit.pid);
    if (px !== undefined && px > 0.5) {
      decorations.push(Decoration.node(unit.pos, end, { style: `margin-bottom: calc(var(--row-gap) + ${px.toFixed(1)}px)` }));
    }
  }
  meta.spacing.slots.forEach((slot, index) => {
    const at = slot.afterPid === null ? { end: 0, inList: false } : ends.get(slot.afterPid);
    if (!at) return;
    decorations.push(
      Decoration.widget(at.end, () => slotElement(at.inList ? 'li' : 'div', slot.height, meta.slotLabel), {
        side: index + 1,
        key: `slot:${slot.key}:${slot.height.toFixed(1)}:${meta.slotLabel}`,
        ignoreSelection: true,
      }),
    );
  });
  return { ...meta, decorations: DecorationSet.create(doc, decorations) };
}

function slotElement(tag: 'div' | 'li', height: number, label: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = 'row-slot';
  el.setAttribute('contenteditable', 'false');
  el.setAttribute('role', 'note');
  el.style.height = `${height}px`;
  el.textContent = label;
  return el;
}
