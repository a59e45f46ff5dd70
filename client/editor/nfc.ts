import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';

/**
 * Every text that enters the document is stored composed (NFC): a Vietnamese paste from Word
 * in decomposed form must compare and hash equal to the same text typed. Runs after each
 * change (typing, paste, drop), never in the middle of an input-method composition.
 */
export const NfcExtension = Extension.create({
  name: 'nfc',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('nfc'),
        props: {
          transformPastedText: (text) => text.normalize('NFC'),
        },
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((t) => t.docChanged) || editor.view?.composing) return null;
          const fixes: { from: number; to: number; node: PMNode }[] = [];
          state.doc.descendants((node, pos) => {
            if (!node.isText) return true;
            const text = node.text!;
            const nfc = text.normalize('NFC');
            if (nfc !== text) fixes.push({ from: pos, to: pos + node.nodeSize, node: state.schema.text(nfc, node.marks) });
            return false;
          });
          if (fixes.length === 0) return null;
          const tr = state.tr;
          for (const f of fixes.reverse()) tr.replaceWith(f.from, f.to, f.node);
          return tr;
        },
      }),
    ];
  },
});
