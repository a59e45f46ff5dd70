import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { CommentTarget } from '../negotiation/CommentsPanel';
import { pmUnits, unitAt } from './units';

/** The selected words of an editor as a comment target, or null (nothing selected, or across paragraphs). */
export function selectionTarget(editor: Editor, lang: string): CommentTarget | null {
  const { selection } = editor.state;
  if (selection.empty) return null;
  const { $from, $to } = selection;
  const unitPid = unitAt(editor.state.doc, $from.pos)?.pid;
  if ($from.parent !== $to.parent || !unitPid) return null;
  return { lang, from: { pid: unitPid, offset: $from.parentOffset }, to: { pid: unitPid, offset: $to.parentOffset }, rowPids: [] };
}

/** The DOM element of a unit (paragraph, heading or list item), to scroll to it. */
export function unitElement(editor: Editor, pid: string): HTMLElement | null {
  const unit = pmUnits(editor.state.doc).find((u) => u.pid === pid);
  if (!unit) return null;
  const dom = editor.view.nodeDOM(unit.pos);
  return dom instanceof HTMLElement ? dom : null;
}

/** Puts the caret at the start of a unit's text and focuses the editor; false when there is no such unit. */
export function focusUnit(editor: Editor, pid: string): boolean {
  const unit = pmUnits(editor.state.doc).find((u) => u.pid === pid);
  if (!unit) return false;
  const pos = Math.min(unit.pos + 1 + (unit.node.type.name === 'listItem' ? 1 : 0), editor.state.doc.content.size);
  editor.view.focus();
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(pos))));
  return true;
}

/** The caret as the browser has it: ProseMirror reads a click's new selection only a moment later. */
export function caretPosition(editor: Editor): number {
  const selection = document.getSelection();
  if (selection?.focusNode && editor.view.dom.contains(selection.focusNode)) {
    try {
      return editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
    } catch {
      // a node ProseMirror does not map (a widget): fall back to its own selection
    }
  }
  return editor.state.selection.head;
}
