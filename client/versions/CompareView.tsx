import { useEffect, useState } from 'react';
import type { Comparison } from '../../shared/compare/compare';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { Api } from '../app/api';

/** Two versions (or a version and the live text) side by side, word changes marked not by colour alone. */
export function CompareView({ api, id, from, to, withId, navigate }: { api: Api; id: string; from: string; to: string; withId: string | null; navigate: (p: string) => void }) {
  const { t, lang: uiLang } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [languages, setLanguages] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.compare(id, from, to, withId).then(
      (c) => {
        setComparison(c);
        setLanguages(Object.keys(c.rows[0]?.words ?? {}));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, id, from, to, withId]);
  const label = (ref: string) => (ref === 'live' ? t('liveText') : `v${ref}`);
  if (error) return <p role="alert">{error}</p>;
  if (!comparison) return <p>{t('loading')}</p>;
  const s = comparison.summary;
  const fmt = (n: number) => new Intl.NumberFormat(uiLang).format(n);
  const base = `/api/declarations/${encodeURIComponent(id)}/compare?from=${from}&to=${to}&ui=${uiLang}${withId ? `&toDeclaration=${encodeURIComponent(withId)}` : ''}`;
  return (
    <section className="compare-view">
      <p>
        <a href={`/d/${id}`} onClick={(e) => (e.preventDefault(), navigate(`/d/${id}`))}>
          ←
        </a>
      </p>
      <h1>{t('comparison', { from: label(from), to: label(to) })}</h1>
      <p className="compare-summary" role="status">
        {t('summaryLine', { changed: fmt(s.rowsChanged), added: fmt(s.rowsAdded), removed: fmt(s.rowsRemoved), moved: fmt(s.rowsMoved), outOfStep: fmt(s.outOfStep) })}
      </p>
      <p>
        <a href={`${base}&format=html`} download>
          {t('downloadHtml')}
        </a>{' '}
        ·{' '}
        <a href={`${base}&format=docx`} download>
          {t('downloadDocx')}
        </a>
      </p>
      <div className="static-rows compare-rows" style={{ ['--columns' as string]: languages.length }}>
        {languages.map((l) => (
          <div key={l} className="static-header">
            <strong>{names.of(l) ?? l}</strong> <code>{l}</code>
          </div>
        ))}
        {comparison.rows.map((row, i) =>
          languages.map((l, j) => (
            <div key={`${i}:${l}`} className={`static-cell change-${row.change}`} lang={l} data-change={row.change}>
              {j === 0 && (
                <span className="change-label">
                  {t(`change_${row.change}` as MessageKey)}
                  {row.outOfStep && <strong className="stale"> ⚠ {t('outOfStep')}</strong>}
                  {to === 'live' && row.to && !withId && (
                    <>
                      {' '}
                      <a className="row-link" href={`/d/${id}#row=${encodeURIComponent(row.to)}`} onClick={(e) => (e.preventDefault(), navigate(`/d/${id}#row=${encodeURIComponent(row.to!)}`))}>
                        {t('goToRow', { n: String(i + 1) })}
                      </a>
                    </>
                  )}
                </span>
              )}
              <p>
                {(row.words[l] ?? []).map((w, k) =>
                  w.op === 'insert' ? (
                    <ins key={k}>
                      <span className="sr-only">[{t('inserted')}: </span>
                      {w.text}
                      <span className="sr-only">]</span>
                    </ins>
                  ) : w.op === 'delete' ? (
                    <del key={k}>
                      <span className="sr-only">[{t('deleted')}: </span>
                      {w.text}
                      <span className="sr-only">]</span>
                    </del>
                  ) : (
                    <span key={k}>{w.text}</span>
                  ),
                )}
              </p>
            </div>
          )),
        )}
      </div>
    </section>
  );
}
