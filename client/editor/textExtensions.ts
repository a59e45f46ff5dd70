import StarterKit from '@tiptap/starter-kit';
import Superscript from '@tiptap/extension-superscript';
import type { AnyExtension } from '@tiptap/core';
import { ParagraphIdExtension } from './paragraphId';
import { BracketMark } from './bracketMark';

/**
 * The extensions that make a language column's schema: what a `text:<lang>` fragment may hold.
 * The server refuses anything else (shared/model/editorSchema.ts, kept equal by a test).
 */
export function textSchemaExtensions(): AnyExtension[] {
  return [
    // Undo comes from Yjs (through the collaboration extension): it undoes only our own edits.
    // Block kinds that cannot be aligned as paragraphs are left out.
    StarterKit.configure({ undoRedo: false, blockquote: false, codeBlock: false, horizontalRule: false, code: false }),
    // French ordinals and centuries (12es, 1er, XXIe siècle); Ctrl+. (⌘. on a Mac) toggles it.
    Superscript,
    ParagraphIdExtension,
    BracketMark,
  ];
}
