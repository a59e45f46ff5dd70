import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { textFragmentName } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';

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
}

/** One language's text: a Tiptap editor bound to the `text:<lang>` fragment. */
export function LanguageEditor({ doc, provider, lang, user, editable, label }: Props) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Undo comes from Yjs (through the collaboration extension), so that it only undoes our own edits.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: doc.getXmlFragment(textFragmentName(lang)) }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: { attributes: { 'aria-label': label, lang } },
    },
    [doc, provider, lang],
  );
  return (
    <div className="language-column" lang={lang}>
      <EditorContent editor={editor} />
    </div>
  );
}
