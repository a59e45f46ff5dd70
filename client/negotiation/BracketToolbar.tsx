import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { activeBracket, newBracketId } from '../editor/bracketMark';
import type { BracketAttrs } from '../../shared/negotiation/brackets';
import { useI18n } from '../i18n/i18n';

/** The bracket the caret is in and whether words are selected, in the editor that has the caret. */
function useBracketState(editor: Editor | null): { active: BracketAttrs | null; hasSelection: boolean } {
  const [active, setActive] = useState<BracketAttrs | null>(null);
  const [hasSelection, setHasSelection] = useState(false);
  useEffect(() => {
    if (!editor) {
      setActive(null);
      setHasSelection(false);
      return;
    }
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
  return { active, hasSelection };
}

/**
 * Putting the selection "under negotiation" (with alternative options), for the editor that has
 * the caret. Always the same size in the toolbar, so that it never moves the text.
 */
export function BracketToolbar({ editor }: { editor: Editor | null }) {
  const { t } = useI18n();
  const [options, setOptions] = useState('');
  const { hasSelection } = useBracketState(editor);
  const usable = !!editor && editor.isEditable;
  const bracket = () => {
    if (!editor) return;
    const list = options
      .split('/')
      .map((o) => o.trim())
      .filter(Boolean);
    editor.chain().focus().setBracket({ id: newBracketId(), options: list }).run();
    setOptions('');
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: buttons inside the toolbar's line; a fieldset would break it (and bring a border)
    <span className="bracket-toolbar" role="group" aria-label={t('bracket')}>
      <label>
        <span className="sr-only">{t('bracketOptions')}</span>
        <input value={options} onChange={(e) => setOptions(e.target.value)} maxLength={1000} placeholder={t('bracketOptions')} disabled={!usable} size={14} />
      </label>
      <button type="button" disabled={!usable || !hasSelection} onMouseDown={(e) => e.preventDefault()} onClick={bracket}>
        [ ] {t('bracket')}
      </button>
    </span>
  );
}

/** Lifting the bracket the caret is in, or adopting one of its options: shown beside its row. */
export function BracketChoices({ editor }: { editor: Editor | null }) {
  const { t } = useI18n();
  const { active } = useBracketState(editor);
  if (!editor?.isEditable || !active) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of option buttons, not a form; a fieldset would bring a border and a legend
    <div className="bracket-choices" role="group" aria-label={t('bracket')}>
      <button type="button" onClick={() => editor.chain().focus().unsetBracket(active.id).run()}>
        {t('liftBracket')}
      </button>
      {active.options.map((option, i) => (
        <button key={i} type="button" onClick={() => editor.chain().focus().chooseBracketOption(active.id, i).run()}>
          {t('chooseOption', { option })}
        </button>
      ))}
    </div>
  );
}
