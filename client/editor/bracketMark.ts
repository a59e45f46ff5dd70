import { Mark, mergeAttributes } from '@tiptap/core';
import { Fragment, Slice, type Mark as PMMark, type MarkType, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { BRACKET_MARK, BRACKET_PIECE_SEPARATOR, bracketAlternativesSuffix, normalizeBracketAttrs, type BracketAttrs } from '../../shared/negotiation/brackets';
import './brackets.css';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    bracket: {
      /**
       * Brackets the selected text (refused on an empty selection, or when the selection
       * already holds a bracket: brackets do not nest or overlap).
       */
      setBracket: (attributes: { id: string; options?: readonly string[] }) => ReturnType;
      /** Lifts the bracket: removes the mark from every range carrying this id. */
      unsetBracket: (id: string) => ReturnType;
      /** Replaces the options of the bracket with this id, everywhere it stands. */
      setBracketOptions: (id: string, options: readonly string[]) => ReturnType;
      /**
       * Replaces the bracketed text with `options[index]` and lifts the bracket, in one
       * transaction: the first piece of the bracket takes the option, further pieces are deleted.
       */
      chooseBracketOption: (id: string, index: number) => ReturnType;
    };
  }
}

/** A fresh bracket id (works outside secure contexts, unlike `crypto.randomUUID`). */
export function newBracketId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return `b-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

interface BracketRange {
  from: number;
  to: number;
  /** The marks of the range's first node (the replacement text keeps the others). */
  readonly marks: readonly PMMark[];
  readonly mark: PMMark;
}

/**
 * The ranges of the document carrying the bracket `id`, in order; adjacent nodes are one range.
 * An inline leaf (hard break) without the mark between two nodes of the bracket belongs to it:
 * Yjs does not keep marks on such nodes, and readBrackets reads them the same way.
 */
export function bracketRanges(doc: PMNode, type: MarkType, id: string): BracketRange[] {
  const ranges: BracketRange[] = [];
  let bridge: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const end = pos + node.nodeSize;
    const mark = node.marks.find((m) => m.type === type && m.attrs.id === id);
    const last = ranges[ranges.length - 1];
    if (mark) {
      if (last && (last.to === pos || (bridge && bridge.from === last.to && bridge.to === pos))) last.to = end;
      else ranges.push({ from: pos, to: end, marks: node.marks, mark });
      bridge = null;
    } else if (!node.isText && last && (last.to === pos || bridge?.to === pos)) {
      bridge = { from: bridge?.from ?? pos, to: end };
    } else bridge = null;
    return false;
  });
  return ranges;
}

/** The bracket at the selection's head (just after or just before it), if any. */
export function activeBracket(state: EditorState): BracketAttrs | null {
  const type = state.schema.marks[BRACKET_MARK];
  if (!type) return null;
  const $head = state.selection.$head;
  for (const node of [$head.nodeAfter, $head.nodeBefore]) {
    const mark = node?.marks.find((m) => m.type === type);
    if (mark) return normalizeBracketAttrs(mark.attrs);
  }
  return null;
}

function renameBrackets(fragment: Fragment, type: MarkType, fresh: (old: string) => string): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    let copy = node.content.size > 0 ? node.copy(renameBrackets(node.content, type, fresh)) : node;
    if (node.marks.some((m) => m.type === type)) {
      copy = copy.mark(node.marks.map((m) => (m.type === type ? type.create({ ...m.attrs, id: fresh(String(m.attrs.id)) }) : m)));
    }
    nodes.push(copy);
  });
  return Fragment.fromArray(nodes);
}

function parseOptions(raw: string | null): string[] {
  if (!raw) return [];
  try {
    return [...(normalizeBracketAttrs({ id: 'x', options: JSON.parse(raw) })?.options ?? [])];
  } catch {
    return [];
  }
}

/**
 * Bracketed text: a range still under negotiation, drawn between square brackets (brackets.css),
 * with optional alternative wordings. Stored by Yjs as the formatting attribute `bracket`
 * (`{ id, options }`), which shared/negotiation/brackets.ts reads. Not inclusive: typing at its
 * end does not extend it. Pasted brackets get fresh ids, so that a copy is a bracket of its own.
 */
export const BracketMark = Mark.create({
  name: BRACKET_MARK,
  // Outermost of the marks, so that bold or italic inside a bracket do not split its span.
  priority: 1100,
  inclusive: false,
  excludes: BRACKET_MARK,

  addAttributes() {
    return {
      id: {
        default: '',
        parseHTML: (element: HTMLElement) => element.getAttribute('data-bracket-id') ?? '',
        renderHTML: (attributes: Record<string, unknown>) => ({ 'data-bracket-id': String(attributes.id ?? '') }),
      },
      options: {
        default: [],
        parseHTML: (element: HTMLElement) => parseOptions(element.getAttribute('data-options')),
        renderHTML: (attributes: Record<string, unknown>) => {
          const options = normalizeBracketAttrs({ id: 'x', options: attributes.options })?.options ?? [];
          return options.length > 0
            ? { 'data-options': JSON.stringify(options), 'data-option-count': String(options.length), title: options.join(' / ') }
            : { 'data-options': '[]' };
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span.bracket[data-bracket-id]', getAttrs: (element: HTMLElement) => (element.getAttribute('data-bracket-id') ? null : false) }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'bracket' }, HTMLAttributes), 0];
  },

  addCommands() {
    const name = this.name;
    const typeOf = (state: EditorState): MarkType => state.schema.marks[name]!;
    return {
      setBracket:
        ({ id, options }) =>
        ({ state, tr, dispatch }) => {
          const attrs = normalizeBracketAttrs({ id, options: options ?? [] });
          const type = typeOf(state);
          const { ranges, empty } = tr.selection;
          if (!attrs || empty) return false;
          if (ranges.some((r) => tr.doc.rangeHasMark(r.$from.pos, r.$to.pos, type))) return false;
          if (dispatch) {
            const mark = type.create({ id: attrs.id, options: [...attrs.options] });
            for (const r of ranges) tr.addMark(r.$from.pos, r.$to.pos, mark);
          }
          return true;
        },

      unsetBracket:
        (id) =>
        ({ state, tr, dispatch }) => {
          const type = typeOf(state);
          const ranges = bracketRanges(tr.doc, type, id);
          if (ranges.length === 0) return false;
          if (dispatch) for (const r of ranges) removeBracket(tr, r, type);
          return true;
        },

      setBracketOptions:
        (id, options) =>
        ({ state, tr, dispatch }) => {
          const type = typeOf(state);
          const attrs = normalizeBracketAttrs({ id, options });
          const ranges = bracketRanges(tr.doc, type, id);
          if (!attrs || ranges.length === 0) return false;
          if (dispatch) {
            const mark = type.create({ id, options: [...attrs.options] });
            for (const r of ranges) {
              removeBracket(tr, r, type);
              tr.addMark(r.from, r.to, mark);
            }
          }
          return true;
        },

      chooseBracketOption:
        (id, index) =>
        ({ state, tr, dispatch }) => {
          const type = typeOf(state);
          const ranges = bracketRanges(tr.doc, type, id);
          const first = ranges[0];
          if (!first) return false;
          const option = normalizeBracketAttrs(first.mark.attrs)?.options[index];
          if (option === undefined) return false;
          if (dispatch) {
            for (let i = ranges.length - 1; i >= 1; i--) tr.delete(ranges[i]!.from, ranges[i]!.to);
            tr.replaceWith(
              first.from,
              first.to,
              state.schema.text(
                option,
                first.marks.filter((m) => m.type !== type),
              ),
            );
          }
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const name = this.name;
    return [
      new Plugin({
        key: new PluginKey('bracketPaste'),
        props: {
          transformPasted: (slice, view) => {
            const type = view.state.schema.marks[name]!;
            const renamed = new Map<string, string>();
            const fresh = (old: string) => {
              let id = renamed.get(old);
              if (!id) renamed.set(old, (id = newBracketId()));
              return id;
            };
            const content = renameBrackets(slice.content, type, fresh);
            return renamed.size === 0 ? slice : new Slice(content, slice.openStart, slice.openEnd);
          },
        },
      }),
      new Plugin({
        key: new PluginKey('bracketOptions'),
        state: {
          init: (_, state) => bracketClosings(state.doc, state.schema.marks[name]!),
          apply: (tr, old, _oldState, state) => (tr.docChanged ? bracketClosings(state.doc, state.schema.marks[name]!) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});

/** Lifts the bracket from one of its ranges (a range holds no other bracket: they exclude each other). */
function removeBracket(tr: Transaction, range: BracketRange, type: MarkType): void {
  tr.removeMark(range.from, range.to, type);
}

/**
 * Where the closing brackets of brackets with options stand and what they read: `]` after each
 * piece, and the alternatives before the last piece's `]` (` / option B]`, bracketAlternativesSuffix,
 * as in exports), so that `[text / option B]` reads in full where it belongs.
 */
export function bracketClosingTexts(doc: PMNode, type: MarkType): { id: string; pos: number; text: string }[] {
  const brackets = new Map<string, { options: readonly string[]; ranges: { from: number; to: number }[] }>();
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const attrs = normalizeBracketAttrs(node.marks.find((m) => m.type === type)?.attrs);
    if (!attrs || attrs.options.length === 0) return false;
    let bracket = brackets.get(attrs.id);
    if (!bracket) brackets.set(attrs.id, (bracket = { options: attrs.options, ranges: [] }));
    const last = bracket.ranges[bracket.ranges.length - 1];
    if (last && last.to === pos) last.to = pos + node.nodeSize;
    else bracket.ranges.push({ from: pos, to: pos + node.nodeSize });
    return false;
  });
  const closings: { id: string; pos: number; text: string }[] = [];
  for (const [id, { options, ranges }] of brackets) {
    const text = ranges.map((r) => doc.textBetween(r.from, r.to, '\n', ' ')).join(BRACKET_PIECE_SEPARATOR);
    const suffix = bracketAlternativesSuffix(text, options);
    ranges.forEach((range, i) => closings.push({ id, pos: range.to, text: `${i === ranges.length - 1 ? suffix : ''}]` }));
  }
  return closings;
}

// A mark's own CSS could only show a fixed sign: the closing brackets of brackets with options are widgets.
function bracketClosings(doc: PMNode, type: MarkType): DecorationSet {
  const closings = bracketClosingTexts(doc, type);
  if (closings.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    doc,
    closings.map(({ id, pos, text }, i) => Decoration.widget(pos, () => closingBracket(text.slice(0, -1)), { side: -1, marks: [], key: `${id}:${i}:${text}` })),
  );
}

function closingBracket(alternatives: string): HTMLElement {
  const close = document.createElement('span');
  close.className = 'bracket-close';
  close.contentEditable = 'false';
  if (alternatives) {
    const options = document.createElement('span');
    options.className = 'bracket-alternatives';
    options.textContent = alternatives;
    close.append(options);
  }
  close.append(']');
  return close;
}
