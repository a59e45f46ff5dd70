import { useEffect, useState } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { ROW_STATE_MAP } from '../../shared/model/alignment';
import type { CollabSession } from '../collab/collabSession';
import { useI18n } from '../i18n/i18n';
import type { Api } from '../app/api';
import { rowsToCheck } from './staleForLanguage';
import { readThreads, type Thread } from '../../shared/negotiation/comments';

const LAST_VISIT = (id: string) => `accord.lastVisit.${id}`;

interface Props {
  readonly api: Api;
  readonly session: CollabSession;
  readonly declaration: DeclarationSummary;
  /** The reader's language (a delegation's), or null for the secretariat and observers. */
  readonly lang: string | null;
}

/**
 * Open threads that concern a delegation, with a message from someone outside it: on a row (a
 * row holds every language), on its language's text, or naming it (`@vi`).
 */
function concerning(threads: readonly Thread[], lang: string | null): number {
  if (lang === null) return 0;
  return threads.filter(
    (th) =>
      th.status === 'open' &&
      th.messages.some((m) => m.author.delegation !== lang) &&
      (th.anchor.kind !== 'range' || th.anchor.lang === lang || th.messages.some((m) => m.text.includes(`@${lang}`))),
  ).length;
}

/** What changed since my last visit, rows to re-check in my language, comments that concern me. */
export function Notifications({ api, session, declaration, lang }: Props) {
  const { t, tn, lang: uiLang } = useI18n();
  const [changed, setChanged] = useState<{ pid: string; name: string; at: number }[]>([]);
  const [, setTick] = useState(0);
  useEffect(() => {
    const previous = Number(localStorage.getItem(LAST_VISIT(declaration.id)) ?? 0);
    if (previous > 0) api.changesSince(declaration.id, previous).then(setChanged, () => setChanged([]));
    const remember = () => localStorage.setItem(LAST_VISIT(declaration.id), String(Date.now()));
    remember();
    const timer = setInterval(remember, 60_000);
    window.addEventListener('beforeunload', remember);
    return () => {
      clearInterval(timer);
      window.removeEventListener('beforeunload', remember);
    };
  }, [api, declaration.id]);
  useEffect(() => {
    // Re-reading every row on each keystroke is wasted work: look again at most twice a second.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setTick((x) => x + 1);
      }, 500);
    };
    const states = session.doc.getMap(ROW_STATE_MAP);
    states.observe(bump);
    session.doc.on('update', bump);
    return () => {
      if (timer) clearTimeout(timer);
      states.unobserve(bump);
      session.doc.off('update', bump);
    };
  }, [session.doc]);
  const toCheck = rowsToCheck(session.doc, declaration, lang);
  const mentions = concerning(readThreads(session.doc), lang);
  const fmt = (n: number) => new Intl.NumberFormat(uiLang).format(n);
  const names = [...new Set(changed.map((c) => c.name))].join(', ');
  const nothing = changed.length === 0 && toCheck.length === 0 && mentions === 0;
  return (
    <details className="notifications" open={!nothing}>
      <summary>{t('notifications')}</summary>
      {nothing && <p>{t('nothingNew')}</p>}
      <ul>
        {changed.length > 0 && (
          <li data-notification="changed">
            {tn('changedSinceVisit', changed.length)} ({names})
          </li>
        )}
        {toCheck.length > 0 && <li data-notification="stale">{t('staleForYou', { count: fmt(toCheck.length) })}</li>}
        {mentions > 0 && <li data-notification="mentions">{t('mentionsYou', { count: fmt(mentions) })}</li>}
      </ul>
    </details>
  );
}
