import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { activeBracket, newBracketId } from '../editor/bracketMark';
import type { BracketAttrs } from '../../shared/negotiation/brackets';
import { useI18n } from '../i18n/i18n';

/**
 * Brackets for the editor that has the caret: put the selection "under negotiation" (with
 * alternative options), lift a bracket, or adopt one of its options.
 */
export function BracketToolbar({ editor }: { editor: Editor | null }) {
  const { t } = useI18n();
  const [options, setOptions] = useState('');
  const [active, setActive] = useState<BracketAttrs | null>(null);
  const [hasSelection, setHasSelection] = useState(false);
  useEffect(() => {
    if (!editor) return;
    const read = () => {
      setActive(activeBracket(editor.state));
      setHasSelection(!editor.state.selection.empty);
    };
    read();
    editor.on('selectionUpdate', read);
    editor.on('transaction', read);
    return () => {
      editor.off('selectionUpdate', read);
      editor.off('transaction', read);
    };
  }, [editor]);
  if (!editor || !editor.isEditable) return null;
  const bracket = () => {
    const list = options
      .split('/')
      .map((o) => o.trim())
      .filter(Boolean);
    editor.chain().focus().setBracket({ id: newBracketId(), options: list }).run();
    setOptions('');
  };
  return (
    <div className="bracket-toolbar" role="toolbar" aria-label={t('bracket')}>
      {active ? (
        <>
          <button type="button" onClick={() => editor.chain().focus().unsetBracket(active.id).run()}>
            {t('liftBracket')}
          </button>
          {active.options.map((option, i) => (
            <button key={i} type="button" onClick={() => editor.chain().focus().chooseBracketOption(active.id, i).run()}>
              {t('chooseOption', { option })}
            </button>
          ))}
        </>
      ) : (
        <>
          <label>
            {t('bracketOptions')} <input value={options} onChange={(e) => setOptions(e.target.value)} maxLength={1000} />
          </label>
          <button type="button" disabled={!hasSelection} onMouseDown={(e) => e.preventDefault()} onClick={bracket}>
            [ ] {t('bracket')}
          </button>
        </>
      )}
    </div>
  );
}
