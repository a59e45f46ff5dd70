import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { HistoryDamage } from '../../shared/protocol/api';
import { fromBase64Url, toBase64Url } from '../../shared/publish/signature';
import type { CollabSession } from '../collab/collabSession';
import { useI18n } from '../i18n/i18n';
import type { Api } from './api';

/**
 * What the server found damaged in the declaration's stored history (secretariat only: it is
 * the secretariat that can check the text against a version and restore it), asked again each
 * time the page syncs, since a reconnect may follow a restart that found damage.
 */
export function useHistoryDamage(api: Api, id: string, session: CollabSession | null, enabled: boolean): HistoryDamage | null {
  const [damage, setDamage] = useState<HistoryDamage | null>(null);
  useEffect(() => {
    if (!enabled || !session) return;
    let live = true;
    const ask = () =>
      void api.historyDamage(id).then(
        (r) => live && setDamage(r.damage),
        () => undefined,
      );
    const onSync = (synced: boolean) => synced && ask();
    session.provider.on('sync', onSync);
    ask();
    return () => {
      live = false;
      session.provider.off('sync', onSync);
    };
  }, [api, id, session, enabled]);
  return damage;
}

/** The secretariat's banner: part of the stored history is damaged, what was recovered, what to do. Compact: the text stays near the top. */
export function HistoryDamageBanner({ damage, api, id, session }: { damage: HistoryDamage; api: Api; id: string; session: CollabSession }) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<string | null>(null);
  // Sends what this page's copy holds and the server lacks (also edits others wrote, which our sync may not send as ours).
  const restore = async () => {
    try {
      const { stateVector } = await api.historyDamage(id);
      const since = stateVector ? fromBase64Url(stateVector) : undefined;
      const update = Y.encodeStateAsUpdate(session.doc, since);
      const done = await api.restoreHistory(id, toBase64Url(update));
      setResult(t('historyRestored', { restored: String(done.restored), waiting: String(done.waiting) }));
    } catch (error) {
      setResult(t('historyRestoreFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(damage.foundAt));
  return (
    <details className="notice history-damage" role="alert" data-testid="history-damage">
      <summary>{t('historyDamaged', { lost: String(damage.lost), reason: damage.reason, date })}</summary>
      <p>{t('historyRecovered', { recovered: String(damage.recovered) })}</p>
      {damage.filledFrom && <p>{t('historyFilled', { label: damage.filledFrom.label, version: String(damage.filledFrom.version) })}</p>}
      {damage.waiting > 0 && <p>{t('historyWaiting', { waiting: String(damage.waiting) })}</p>}
      <p>{t('historyWhatToDo', { file: damage.keptAs ?? '—' })}</p>
      <p>
        <button type="button" onClick={() => void restore()}>
          {t('historyRestore')}
        </button>
      </p>
      {result && <p role="status">{result}</p>}
    </details>
  );
}
