import { useEffect } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { textFragmentName } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import { CompositionGuard } from './compositionGuard';
import { NfcExtension } from './nfc';
import { ParagraphIdExtension } from './paragraphId';
import { RowSpacing } from './rowSpacing';
import { BracketMark } from './bracketMark';
import { CommentHighlights } from './commentHighlights';
import { unitAt } from './units';

export interface Participant {
  readonly name: string;
  readonly color: string;
}

interface Props {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly lang: LanguageCode;
  readonly user: Participant;
  readonly editable: boolean;
  readonly label: string;
  readonly onEditor: (lang: LanguageCode, editor: Editor | null) => void;
}

/** One language's text: a Tiptap editor bound to the `text:<lang>` fragment. */
export function LanguageColumn({ doc, provider, lang, user, editable, label, onEditor }: Props) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Undo comes from Yjs (through the collaboration extension): it undoes only our own edits.
        // Block kinds that cannot be aligned as paragraphs are left out.
        StarterKit.configure({ undoRedo: false, blockquote: false, codeBlock: false, horizontalRule: false, code: false }),
        ParagraphIdExtension,
        Collaboration.configure({ fragment: doc.getXmlFragment(textFragmentName(lang)) }),
        CollaborationCaret.configure({ provider, user }),
        CompositionGuard,
        NfcExtension,
        RowSpacing,
        BracketMark,
        CommentHighlights,
      ],
      editorProps: {
        attributes: {
          lang,
          'aria-label': label,
          'aria-readonly': String(!editable),
          'aria-multiline': 'true',
          role: 'textbox',
        },
      },
    },
    [doc, provider, lang],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor) return;
    onEditor(lang, editor);
    // Tell the others which row we are in (the presence gutter marks it).
    const publishRowAt = (pos: number) => {
      const unit = unitAt(editor.state.doc, pos);
      provider.awareness.setLocalStateField('row', unit ? { lang, pid: unit.pid } : null);
    };
    const publishRow = () => {
      if (editor.isFocused) publishRowAt(editor.state.selection.head);
    };
    // A read-only column takes no caret: a click there still says which row one is reading.
    const onClick = (event: MouseEvent) => {
      if (editor.isEditable) return;
      const at = editor.view.posAtCoords({ left: event.clientX, top: event.clientY });
      if (at) publishRowAt(at.pos);
    };
    editor.on('selectionUpdate', publishRow);
    editor.on('focus', publishRow);
    editor.view.dom.addEventListener('click', onClick);
    return () => {
      editor.off('selectionUpdate', publishRow);
      editor.off('focus', publishRow);
      editor.view.dom.removeEventListener('click', onClick);
      onEditor(lang, null);
    };
  }, [editor, lang, onEditor, provider]);

  return <EditorContent editor={editor} className="column-editor" lang={lang} />;
}
