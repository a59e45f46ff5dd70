import { useCallback, useEffect, useRef, useState } from 'react';
import type { Comparison, WordChange } from '../../shared/compare/compare';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { Api } from '../app/api';
import { changedRowIndices, stepChange } from './changeNavigation';
import { RaisedText } from './RaisedText';

/**
 * Two versions (or a version and the live text) side by side, word changes marked not by colour
 * alone; "changes only" hides unchanged rows, and next/previous (buttons, or n/j and p/k) walk
 * from one change to the next, as a reviewer does in Word.
 */
export function CompareView({
  api,
  id,
  from,
  to,
  withId,
  navigate,
}: {
  api: Api;
  id: string;
  from: string;
  to: string;
  withId: string | null;
  navigate: (p: string) => void;
}) {
  const { t, tn, lang: uiLang, partyName } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [languages, setLanguages] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [changesOnly, setChangesOnly] = useState(false);
  const [withSuggestions, setWithSuggestions] = useState(false);
  /** Position in the list of changed rows of the change shown as current, or null before the first step. */
  const [current, setCurrent] = useState<number | null>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  // The checkbox is only offered against the live text.
  const suggestions = withSuggestions && to === 'live';
  useEffect(() => {
    api.compare(id, from, to, withId, suggestions).then(
      (c) => {
        setComparison(c);
        setLanguages(Object.keys(c.rows[0]?.words ?? {}));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, id, from, to, withId, suggestions]);
  const changed = comparison ? changedRowIndices(comparison.rows) : [];

  const step = useCallback((direction: 1 | -1) => setCurrent((c) => stepChange(c, direction, changed.length)), [changed.length]);

  // The current change comes into view and takes focus, so a screen reader reads it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: when the person steps to another change, not when the comparison re-renders
  useEffect(() => {
    if (current === null) return;
    const cell = rowsRef.current?.querySelector<HTMLElement>(`[data-row="${changed[current]}"]`);
    cell?.scrollIntoView({ block: 'center' });
    cell?.focus({ preventScroll: true });
  }, [current]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/u.test(target.tagName))) return;
      if (event.key === 'n' || event.key === 'j') step(1);
      else if (event.key === 'p' || event.key === 'k') step(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const label = (ref: string) => (ref === 'live' ? t('liveText') : `v${ref}`);
  if (error) return <p role="alert">{error}</p>;
  if (!comparison) return <p>{t('loading')}</p>;
  const s = comparison.summary;
  const base = `/api/declarations/${encodeURIComponent(id)}/compare?from=${from}&to=${to}&ui=${uiLang}${withId ? `&toDeclaration=${encodeURIComponent(withId)}` : ''}`;
  const currentRow = current === null ? null : changed[current];
  const fmt = (n: number) => new Intl.NumberFormat(uiLang).format(n);
  // A pending suggestion says who proposed it (not by colour alone: its author is in the title and the attribute).
  const suggested = (w: Comparison['rows'][number]['words'][string][number]) =>
    w.suggestion
      ? {
          'data-suggestion-by': w.suggestion.author.delegation,
          title: t('suggestionBy', {
            party: partyName(w.suggestion.author.delegation),
            name: w.suggestion.author.name,
            time: new Intl.DateTimeFormat(uiLang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(w.suggestion.at)),
          }),
        }
      : {};
  // A change of superscripts alone (1er → 1ᵉʳ) reads aloud as no change: say what changed.
  const formatting = (w: WordChange) => (w.formatting ? ` (${t('formattingChanged')})` : '');
  return (
    <section className="compare-view">
      <p>
        <a href={`/d/${id}`} onClick={(e) => (e.preventDefault(), navigate(`/d/${id}`))}>
          ←
        </a>
      </p>
      <h1>{t('comparison', { from: label(from), to: label(to) })}</h1>
      <p className="compare-summary" role="status">
        {t('summaryLine', {
          changed: tn('rowsChangedCount', s.rowsChanged),
          added: tn('addedCount', s.rowsAdded),
          removed: tn('removedCount', s.rowsRemoved),
          moved: tn('movedCount', s.rowsMoved),
          outOfStep: tn('outOfStepCount', s.outOfStep),
        })}
      </p>
      <div className="compare-toolbar" role="toolbar" aria-label={t('comparison', { from: label(from), to: label(to) })}>
        <button type="button" aria-pressed={changesOnly} onClick={() => setChangesOnly((v) => !v)}>
          {t('changesOnly')}
        </button>
        <button type="button" onClick={() => step(-1)} disabled={changed.length === 0}>
          ↑ {t('previousChange')}
        </button>
        <button type="button" onClick={() => step(1)} disabled={changed.length === 0}>
          ↓ {t('nextChange')}
        </button>
        <span className="change-position" aria-live="polite" data-testid="change-position">
          {changed.length === 0 ? t('noChange') : current === null ? '' : t('changePosition', { n: fmt(current + 1), total: fmt(changed.length) })}
        </span>
        <span className="hint">{t('compareKeys')}</span>
      </div>
      <p>
        <a href={`${base}&format=html${suggestions ? '&suggestions=1' : ''}`} download>
          {t('downloadHtml')}
        </a>{' '}
        ·{' '}
        <a href={`${base}&format=docx${suggestions ? '&suggestions=1' : ''}`} download data-format="docx">
          {t('downloadDocx')}
        </a>
        {/* The live text's pending suggestions, as tracked changes by their delegations, over the comparison's own. */}
        {to === 'live' && (
          <label className="with-suggestions" title={t('withSuggestionsHint')}>
            {' '}
            <input type="checkbox" checked={withSuggestions} onChange={(e) => setWithSuggestions(e.target.checked)} /> {t('withSuggestions')}
          </label>
        )}
      </p>
      <div ref={rowsRef} className="static-rows compare-rows" style={{ ['--columns' as string]: languages.length }}>
        {languages.map((l) => (
          <div key={l} className="static-header">
            <strong>{names.of(l) ?? l}</strong> <code>{l}</code>
          </div>
        ))}
        {comparison.rows.map((row, i) =>
          changesOnly && row.change === 'equal'
            ? null
            : languages.map((l, j) => (
                <div
                  key={`${i}:${l}`}
                  className={`static-cell change-${row.change}${currentRow === i ? ' current-change' : ''}`}
                  lang={l}
                  data-change={row.change}
                  {...(j === 0 ? { 'data-row': i, tabIndex: -1 } : {})}
                >
                  {j === 0 && (
                    <span className="change-label">
                      {t(`change_${row.change}` as MessageKey)}
                      {row.outOfStep && <strong className="stale"> ⚠ {t('outOfStep')}</strong>}
                      {to === 'live' && row.to && !withId && (
                        <>
                          {' '}
                          <a
                            className="row-link"
                            href={`/d/${id}#row=${encodeURIComponent(row.to)}`}
                            onClick={(e) => (e.preventDefault(), navigate(`/d/${id}#row=${encodeURIComponent(row.to!)}`))}
                          >
                            {t('goToRow', { n: String(i + 1) })}
                          </a>
                        </>
                      )}
                    </span>
                  )}
                  <p>
                    {(row.words[l] ?? []).map((w, k) =>
                      w.op === 'insert' ? (
                        <ins key={k} {...suggested(w)}>
                          <span className="sr-only">
                            [{t('inserted')}
                            {formatting(w)}:{' '}
                          </span>
                          <RaisedText text={w.text} spans={w.superscripts} />
                          <span className="sr-only">]</span>
                        </ins>
                      ) : w.op === 'delete' ? (
                        <del key={k} {...suggested(w)}>
                          <span className="sr-only">
                            [{t('deleted')}
                            {formatting(w)}:{' '}
                          </span>
                          <RaisedText text={w.text} spans={w.superscripts} />
                          <span className="sr-only">]</span>
                        </del>
                      ) : (
                        <span key={k}>
                          <RaisedText text={w.text} spans={w.superscripts} />
                        </span>
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
