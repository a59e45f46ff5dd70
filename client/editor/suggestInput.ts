import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { Result } from '../../shared/model/result';
import { type CompositionChange, setCompositionDivert } from './compositionGuard';
import { plainOffsetAt } from './plainOffsets';
import { unitAt } from './units';

/** How an edit at a unit is taken. */
export type EditMode = 'write' | 'suggest' | 'consent';

/** What the page tells the columns about suggesting; read at each keystroke (the page changes it). */
export interface SuggestHost {
  /** Whether every input in this column becomes a suggestion (suggesting mode is on). */
  suggesting(lang: string): boolean;
  /** How an edit in this unit is taken: written, proposed, or proposed for consent (agreed row). */
  modeAt(lang: string, pid: string): EditMode;
  /** Proposes an edit; offsets in the unit's plain text. */
  propose(lang: string, edit: ProposedEdit): Result<{ moved: boolean }>;
}

export type ProposedEdit =
  | { readonly kind: 'insert'; readonly pid: string; readonly from: number; readonly to: number; readonly text: string; readonly consent: boolean }
  | { readonly kind: 'delete'; readonly pid: string; readonly from: number; readonly to: number; readonly consent: boolean }
  | { readonly kind: 'backspace'; readonly pid: string; readonly at: number; readonly consent: boolean };

export interface SuggestInputOptions {
  lang: string;
  host: SuggestHost | null;
}

const suggestInputKey = new PluginKey('suggestInput');

/** Where an edit of `[from, to)` lands: one unit and its offsets, or null (across units, outside text). */
function locate(doc: PMNode, from: number, to: number): { pid: string; from: number; to: number } | null {
  const unit = unitAt(doc, from);
  if (!unit || unitAt(doc, to)?.pid !== unit.pid) return null;
  return { pid: unit.pid, from: plainOffsetAt(unit.node, unit.pos, from), to: plainOffsetAt(unit.node, unit.pos, to) };
}

/**
 * Suggesting mode in one column: typing, pasting and deleting become suggestions instead of
 * text (shared/negotiation/suggestions.ts), and no other transaction may change the text. In a
 * column the person may not write, the editor is made editable only so that it receives the
 * input; nothing typed there ever reaches the document. Edits in an agreed row are proposals
 * too, suggesting mode or not. An input-method composition runs in the page and is proposed
 * whole when it ends (compositionGuard.ts holds it back from Yjs meanwhile).
 */
