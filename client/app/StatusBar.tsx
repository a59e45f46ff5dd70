import { useEffect, useState } from 'react';
import type { SessionState } from '../collab/collabSession';
import type { Presence } from '../collab/presence';
import { useI18n } from '../i18n/i18n';

/** Connection and save state in words (never by colour alone), and who is here. */
export function StatusBar({ state, people, languages }: { state: SessionState; people: readonly Presence[]; languages: readonly string[] }) {
  const { t, tn, lang, partyName } = useI18n();
  const saved = state.saved
    ? `${t('allSaved')}${state.savedAt ? ` (${t('savedAt', { time: new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(state.savedAt) })})` : ''}`
    : state.link === 'offline'
      ? `${t('unsavedOffline')} — ${tn('pending', state.pending)}`
      : t('saving');
  const announcement = useAnnouncement(
    state.link === 'offline' ? `${t('offline')} — ${t('unsavedOffline')}` : state.link === 'live' && state.saved ? t('allSaved') : null,
  );
  const delegationLabel = (d: string) => (d === 'secretariat' || d === 'observer' || languages.includes(d) ? partyName(d) : d);
  return (
    <div className="status-bar">
      <span className="sr-only" role="status" aria-live="polite">
        {announcement}
      </span>
      <span className={`link link-${state.link}`} data-link={state.link}>
        {state.link === 'live' ? t('live') : state.link === 'offline' ? t('offline') : t('connecting')}
      </span>
      <span className="saved" data-saved={state.saved} data-pending={state.pending}>
        {saved}
      </span>
      {state.storageTrouble && (
        <span className="storage-trouble" role="alert">
          {t('storageTrouble')}
        </span>
      )}
      <ul className="people" aria-label={t('people')}>
        {people.map((p) => (
          <li key={p.clientId} className="person" style={{ borderColor: p.color }} data-delegation={p.delegation}>
            <span className="dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            {p.self ? ` (${t('you')})` : ''} · <small>{delegationLabel(p.delegation)}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What a screen reader hears about saving: only a state that holds for a moment (saved, or kept
 * offline), never the "saving…" of every keystroke; the same message is not repeated.
 */
function useAnnouncement(message: string | null): string {
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setSaid(message), 2000);
    return () => clearTimeout(timer);
  }, [message]);
  return said;
}
