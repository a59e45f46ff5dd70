import { useState, type FormEvent } from 'react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { textFragmentName } from '../../shared/model/declaration';
import { appendImportedBlocks, type ImportableBlock } from '../../shared/model/documentText';
import type { LanguageCode } from '../../shared/model/ids';
import type { CollabSession } from '../collab/collabSession';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ApiFailure, type Api } from './api';

const IMPORT_CODES = ['empty', 'too-large', 'unsupported', 'wrong-language', 'unreadable'];

/** The secretariat's tools on a declaration: add a language column, replace one language from a draft. */
export function DeclarationTools({ api, declaration, session }: { api: Api; declaration: DeclarationSummary; session: CollabSession }) {
  const { t, tn, lang: uiLang } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [code, setCode] = useState('');
  const [target, setTarget] = useState<string>(declaration.languages[0]!);
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly ImportableBlock[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const explain = (e: unknown) =>
    e instanceof ApiFailure && IMPORT_CODES.includes(e.code)
      ? t(`import_${e.code}` as MessageKey, { detail: e.message })
      : e instanceof Error
        ? e.message
        : String(e);

  const addLanguage = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await api.addLanguage(declaration.id, code.trim());
      setCode('');
    } catch (e) {
      setMessage(explain(e));
    }
  };

  const preview = async () => {
    setMessage(null);
    setFound(null);
    try {
      const res = await api.previewImport([...declaration.languages], [{ lang: target, fileName: 'pasted.txt', text }]);
      setFound(res.blocks[target] ?? []);
    } catch (e) {
      setMessage(explain(e));
    }
  };

  /**
   * Replaces the column's text in one Yjs transaction made as the editor's own binding, so that
   * the editor's undo manager records it as one step: Ctrl+Z in that column brings the old text back.
   */
  const replace = () => {
    if (!found) return;
    const fragment = session.doc.getXmlFragment(textFragmentName(target as LanguageCode));
    session.doc.transact(() => {
      fragment.delete(0, fragment.length);
      appendImportedBlocks(fragment, found);
    }, ySyncPluginKey);
    setMessage(t('replaced', { language: names.of(target) ?? target }));
    setFound(null);
    setText('');
  };

  return (
    <details className="declaration-tools">
      <summary>
        {t('replaceFromDraft')} · {t('addLanguage')}
      </summary>
      <div className="tools-grid">
        <fieldset>
          <legend>{t('replaceFromDraft')}</legend>
          <select value={target} onChange={(e) => (setTarget(e.target.value), setFound(null))} aria-label={t('inviteLanguage')}>
            {declaration.languages.map((l) => (
              <option key={l} value={l}>
                {names.of(l) ?? l}
              </option>
            ))}
          </select>
          <textarea rows={4} value={text} onChange={(e) => (setText(e.target.value), setFound(null))} aria-label={t('replaceFromDraft')} />
          <button type="button" onClick={() => void preview()} disabled={!text.trim()}>
            {t('preview')}
          </button>
          {found && (
            <button type="button" className="danger" onClick={replace}>
              {t('replaceConfirm', { language: names.of(target) ?? target, paragraphs: tn('paragraphCount', found.length) })}
            </button>
          )}
        </fieldset>
        <form onSubmit={(e) => void addLanguage(e)}>
          <fieldset>
            <legend>{t('addLanguage')}</legend>
            <input value={code} onChange={(e) => setCode(e.target.value)} aria-label={t('languageCode')} placeholder="en" required maxLength={35} />
            <button type="submit">{t('add')}</button>
          </fieldset>
        </form>
      </div>
      {message && <p role="status">{message}</p>}
    </details>
  );
}