export const SuggestInput = Extension.create<SuggestInputOptions>({
  name: 'suggestInput',
  addOptions() {
    return { lang: '', host: null };
  },
  addProseMirrorPlugins() {
    const { lang, host } = this.options;
    if (!host) return [];
    let composing = false;
    let view: EditorView | null = null;

    const modeOf = (state: EditorState, from: number, to: number): EditMode => {
      if (host.suggesting(lang)) {
        const where = locate(state.doc, from, to);
        return where && host.modeAt(lang, where.pid) === 'consent' ? 'consent' : 'suggest';
      }
      const unit = unitAt(state.doc, from);
      return unit ? host.modeAt(lang, unit.pid) : 'write';
    };

    const propose = (v: EditorView, from: number, to: number, text: string | null, caret: number | null): boolean => {
      const where = locate(v.state.doc, from, to);
      if (!where) return true; // across paragraphs: not a suggestion the model can hold; nothing happens
      const consent = host.modeAt(lang, where.pid) === 'consent';
      const result = host.propose(
        lang,
        text === null ? { kind: 'delete', ...where, consent } : { kind: 'insert', ...where, text: text.normalize('NFC'), consent },
      );
      if (result.ok && caret !== null) placeCaret(v, caret);
      return true;
    };

    const touchesProposals = (tr: Transaction, state: EditorState): boolean => {
      let touched = false;
      for (const step of tr.steps) {
        step.getMap().forEach((oldStart, oldEnd) => {
          if (touched) return;
          const from = Math.min(oldStart, state.doc.content.size);
          const to = Math.min(oldEnd, state.doc.content.size);
          if (modeOf(state, from, to) !== 'write') touched = true;
        });
        if (touched) break;
      }
      return touched;
    };

    return [
      new Plugin({
        key: suggestInputKey,
        view: (v) => {
          view = v;
          setCompositionDivert(v, (change) => {
            if (!composing) return false;
            composing = false;
            if (change) {
              const where = locate(change.doc, change.from, change.to);
              if (where) {
                const consent = host.modeAt(lang, where.pid) === 'consent';
                if (change.text) host.propose(lang, { kind: 'insert', ...where, text: change.text, consent });
                else if (where.from < where.to) host.propose(lang, { kind: 'delete', ...where, consent });
              }
            }
            return true;
          });
          return {
            destroy: () => {
              setCompositionDivert(v, null);
              view = null;
            },
          };
        },
        filterTransaction: (tr, state) => {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey) || composing || view?.composing) return true;
          if (host.suggesting(lang)) return false;
          return !touchesProposals(tr, state);
        },
        props: {
          handleDOMEvents: {
            // Typing arrives here before the browser changes the page: taken as a proposal, it never does.
            beforeinput: (v, event) => {
              const input = event as InputEvent;
              if (composing || v.composing || input.isComposing || input.inputType === 'insertCompositionText') return false;
              const { from, to } = targetOf(v, input);
              if (modeOf(v.state, from, to) === 'write') return false;
              if (input.inputType === 'insertText' || input.inputType === 'insertReplacementText') {
                input.preventDefault();
                const text = input.data ?? input.dataTransfer?.getData('text/plain') ?? '';
                if (text) propose(v, from, to, text, to);
                return true;
              }
              if (/^(insert|delete|format|history)/u.test(input.inputType) && input.inputType !== 'insertFromPaste') {
                input.preventDefault();
                return true;
              }
              return false;
            },
            compositionstart: (v) => {
              const { from, to } = v.state.selection;
              composing = modeOf(v.state, from, to) !== 'write';
              return false;
            },
          },
          handleTextInput: (v, from, to, text) => {
            if (composing || v.composing || modeOf(v.state, from, to) === 'write') return false;
            // A replacement leaves the caret after the words it replaces, where typing extends it.
            return propose(v, from, to, text, to);
          },
          handlePaste: (v, _event, slice) => {
            const { from, to } = v.state.selection;
            if (modeOf(v.state, from, to) === 'write') return false;
            const text = slice.content.textBetween(0, slice.content.size, ' ', ' ').replace(/\s*\n\s*/gu, ' ');
            return propose(v, from, to, text, to);
          },
          handleDrop: (v) => modeOf(v.state, v.state.selection.from, v.state.selection.to) !== 'write',
          handleKeyDown: (v, event) => {
            if (event.key !== 'Backspace' && event.key !== 'Delete' && event.key !== 'Enter') return false;
            const { from, to, empty } = v.state.selection;
            if (modeOf(v.state, from, to) === 'write') return false;
            if (event.key === 'Enter') return true; // a new paragraph is not a suggestion
            if (!empty) return propose(v, from, to, null, event.key === 'Backspace' ? from : to);
            const where = locate(v.state.doc, from, from);
            if (!where) return true;
            const consent = host.modeAt(lang, where.pid) === 'consent';
            if (event.key === 'Delete') {
              const next = Math.min(from + 1, v.state.doc.content.size);
              if (locate(v.state.doc, from, next)) return propose(v, from, next, null, next);
              return true;
            }
            const result = host.propose(lang, { kind: 'backspace', pid: where.pid, at: where.from, consent });
            if (result.ok && result.value.moved) placeCaret(v, from - 1);
            return true;
          },
        },
      }),
    ];
  },
});

/** Where the browser would apply an input: its target range, else the selection ProseMirror holds. */
function targetOf(view: EditorView, event: InputEvent): { from: number; to: number } {
  const range = event.getTargetRanges?.()[0];
  if (range) {
    try {
      const a = view.posAtDOM(range.startContainer, range.startOffset);
      const b = view.posAtDOM(range.endContainer, range.endOffset);
      return { from: Math.min(a, b), to: Math.max(a, b) };
    } catch {
      // a node ProseMirror does not map (a widget): its own selection then
    }
  }
  return { from: view.state.selection.from, to: view.state.selection.to };
}

function placeCaret(view: EditorView, pos: number): void {
  const at = Math.max(0, Math.min(pos, view.state.doc.content.size));
  view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at))));
}

export type { CompositionChange };
