import { useMemo, useState } from 'react';
import type { Role } from '../../shared/model/access';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { commentAuthorFor } from '../../shared/negotiation/commentRules';
import type { Decision, Suggestion } from '../../shared/negotiation/suggestionModel';
import { mayVote, sideOf } from '../../shared/negotiation/suggestionRules';
import { voteOnSuggestion } from '../../shared/negotiation/suggestions';
import type { CollabSession } from '../collab/collabSession';
import { useRowNavigation } from '../editor/rowNavigation';
import { useI18n } from '../i18n/i18n';
import { rowNumbersByPid } from './rowNumbers';
import { usePendingSuggestions } from './usePendingSuggestions';

/** Origin of decisions taken from the panel. */
const PANEL_ORIGIN = Symbol('suggestions-panel');

interface Props {
  readonly session: CollabSession;
  readonly declaration: DeclarationSummary;
  readonly me: { readonly role: Role; readonly name: string };
  /** A frozen text takes no decision. */
  readonly frozen: boolean;
}

/**
 * Every suggestion awaiting a decision, by row: who proposed what, in which column, a link that
 * jumps to the row, and Accept / Reject for those who decide on it (the column's delegation or
 * the secretariat; in an agreed row, every side but the author's).
 */
export function SuggestionsPanel({ session, declaration, me, frozen }: Props) {
  const { t, lang: uiLang, partyName, languageName } = useI18n();
  const pending = usePendingSuggestions(session.doc);
  const navigation = useRowNavigation();
  const [message, setMessage] = useState<string | null>(null);
  const numbers = useMemo(
    () => (pending.length > 0 ? rowNumbersByPid(session.doc, declaration) : new Map<string, number>()),
    [session.doc, declaration, pending],
  );
  const side = sideOf(me.role);
  const byRow = useMemo(() => {
    const rows = new Map<number, Suggestion[]>();
    for (const s of pending) {
      const n = numbers.get(s.place!.pid);
      if (n !== undefined) rows.set(n, [...(rows.get(n) ?? []), s]);
    }
    return [...rows].sort((a, b) => a[0] - b[0]);
  }, [pending, numbers]);
  const when = (at: number) => new Intl.DateTimeFormat(uiLang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const party = (delegation: string) => partyName(delegation);
  const what = (s: Suggestion) =>
    s.kind === 'insert'
      ? t('suggestionInsert', { text: s.text })
      : s.kind === 'delete'
        ? t('suggestionDelete', { quote: s.quote })
        : t('suggestionReplace', { text: s.text, quote: s.quote });
  const decide = (s: Suggestion, decision: Decision) => {
    const result = voteOnSuggestion(session.doc, s.id, { decision, by: commentAuthorFor(me.role, me.name), at: Date.now(), origin: PANEL_ORIGIN });
    setMessage(result.ok ? null : t('suggestionDecisionFailed', { reason: result.reason }));
  };
  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-heading" data-pending-suggestions={pending.length}>
      <h2 id="suggestions-heading">{t('suggestionsPanel')}</h2>
      {byRow.length === 0 && <p>{t('noPendingSuggestions')}</p>}
      <ol className="suggestion-rows">
        {byRow.map(([n, list]) => (
          <li key={n} data-suggestion-row={n}>
            <button type="button" className="link-button" data-jump-pid={list[0]!.place!.pid} onClick={() => navigation?.jumpTo({ pid: list[0]!.place!.pid })}>
              {t('row', { n: String(n) })}
            </button>
            <ul>
              {list.map((s) => {
                const decides = !frozen && side !== null && mayVote(side, s);
                const label = { party: party(s.author.delegation), n: String(n) };
                return (
                  <li key={s.id} data-panel-suggestion={s.id} data-suggestion-kind={s.kind} data-suggestion-lang={s.lang}>
                    <span className="suggestion-by">{t('suggestionBy', { party: party(s.author.delegation), name: s.author.name, time: when(s.at) })}</span>
                    {': '}
                    <span className="suggestion-what" lang={s.lang}>
                      {what(s)}
                    </span>{' '}
                    <span className="suggestion-column">{t('suggestionColumn', { language: languageName(s.lang) })}</span>{' '}
                    {decides ? (
                      <>
                        <button type="button" onClick={() => decide(s, 'accept')} aria-label={t('suggestionAcceptLabel', label)}>
                          {t('suggestionAccept')}
                        </button>{' '}
                        <button type="button" onClick={() => decide(s, 'reject')} aria-label={t('suggestionRejectLabel', label)}>
                          {t('suggestionReject')}
                        </button>
                      </>
                    ) : (
                      <span className="suggestion-awaits">{t('suggestionAwaits', { party: party(s.lang) })}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
      {message && <p role="alert">{message}</p>}
    </section>
  );
}
