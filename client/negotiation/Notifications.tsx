import { useEffect, useMemo, useState } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { ROW_STATE_MAP } from '../../shared/model/alignment';
import type { CollabSession } from '../collab/collabSession';
import { useI18n } from '../i18n/i18n';
import type { Api } from '../app/api';
import { rowsToCheck } from './staleForLanguage';
import type { Thread } from '../../shared/negotiation/commentModel';
import { readThreads } from '../../shared/negotiation/commentThreads';
import { threadPids } from '../../shared/negotiation/threadPlacement';
import { canonicalText } from '../../shared/model/canonicalText';
import { useRowNavigation } from '../editor/rowNavigation';
import { SECRETARIAT_SIDE, type Suggestion } from '../../shared/negotiation/suggestionModel';
import { usePendingSuggestions } from './usePendingSuggestions';

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
function concerning(threads: readonly Thread[], lang: string | null): Thread[] {
  if (lang === null) return [];
  return threads.filter(
    (th) =>
      th.status === 'open' &&
      th.messages.some((m) => m.author.delegation !== lang) &&
      (th.anchor.kind !== 'range' || th.anchor.lang === lang || th.messages.some((m) => m.text.includes(`@${lang}`))),
  );
}

/** Suggestions others made in my column, one entry per proposing side and row: `{ side, pid, n }`. */
function suggestionsForMe(pending: readonly Suggestion[], lang: string | null, numberOf: (pid: string) => number): { side: string; pid: string; n: number }[] {
  if (lang === null) return [];
  const seen = new Map<string, { side: string; pid: string; n: number }>();
  for (const s of pending) {
    if (s.lang !== lang || s.author.delegation === lang || !s.place) continue;
    const n = numberOf(s.place.pid);
    if (n > 0 && !seen.has(`${s.author.delegation}:${n}`)) seen.set(`${s.author.delegation}:${n}`, { side: s.author.delegation, pid: s.place.pid, n });
  }
  return [...seen.values()].sort((a, b) => a.n - b.n || a.side.localeCompare(b.side)).slice(0, 20);
}

/** What changed since my last visit, rows to re-check in my language, comments and suggestions that concern me. */
export function Notifications({ api, session, declaration, lang }: Props) {
  const { t, tn, lang: uiLang, delegationName } = useI18n();
  const pendingSuggestions = usePendingSuggestions(session.doc);
  const [changed, setChanged] = useState<{ pid: string; name: string; at: number }[]>([]);
  const [tick, setTick] = useState(0);
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
  // Reading every row is the costly part: once per tick (at most twice a second), not on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const toCheck = useMemo(() => rowsToCheck(session.doc, declaration, lang), [session.doc, declaration, lang, tick]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const mentions = useMemo(() => concerning(readThreads(session.doc), lang), [session.doc, lang, tick]);
  const fmt = (n: number) => new Intl.NumberFormat(uiLang).format(n);
  const navigation = useRowNavigation();
  // Each entry lists its rows as links that jump to the row and flash it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  const rows = useMemo(() => canonicalText(session.doc, declaration.title, declaration.languages).rows, [session.doc, declaration, tick]);
  const numberOf = (pid: string) => rows.findIndex((r) => Object.values(r.cells).some((cs) => cs.some((c) => c.pid === pid))) + 1;
  const links = (pids: readonly string[]) => {
    const seen = new Map<number, string>();
    for (const pid of pids) {
      const n = numberOf(pid);
      if (n > 0 && !seen.has(n)) seen.set(n, pid);
    }
    return (
      <span className="row-links">
        {[...seen]
          .sort((a, b) => a[0] - b[0])
          .slice(0, 20)
          .map(([n, pid]) => (
            <button key={n} type="button" className="link-button" data-jump-pid={pid} onClick={() => navigation?.jumpTo({ pid })}>
              {t('row', { n: String(n) })}
            </button>
          ))}
      </span>
    );
  };
  const names = [...new Set(changed.map((c) => c.name))].join(', ');
  const suggested = suggestionsForMe(pendingSuggestions, lang, numberOf);
  // A sentence may open on a delegation's name, which is written lower case mid-sentence ("đoàn Pháp").
  const sentence = (text: string) => text.charAt(0).toLocaleUpperCase(uiLang) + text.slice(1);
  const nothing = changed.length === 0 && toCheck.length === 0 && mentions.length === 0 && suggested.length === 0;
  return (
    <details className="notifications" open={!nothing}>
      <summary>{t('notifications')}</summary>
      {nothing && <p>{t('nothingNew')}</p>}
      <ul>
        {changed.length > 0 && (
          <li data-notification="changed">
            {tn('changedSinceVisit', changed.length)} ({names}) {links(changed.map((c) => c.pid))}
          </li>
        )}
        {toCheck.length > 0 && (
          <li data-notification="stale">
            {t('staleForYou', { count: fmt(toCheck.length) })} {links(toCheck.map((r) => r.pid))}
          </li>
        )}
        {mentions.length > 0 && (
          <li data-notification="mentions">
            {t('mentionsYou', { count: fmt(mentions.length) })} {links(mentions.flatMap((th) => threadPids(th).slice(0, 1)))}
          </li>
        )}
        {suggested.map(({ side, pid, n }) => (
          <li key={`${side}:${n}`} data-notification="suggestion" data-suggestion-side={side}>
            <button type="button" className="link-button" data-jump-pid={pid} onClick={() => navigation?.jumpTo({ pid })}>
              {side === SECRETARIAT_SIDE
                ? t('secretariatSuggestsInYourRow', { n: String(n) })
                : sentence(t('suggestsInYourRow', { party: delegationName(side), n: String(n) }))}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
