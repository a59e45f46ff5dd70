import * as Y from 'yjs';

/** Changes the copy takes from the document it follows (the copy's own never go back). */
const FOLLOWED = Symbol('followed');

const copies = new WeakMap<Y.Doc, Y.Doc>();

/**
 * A copy of `doc` that follows every change of it and sends nothing back, for the columns this
 * user may not write. y-tiptap writes to the fragment it renders as a side effect of rendering:
 * it deletes what the editor's schema cannot show and writes back what ProseMirror normalised.
 * In a column the user may not write, the server refuses those writes (and the page reloads
 * into the same refusal); bound to this copy, they stay in this browser, out of the shared
 * document, while every remote change still arrives. One copy per document, shared by its
 * read-only columns; it follows for as long as the document lives.
 */
export function readOnlyCopy(doc: Y.Doc): Y.Doc {
  let copy = copies.get(doc);
  if (copy) return copy;
  const follower = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(follower, Y.encodeStateAsUpdate(doc), FOLLOWED);
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(follower, update, FOLLOWED));
  copies.set(doc, (copy = follower));
  return copy;
}
