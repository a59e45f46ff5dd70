import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';

/** How far around the caret a composition may reach (a Telex word is a few letters). */
const WINDOW = 64;

type Binding = ProsemirrorBinding & {
  _prosemirrorChanged(doc: PMNode): void;
  _observeFunction: (events: Y.YEvent<Y.XmlElement>[], tr: Y.Transaction) => void;
  _forceRerender(): void;
  mux: (fn: () => void) => void;
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Map<Y.AbstractType<unknown>, PMNode>;
};

interface Start {
  readonly doc: PMNode;
  /** Position of the start of the caret's textblock content in `doc`. */
  readonly blockStart: number;
  /** Relative positions of the offsets [firstOffset, firstOffset + rels.length) of that block. */
  readonly firstOffset: number;
  readonly rels: Y.RelativePosition[];
}

/** A finished composition as a text change in the document it started from. */
export interface CompositionChange {
  readonly doc: PMNode;
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** Takes a finished composition instead of Yjs (suggesting mode); returns whether it did. */
export type CompositionDivert = (change: CompositionChange | null) => boolean;

const diverts = new WeakMap<EditorView, CompositionDivert>();

/** Lets another plugin take the compositions of a view (suggestInput.ts does, in suggesting mode). */
export function setCompositionDivert(view: EditorView, divert: CompositionDivert | null): void {
  if (divert) diverts.set(view, divert);
  else diverts.delete(view);
}

/**
 * Input methods (Vietnamese Telex/VNI, Japanese) compose a word through several provisional
 * states. While a composition is under way, this extension holds back both directions of the
 * Yjs binding: provisional text is not broadcast, and remote edits do not re-render the
 * paragraph under the input method (which would duplicate or drop letters). When the
 * composition ends, the composed text is written into Yjs at positions that followed any
 * remote edit made meanwhile, and the editor is re-rendered from Yjs.
 */
export const CompositionGuard = Extension.create({
  name: 'compositionGuard',
  priority: 50, // after the collaboration plugin, whose binding it wraps
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('compositionGuard'),
        view: (view) => new Guard(view),
      }),
    ];
  },
});

class Guard {
  private composing = false;
  private localPending = false;
  private remotePending = false;
  private start: Start | null = null;
  private patched: Binding | null = null;

  constructor(private readonly view: EditorView) {
    view.dom.addEventListener('compositionstart', this.onStart);
    view.dom.addEventListener('compositionend', this.onEnd);
  }

  update(): void {}

  destroy(): void {
    this.view.dom.removeEventListener('compositionstart', this.onStart);
    this.view.dom.removeEventListener('compositionend', this.onEnd);
  }

  private binding(): Binding | null {
    const state = ySyncPluginKey.getState(this.view.state) as { binding?: Binding } | undefined;
    const binding = state?.binding ?? null;
    if (binding && this.patched !== binding) this.patch(binding);
    return binding;
  }

  /** Wraps the binding's two directions so that they wait while a composition is open. */
  private patch(binding: Binding): void {
    this.patched = binding;
    const toYjs = binding._prosemirrorChanged.bind(binding);
    binding._prosemirrorChanged = (doc: PMNode) => {
      if (this.composing) this.localPending = true;
      else toYjs(doc);
    };
    const fromYjs = binding._observeFunction;
    const guarded = (events: Y.YEvent<Y.XmlElement>[], tr: Y.Transaction) => {
      if (this.composing) this.remotePending = true;
      else fromYjs(events, tr);
    };
    binding.type.unobserveDeep(fromYjs);
    binding._observeFunction = guarded;
    binding.type.observeDeep(guarded);
  }

  private readonly onStart = (): void => {
    const binding = this.binding();
    if (!binding) return;
    this.composing = true;
    this.localPending = false;
    this.remotePending = false;
    this.start = captureStart(this.view, binding);
  };

  private readonly onEnd = (): void => {
    // ProseMirror reads the final composed text just after the event: wait until it has.
    const settle = () => {
      if (this.view.composing) setTimeout(settle, 10);
      else this.finish();
    };
    setTimeout(settle, 0);
  };

