import { useEffect, useState } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import { FadingCollaborationCaret } from '../collab/caretLabels';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { textFragmentName } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import { CompositionGuard } from './compositionGuard';
import { NfcExtension } from './nfc';
import { textSchemaExtensions } from './textExtensions';
import { readOnlyCopy } from '../collab/readOnlyCopy';
import { RowSpacing } from './rowSpacing';
import { CommentHighlights } from './commentHighlights';
import { SuggestionMarks } from './suggestionMarks';
import { SuggestInput, type SuggestHost } from './suggestInput';
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
  /** Suggesting mode: the column takes input (as suggestions) even when the user may not write it. */
  readonly suggesting?: boolean;
  /** The page's suggestion handling; fixed for the column's life. */
  readonly host?: SuggestHost | null;
  readonly label: string;
  readonly onEditor: (lang: LanguageCode, editor: Editor | null) => void;
}

/** One language's text: a Tiptap editor bound to the `text:<lang>` fragment. */
export function LanguageColumn({ doc, provider, lang, user, editable, suggesting = false, host = null, label, onEditor }: Props) {
  // A column this user may not write renders a copy that never sends (see readOnlyCopy): what
  // y-tiptap writes while rendering it stays here instead of being refused by the server.
  const source = editable ? doc : readOnlyCopy(doc);
  const editor = useEditor(
    {
      editable: editable || suggesting,
      extensions: [
        ...textSchemaExtensions(),
        Collaboration.configure({ fragment: source.getXmlFragment(textFragmentName(lang)) }),
        FadingCollaborationCaret.configure({ provider, user }),
        CompositionGuard,
        NfcExtension,
        RowSpacing,
        CommentHighlights,
        SuggestionMarks,
        SuggestInput.configure({ lang, host }),
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
    [source, provider, lang, host],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable || suggesting);
  }, [editor, editable, suggesting]);

  // A new editor (the column became read-only or writable) has no view until EditorContent mounts
  // it: it is handed to the page, which reaches into its view, only once mounted.
  const [mounted, setMounted] = useState<Editor | null>(null);
  useEffect(() => {
    if (!editor) return;
    if (!editor.isDestroyed) {
      setMounted(editor);
      return;
    }
    const onMount = () => setMounted(editor);
    editor.on('mount', onMount);
    return () => {
      editor.off('mount', onMount);
    };
  }, [editor]);

  useEffect(() => {
    if (!editor || mounted !== editor || editor.isDestroyed) return;
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
      if (!editor.isDestroyed) editor.view.dom.removeEventListener('click', onClick);
      onEditor(lang, null);
    };
  }, [editor, mounted, lang, onEditor, provider]);

  return <EditorContent editor={editor} className="column-editor" lang={lang} />;
}
