import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import type { FrozenMark } from '../../shared/model/freeze';
import type { ConcordanceIssue } from '../../shared/publish/concordance';
import { concordanceIssueKey } from '../../shared/publish/concordance';
import { describeConcordanceIssue } from '../../shared/publish/concordanceLabels';
import { keyLabel } from '../../shared/publish/signature';
import type { PublicationStatusResponse } from '../../shared/protocol/api';
import type { DeclarationExport } from '../../shared/publish/declarationExport';
import { ApiFailure, type Api, type Me } from '../app/api';
import { useI18n } from '../i18n/i18n';
import { ed25519Supported, signingKeyFor } from './signingKey';
import { useRowNavigation } from '../editor/rowNavigation';

interface Props {
  readonly api: Api;
  readonly declaration: DeclarationSummary;
  readonly me: Me;
  /** The document's freeze mark: the panel refreshes whenever it changes. */
  readonly frozen: FrozenMark | null;
  readonly navigate: (path: string) => void;
}

const FORMATS = ['pdf', 'docx', 'json', 'xml', 'html'] as const;

/**
 * The end of the negotiation: the secretariat checks concordance and freezes; each signatory
 * signs the fingerprint with a key made in their browser; the secretariat publishes.
 */
export function PublicationPanel({ api, declaration, me, frozen, navigate }: Props) {
  const { t, tn, lang: uiLang, languageName: sentenceLanguageName } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const languageName = (code: string) => names.of(code) ?? code;
  const dateOf = (value: number | string) => new Intl.DateTimeFormat(uiLang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
  const [status, setStatus] = useState<PublicationStatusResponse | null>(null);
  const [issues, setIssues] = useState<readonly ConcordanceIssue[] | null>(null);
  const [reason, setReason] = useState('');
  const [unfreezeReason, setUnfreezeReason] = useState('');
  const [withSuggestions, setWithSuggestions] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** What the signatory is about to sign, read from the export itself, while they confirm. */
  const [review, setReview] = useState<DeclarationExport | null>(null);
  const secretariat = me.role.kind === 'secretariat';
  const rowNavigation = useRowNavigation();
  const signatoryLang = me.role.kind === 'signatory' ? me.role.lang : null;

  const refresh = useCallback(() => api.publication(declaration.id).then(setStatus, () => undefined), [api, declaration.id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again when the freeze changes (frozen, unfrozen, another text)
  useEffect(() => void refresh(), [refresh, frozen?.sha256]);
  // Signatures arrive from other people's browsers: while the text waits for them, look again now and then.
  const waiting = status?.frozen && !status.published;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void refresh(), 3000);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  /** Runs one step; a step that answers with the new status shows it at once (others: the next refresh). */
  // biome-ignore lint/suspicious/noConfusingVoidType: steps are async functions that return the status or nothing at all
  const run = async (step: () => Promise<PublicationStatusResponse | void>) => {
    setBusy(true);
    setMessage(null);
    try {
      const next = await step();
      if (next) setStatus(next);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const check = () => run(async () => setIssues((await api.concordance(declaration.id)).issues));
  const freeze = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      try {
        const next = await api.freeze(declaration.id, reason.trim() || undefined);
        setIssues(null);
        setReason('');
        return next;
      } catch (e) {
        // 409 with the list: show what still stands in the way.
        if (e instanceof ApiFailure && e.code === 'concordance') setIssues((await api.concordance(declaration.id)).issues);
        throw e;
      }
    });
  };
  const unfreeze = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const next = await api.unfreeze(declaration.id, unfreezeReason.trim());
      setUnfreezeReason('');
      return next;
    });
  };
  const sign = () =>
    run(async () => {
      if (!status?.frozen || !signatoryLang) return;
      if (!(await ed25519Supported())) throw new Error(t('signingUnsupported'));
      const { key, created } = await signingKeyFor(`${declaration.id}:${signatoryLang}:${me.name}`);
      if (created) await api.registerSigningKey(declaration.id, key.publicKey);
      const signature = await key.sign(declaration.id, signatoryLang, status.frozen.sha256);
      try {
        return await api.sign(declaration.id, signature, status.frozen.sha256);
      } catch (e) {
        // The server knows another key of ours (another browser, a cleared profile): register this one and sign again.
        if (!(e instanceof ApiFailure && (e.code === 'no-key' || e.code === 'bad-signature'))) throw e;
        await api.registerSigningKey(declaration.id, key.publicKey);
        return api.sign(declaration.id, signature, status.frozen.sha256);
      }
    }).then(() => setMessage((m) => m ?? t('signedDone')));
  // Signing shows what is signed, as the export states it, and waits for a second, explicit yes.
  const startSigning = () =>
    run(async () => {
      const exp = await api.exportJson(declaration.id);
      if (!status?.frozen || exp.sha256 !== status.frozen.sha256) {
        await refresh();
        throw new Error(t('signMismatch'));
      }
      setReview(exp);
    });
  const publish = () => run(() => api.publish(declaration.id));
  const correct = () =>
    run(async () => {
      const { id } = await api.openCorrection(declaration.id);
      navigate(`/d/${id}`);
    });

  const signedLang = (lang: string) => status?.signatures.find((s) => s.lang === lang);
  // Only the DOCX carries pending suggestions (as Word tracked changes); every other format is the authentic text.
  const exportBase = `/api/declarations/${encodeURIComponent(declaration.id)}/export?ui=${uiLang}&format=`;
  return (
    <section className="publication" aria-labelledby="publication-heading">
      <h2 id="publication-heading">{t('publicationHeading')}</h2>
      {status?.frozen && (
        <div className="frozen-summary">
          <p role="status">{t('frozenBanner', { date: dateOf(status.frozen.at) })}</p>
          <p>
            {t('fingerprintLabel')}: <code data-testid="fingerprint">{status.frozen.sha256}</code>
          </p>
          {status.frozen.overrideReason && <p>{t('frozenOverride', { reason: status.frozen.overrideReason })}</p>}
          <ul className="signatures">
            {declaration.languages.map((lang) => {
              const s = signedLang(lang);
              return (
                <li key={lang} data-lang={lang} data-signed={s ? 'yes' : 'no'}>
                  {s
                    ? `✓ ${t('signedBy', { language: languageName(lang), name: s.signer, date: dateOf(s.signedAt) })} (${keyLabel(s.publicKey)})`
                    : `— ${t('awaitingSignature', { language: languageName(lang) })}`}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {status?.published && (
        <p>
          {t('publishedAt')}{' '}
          <a href={new URL(status.published.url).pathname} data-testid="public-link">
            {status.published.url}
          </a>
        </p>
      )}
      {status?.correctedBy && (
        <p>
          {t('correctionOpened')} <a href={`/d/${encodeURIComponent(status.correctedBy)}`}>{status.correctedBy}</a>
        </p>
      )}
      {status?.unfreezes.map((u) => (
        <p key={u.at} className="history">
          {t('unfrozenBefore', { date: dateOf(u.at), name: u.by, reason: u.reason })}
        </p>
      ))}

      {signatoryLang && status?.frozen && !signedLang(signatoryLang) && !review && (
        <p>
          <button type="button" onClick={() => void startSigning()} disabled={busy}>
            {t('signText', { language: languageName(signatoryLang) })}
          </button>{' '}
          <span className="hint">{t('signingExplain')}</span>
        </p>
      )}
      {signatoryLang && status?.frozen && !signedLang(signatoryLang) && review && (
        // biome-ignore lint/a11y/useSemanticElements: what is about to be signed, read before one button; not a form
        <div className="sign-review" role="group" aria-labelledby="sign-review-heading" data-testid="sign-review">
          <h3 id="sign-review-heading">{t('signReview')}</h3>
          <p>{t('signWhat', { language: sentenceLanguageName(signatoryLang) })}</p>
          <dl>
            <dt>{t('fingerprintLabel')}</dt>
            <dd>
              <code data-testid="sign-fingerprint">{review.sha256}</code>
            </dd>
            <dt>{t('signTitleLabel')}</dt>
            <dd dir="auto" data-testid="sign-title">
              {review.title}
            </dd>
            <dt>{t('signLanguagesLabel')}</dt>
            <dd data-testid="sign-languages">{review.languages.map(languageName).join(' · ')}</dd>
            <dt>{t('signRowsLabel')}</dt>
            <dd data-testid="sign-rows">{new Intl.NumberFormat(uiLang).format(review.rows.length)}</dd>
          </dl>
          <p>
            <a href={`/d/${encodeURIComponent(declaration.id)}/v/${status.frozen.version}`} target="_blank" rel="noopener noreferrer">
              {t('readSignedText')}
            </a>
          </p>
          <p>
            <button type="button" className="primary" onClick={() => void sign().then(() => setReview(null))} disabled={busy}>
              {t('signConfirm')}
            </button>{' '}
            <button type="button" onClick={() => setReview(null)} disabled={busy}>
              {t('cancel')}
            </button>
          </p>
        </div>
      )}

      {secretariat && !status?.frozen && (
        <>
          <p>
            <button type="button" onClick={() => void check()} disabled={busy}>
              {t('concordanceCheck')}
            </button>
          </p>
          {issues && issues.length === 0 && <p role="status">{t('concordanceClean')}</p>}
          {issues && issues.length > 0 && (
            <>
              <p role="status">{tn('concordanceIssues', issues.length)}</p>
              <ol className="concordance" data-testid="concordance">
                {issues.map((issue) => (
                  <li key={concordanceIssueKey(issue)} data-kind={issue.kind}>
                    {rowNavigation ? (
                      <button type="button" className="link-button" data-jump-row={issue.row} onClick={() => rowNavigation.jumpTo({ rowKey: issue.row })}>
                        {describeConcordanceIssue(issue, uiLang, languageName)}
                      </button>
                    ) : (
                      describeConcordanceIssue(issue, uiLang, languageName)
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
          <form onSubmit={(e) => void freeze(e)}>
            {issues && issues.length > 0 && (
              <label>
                {t('overrideReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} name="override" />
              </label>
            )}{' '}
            <button type="submit" disabled={busy || issues === null || (issues.length > 0 && reason.trim() === '')}>
              {issues && issues.length > 0 ? t('freezeAnyway') : t('freeze')}
            </button>
          </form>
        </>
      )}
      {secretariat && status?.frozen && !status.published && (
        <>
          {status.awaiting.length === 0 && (
            <p>
              <button type="button" onClick={() => void publish()} disabled={busy}>
                {t('publish')}
              </button>
            </p>
          )}
          <form onSubmit={(e) => void unfreeze(e)}>
            <label>
              {t('unfreezeReason')} <input value={unfreezeReason} onChange={(e) => setUnfreezeReason(e.target.value)} maxLength={2000} name="unfreeze" />
            </label>{' '}
            <button type="submit" disabled={busy || unfreezeReason.trim() === ''}>
              {t('unfreeze')}
            </button>
          </form>
        </>
      )}
      {secretariat && status?.published && !status.correctedBy && (
        <p>
          <button type="button" onClick={() => void correct()} disabled={busy}>
            {t('openCorrection')}
          </button>
        </p>
      )}
      <p className="downloads">
        {t('downloadAs')}{' '}
        {FORMATS.map((f, i) => (
          <span key={f}>
            {i > 0 && ' · '}
            <a href={exportBase + f + (f === 'docx' && withSuggestions ? '&suggestions=1' : '')} download data-format={f}>
              {f.toUpperCase()}
            </a>
          </span>
        ))}
        {!status?.published && (
          <label className="with-suggestions" title={t('withSuggestionsHint')}>
            {' '}
            <input type="checkbox" checked={withSuggestions} onChange={(e) => setWithSuggestions(e.target.checked)} /> DOCX {t('withSuggestions')}
          </label>
        )}
      </p>
      {message && <p role="alert">{message}</p>}
    </section>
  );
}