  private finish(): void {
    const binding = this.binding();
    this.composing = false;
    const start = this.start;
    this.start = null;
    if (!binding) return;
    const divert = diverts.get(this.view);
    if (divert?.(start && this.localPending ? compositionChange(this.view, start) : null)) {
      // Proposed as a suggestion: the text goes back to what Yjs holds.
      binding._forceRerender();
      return;
    }
    if (!this.remotePending) {
      if (this.localPending) flushToYjs(binding, this.view);
      return;
    }
    // Both sides moved: write our composed text where it now belongs, then show Yjs's state.
    if (!(this.localPending && start && writeComposition(binding, this.view, start))) binding._forceRerender();
  }
}

function captureStart(view: EditorView, binding: Binding): Start | null {
  const { $head } = view.state.selection;
  if (!$head.parent.isTextblock) return null;
  const blockStart = $head.start();
  const first = Math.max(0, $head.parentOffset - WINDOW);
  const last = Math.min($head.parent.content.size, $head.parentOffset + WINDOW);
  const rels: Y.RelativePosition[] = [];
  for (let offset = first; offset <= last; offset++) {
    rels.push(absolutePositionToRelativePosition(blockStart + offset, binding.type, binding.mapping as never));
  }
  return { doc: view.state.doc, blockStart, firstOffset: first, rels };
}

function flushToYjs(binding: Binding, view: EditorView): void {
  binding.mux(() => {
    binding.doc.transact(() => binding._prosemirrorChanged(view.state.doc), ySyncPluginKey);
  });
}

/**
 * Replays the composition (a text change inside one textblock) into Yjs at the relative
 * positions taken when it started. Returns false when the change is not of that simple kind.
 */
/** The composition as one text change inside the caret's textblock, or null when it is not of that simple kind. */
function compositionDiff(view: EditorView, start: Start): { from: number; to: number; inserted: string; after: PMNode } | null {
  const before = start.doc.resolve(start.blockStart).parent;
  const endDoc = view.state.doc;
  if (start.blockStart > endDoc.content.size) return null;
  const $after = endDoc.resolve(Math.min(start.blockStart, endDoc.content.size));
  const after = $after.parent;
  if (!before.isTextblock || !after.isTextblock || $after.start() !== start.blockStart) return null;
  const a = before.textContent;
  const b = after.textContent;
  if (a.length !== before.content.size || b.length !== after.content.size) return null; // inline nodes: not handled
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { from: prefix, to: a.length - suffix, inserted: b.slice(prefix, b.length - suffix).normalize('NFC'), after };
}

function compositionChange(view: EditorView, start: Start): CompositionChange | null {
  const diff = compositionDiff(view, start);
  if (!diff || (diff.from === diff.to && !diff.inserted)) return null;
  return { doc: start.doc, from: start.blockStart + diff.from, to: start.blockStart + diff.to, text: diff.inserted };
}

function writeComposition(binding: Binding, view: EditorView, start: Start): boolean {
  const diff = compositionDiff(view, start);
  if (!diff) return false;
  const { from, to, inserted, after } = diff;
  const relFrom = start.rels[from - start.firstOffset];
  const relTo = start.rels[to - start.firstOffset];
  if (!relFrom || !relTo) return false;
  const absFrom = Y.createAbsolutePositionFromRelativePosition(relFrom, binding.doc);
  const absTo = Y.createAbsolutePositionFromRelativePosition(relTo, binding.doc);
  if (!absFrom || !absTo || absFrom.type !== absTo.type || !(absFrom.type instanceof Y.XmlText)) return false;
  const text = absFrom.type;
  const marks = after.childAfter(Math.max(0, from)).node?.marks ?? [];
  const attributes: Record<string, unknown> = {};
  for (const mark of marks) attributes[mark.type.name] = mark.attrs;
  let caret: Y.RelativePosition | null = null;
  binding.doc.transact(() => {
    if (absTo.index > absFrom.index) text.delete(absFrom.index, absTo.index - absFrom.index);
    if (inserted) text.insert(absFrom.index, inserted, attributes);
    caret = Y.createRelativePositionFromTypeIndex(text, absFrom.index + inserted.length);
  }, ySyncPluginKey);
  // The Yjs change re-rendered the editor; put the caret after the composed text.
  if (caret) {
    const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, caret, binding.mapping as never);
    if (pos !== null) view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
  }
  return true;
}
