import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { COUNTERPART_ATTRIBUTE } from '../../shared/model/counterparts';
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
        props: {
          decorations: (state: EditorState) => rowSpacingKey.getState(state)?.decorations,
          handleDOMEvents: {
            // The slot is not text: a click on it would put the caret wherever the browser likes
            // (the top of the column). Writing into it starts the counterpart paragraph of its row.
            mousedown: (view, event) => {
              const slot = event.target instanceof Element ? event.target.closest('.row-slot') : null;
              if (!(slot instanceof HTMLElement) || !view.dom.contains(slot)) return false;
              event.preventDefault();
              if (view.editable) fillSlot(view, slot);
              return true;
            },
          },
        },
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
      Decoration.widget(at.end, () => slotElement(at.inList ? 'li' : 'div', slot, meta.slotLabel), {
        side: index + 1,
        key: `slot:${slot.key}:${slot.height.toFixed(1)}:${meta.slotLabel}:${slot.afterPid}:${slot.counterpart}`,
        ignoreSelection: true,
      }),
    );
  });
  return { ...meta, decorations: DecorationSet.create(doc, decorations) };
}

function slotElement(tag: 'div' | 'li', slot: ColumnSpacing['slots'][number], label: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = 'row-slot';
  el.setAttribute('contenteditable', 'false');
  el.setAttribute('role', 'note');
  el.style.height = `${slot.height}px`;
  el.dataset.row = slot.key;
  if (slot.afterPid) el.dataset.afterPid = slot.afterPid;
  if (slot.counterpart) el.dataset.counterpart = slot.counterpart;
  el.textContent = label;
  return el;
}

/**
 * Starts the missing paragraph of a slot's row where the slot stands, marked as the counterpart
 * of the row's paragraph (so that it joins that row), and puts the caret in it.
 */
export function fillSlot(view: EditorView, slot: HTMLElement): void {
  const { state } = view;
  const afterPid = slot.dataset.afterPid ?? null;
  let at = 0;
  if (afterPid) {
    const unit = pmUnits(state.doc).find((u) => u.pid === afterPid);
    if (!unit) return;
    at = unit.pos + unit.node.nodeSize;
  }
  const attrs = { [COUNTERPART_ATTRIBUTE]: slot.dataset.counterpart ?? null };
  const { paragraph, listItem } = state.schema.nodes;
  const inList = slot.tagName === 'LI' && listItem;
  const node = inList ? listItem.create(attrs, paragraph!.create()) : paragraph!.create(attrs);
  const tr = state.tr.insert(at, node);
  tr.setSelection(TextSelection.create(tr.doc, at + (inList ? 2 : 1)));
  view.dispatch(tr.scrollIntoView());
  view.focus();
}
