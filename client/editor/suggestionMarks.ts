import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { positionOfPlain } from './plainOffsets';
import { pmUnits } from './units';

/** A pending suggestion as one column draws it: plain-text offsets in a unit, as the model places it. */
export interface SuggestionMark {
  readonly id: string;
  readonly pid: string;
  readonly from: number;
  readonly to: number;
  /** The words proposed (empty for a deletion). */
  readonly text: string;
  /** The author's side (a language code or `secretariat`), written on the element. */
  readonly delegation: string;
  /** A short visible tag for the author's side ("FR", "Sec."): never colour alone. */
  readonly tag: string;
  /** "Proposed by … (… delegation)", the element's title. */
  readonly title: string;
  /** Its card is open: drawn stronger. */
  readonly active: boolean;
}

interface MarksState {
  readonly marks: readonly SuggestionMark[];
  readonly decorations: DecorationSet;
}

export const suggestionMarksKey = new PluginKey<MarksState>('suggestionMarks');

/**
 * Draws pending suggestions in a column (DESIGN.md "editor page"): proposed words as an
 * `<ins data-suggestion-id>` widget where they would go, words proposed for deletion (or
 * replacement) wrapped in `<del data-suggestion-id>`. The marks come from the page (a meta);
 * pure decoration: the proposed words are not in the document.
 */
export const SuggestionMarks = Extension.create({
  name: 'suggestionMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin<MarksState>({
        key: suggestionMarksKey,
        state: {
          init: (_, state) => build(state.doc, []),
          apply: (tr, previous) => {
            const marks = tr.getMeta(suggestionMarksKey) as readonly SuggestionMark[] | undefined;
            if (marks) return build(tr.doc, marks);
            return tr.docChanged ? { marks: previous.marks, decorations: previous.decorations.map(tr.mapping, tr.doc) } : previous;
          },
        },
        props: { decorations: (state: EditorState) => suggestionMarksKey.getState(state)?.decorations },
      }),
    ];
  },
});

function build(doc: PMNode, marks: readonly SuggestionMark[]): MarksState {
  if (marks.length === 0) return { marks, decorations: DecorationSet.empty };
  const units = new Map(pmUnits(doc).map((u) => [u.pid as string, u]));
  const decorations: Decoration[] = [];
  for (const mark of marks) {
    const unit = units.get(mark.pid);
    if (!unit) continue;
    const from = positionOfPlain(unit.node, unit.pos, mark.from);
    const to = positionOfPlain(unit.node, unit.pos, mark.to);
    if (from === null || to === null) continue;
    const common = {
      'data-suggestion-id': mark.id,
      'data-delegation': mark.delegation,
      'data-tag': mark.tag,
      title: mark.title,
    };
    const active = mark.active ? ' active' : '';
    if (to > from) decorations.push(Decoration.inline(from, to, { nodeName: 'del', class: `suggestion-del${active}`, ...common }));
    if (mark.text) {
      // Before the caret at that point: typing on there extends the proposal, and the caret shows after it.
      decorations.push(
        Decoration.widget(to, () => insElement(mark, common, active), {
          side: -1,
          ignoreSelection: true,
          key: `ins:${mark.id}:${mark.text}:${mark.tag}:${mark.active}`,
        }),
      );
    }
  }
  return { marks, decorations: DecorationSet.create(doc, decorations) };
}

function insElement(mark: SuggestionMark, attrs: Record<string, string>, active: string): HTMLElement {
  const ins = document.createElement('ins');
  for (const [k, v] of Object.entries(attrs)) ins.setAttribute(k, v);
  ins.className = `suggestion-ins${active}`;
  ins.textContent = mark.text;
  return ins;
}
