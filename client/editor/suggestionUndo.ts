import type { Editor } from '@tiptap/core';
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { votesMap } from '../../shared/negotiation/suggestionState';

/** One origin per column's undo manager: only that column's Ctrl+Z takes back what is done with it. */
const origins = new WeakMap<Y.UndoManager, symbol>();

/**
 * Runs `fn` (which writes with the origin it is given) as one step of a column's undo history:
 * accepting a suggestion is an ordinary edit there, and Ctrl+Z in that column takes back the
 * words and the acceptance together. The column's undo manager (y-tiptap's, scoped to its text)
 * is widened to the votes map and tracks an origin of its own, so that the other columns'
 * managers, which track the shared y-tiptap origin, do not record the step. A column bound to
 * a read-only copy has no undo history in the document: `fn` then runs with no origin.
 */
export function asUndoableStep(editor: Editor | undefined, doc: Y.Doc, fn: (origin: unknown) => void): void {
  const sync = editor && !editor.isDestroyed ? (ySyncPluginKey.getState(editor.state) as { doc?: Y.Doc } | undefined) : undefined;
  const manager = sync?.doc === doc ? (yUndoPluginKey.getState(editor!.state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager : undefined;
  if (!manager) {
    fn(undefined);
    return;
  }
  let origin = origins.get(manager);
  if (!origin) {
    origin = Symbol('suggestion-decision');
    origins.set(manager, origin);
    manager.trackedOrigins.add(origin);
  }
  manager.addToScope(votesMap(doc));
  manager.stopCapturing();
  doc.transact(() => fn(origin), origin);
  manager.stopCapturing();
}
