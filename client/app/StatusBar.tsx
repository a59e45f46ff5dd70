import type { SessionState } from '../collab/collabSession';
import type { Presence } from '../collab/presence';
import { useI18n } from '../i18n/i18n';

/** Connection and save state in words (never by colour alone), and who is here. */
export function StatusBar({ state, people }: { state: SessionState; people: Presence[] }) {
  const { t } = useI18n();
  const saved = state.saved ? t('allSaved') : state.link === 'offline' ? t('unsavedOffline') : t('saving');
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`link link-${state.link}`} data-link={state.link}>
        {state.link === 'live' ? t('live') : state.link === 'offline' ? t('offline') : t('connecting')}
      </span>
      <span className="saved" data-saved={state.saved}>
        {saved}
      </span>
      <span className="people" aria-label={t('people')}>
        {people.map((p) => (
          <span key={p.clientId} className="person" style={{ borderColor: p.color }}>
            <span className="dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            {p.self ? ` (${t('you')})` : ''}
          </span>
        ))}
      </span>
    </div>
  );
}
