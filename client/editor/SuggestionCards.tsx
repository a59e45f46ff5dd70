import { useEffect, useRef } from 'react';
import type { CommentAuthor } from '../../shared/negotiation/commentModel';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { mayVote, sameAuthor } from '../../shared/negotiation/suggestionRules';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** The row's suggestions: pending ones get a card, decided ones a line of history. */
  readonly suggestions: readonly Suggestion[];
  /** The reader's side (null for an observer, who decides nothing). */
  readonly side: string | null;
  readonly author: CommentAuthor;
  /** "French delegation", "Secretariat". */
  readonly sideName: (side: string) => string;
  /** The suggestion whose card was opened from the text. */
  readonly focused: string | null;
  /** Show decided suggestions too (the row being worked on). */
  readonly history: boolean;
  readonly onVote: (s: Suggestion, decision: 'accept' | 'reject') => void;
  readonly onWithdraw: (s: Suggestion) => void;
  readonly onAcceptAll: (of: CommentAuthor, suggestions: readonly Suggestion[]) => void;
}

/** The suggestions of one row in its rail card: who proposed what, and the decisions. */
export function SuggestionCards({ suggestions, side, author, sideName, focused, history, onVote, onWithdraw, onAcceptAll }: Props) {
  const { t, lang } = useI18n();
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  const person = (a: CommentAuthor) => `${a.name} (${sideName(a.delegation)})`;
  const live = suggestions.filter((s) => s.status === 'pending' || s.status === 'outdated');
  const decided = history ? suggestions.filter((s) => s.status === 'accepted' || s.status === 'rejected' || s.status === 'withdrawn') : [];
  const focusedRef = useRef<HTMLLIElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again each time another suggestion is opened
  useEffect(() => {
    focusedRef.current?.focus();
  }, [focused]);
  if (live.length === 0 && decided.length === 0) return null;

  const mayDecide = (s: Suggestion) => s.status === 'pending' && side !== null && mayVote(side, s) && !s.votes.some((v) => v.side === side);
  // "Accept all from X": for each author with more than one suggestion the reader may accept here.
  const byAuthor = new Map<string, { author: CommentAuthor; list: Suggestion[] }>();
  for (const s of live) {
    if (!mayDecide(s)) continue;
    const key = `${s.author.delegation}\u0000${s.author.name}`;
    const entry = byAuthor.get(key) ?? { author: s.author, list: [] };
    entry.list.push(s);
    byAuthor.set(key, entry);
  }

  const change = (s: Suggestion) =>
    s.kind === 'insert'
      ? t('suggestionInsert', { text: s.text })
      : s.kind === 'delete'
        ? t('suggestionDelete', { quote: s.quote })
        : t('suggestionReplace', { quote: s.quote, text: s.text });

  return (
    <div className="suggestions">
      {live.length > 0 && (
        <ul className="suggestion-list">
          {live.map((s) => (
            <li
              key={s.id}
              ref={s.id === focused ? focusedRef : undefined}
              tabIndex={-1}
              className={s.id === focused ? 'suggestion-card active' : 'suggestion-card'}
              data-suggestion-card={s.id}
              data-status={s.status}
              data-delegation={s.author.delegation}
            >
              <div className="suggestion-byline">
                <span className="suggestion-tag" data-delegation={s.author.delegation}>
                  {s.author.delegation === 'secretariat' ? t('secretariatTag') : s.author.delegation.toUpperCase()}
                </span>{' '}
                {t('suggestionByline', { name: s.author.name, delegation: sideName(s.author.delegation), time: time.format(s.at) })}
              </div>
              <p className={`suggestion-change kind-${s.kind}`} lang={s.lang}>
                {change(s)}
              </p>
              {s.consent && <p className="suggestion-consent">{t('suggestionConsent')}</p>}
              {s.votes
                .filter((v) => v.decision === 'accept')
                .map((v) => (
                  <p key={v.side} className="suggestion-vote">
                    {t('suggestionVote', { name: v.by.name, delegation: sideName(v.side) })}
                  </p>
                ))}
              {s.status === 'outdated' && (
                <p className="suggestion-outdated" role="note">
                  {t('suggestionOutdated')}
                </p>
              )}
              <div className="suggestion-actions">
                {mayDecide(s) && (
                  <>
                    <button type="button" className="accept" onClick={() => onVote(s, 'accept')}>
                      {t('suggestionAccept')}
                    </button>
                    <button type="button" onClick={() => onVote(s, 'reject')}>
                      {t('suggestionReject')}
                    </button>
                  </>
                )}
                {sameAuthor(s.author, author) && (s.status === 'pending' || s.status === 'outdated') && (
                  <button type="button" onClick={() => onWithdraw(s)}>
                    {t('suggestionWithdraw')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {[...byAuthor.values()]
        .filter((e) => e.list.length > 1)
        .map((e) => (
          <button key={`${e.author.delegation}:${e.author.name}`} type="button" className="accept-all" onClick={() => onAcceptAll(e.author, e.list)}>
            {t('suggestionAcceptAll', { name: e.author.name })}
          </button>
        ))}
      {decided.length > 0 && (
        <details className="suggestion-history">
          <summary>{t('suggestionsDecided')}</summary>
          <ul>
            {decided.map((s) => (
              <li key={s.id} data-suggestion-history={s.id} data-status={s.status}>
                <span lang={s.lang}>{change(s)}</span> —{' '}
                {s.status === 'accepted'
                  ? t('suggestionAccepted', { author: person(s.author), by: person(s.applied!.by) })
                  : s.status === 'rejected'
                    ? t('suggestionRejected', { author: person(s.author), by: person(s.rejectedBy!) })
                    : t('suggestionWithdrawn', { author: person(s.author) })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
