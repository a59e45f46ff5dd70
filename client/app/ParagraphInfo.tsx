import { useEffect, useState } from 'react';
import type { ParagraphEditResponse } from '../../shared/protocol/api';
import { useI18n } from '../i18n/i18n';
import type { Api } from './api';

/** Who last changed the paragraph the caret is in, and the paragraph's authors over time. */
export function ParagraphInfo({ api, declarationId, pid }: { api: Api; declarationId: string; pid: string | null }) {
  const { t, lang } = useI18n();
  const [edits, setEdits] = useState<ParagraphEditResponse[] | null>(null);
  useEffect(() => {
    setEdits(null);
    if (!pid) return;
    const timer = setTimeout(() => api.paragraphHistory(declarationId, pid).then(setEdits, () => setEdits([])), 300);
    return () => clearTimeout(timer);
  }, [api, declarationId, pid]);
  if (!pid || !edits) return null;
  const when = (at: number) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const last = edits[0];
  return (
    <div className="paragraph-info" aria-live="polite">
      {last ? t('lastChangedBy', { name: last.name, time: when(last.at) }) : t('neverChanged')}
      {edits.length > 1 && (
        <details>
          <summary>{t('paragraphHistory')}</summary>
          <ol>
            {edits.map((e, i) => (
              <li key={i}>
                {e.name} — {when(e.at)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
