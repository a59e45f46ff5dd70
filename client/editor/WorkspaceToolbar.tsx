import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ROW_FILTERS, type RowFilter } from './rowFilter';

interface Props {
  readonly filter: RowFilter;
  readonly counts: Readonly<Record<RowFilter, number>>;
  /** Pending suggestions by the side that made them, shown beside the "with suggestions" count. */
  readonly suggestionsBySide?: Readonly<Record<string, number>>;
  readonly onFilter: (filter: RowFilter) => void;
  readonly onStep: (direction: 1 | -1) => void;
  readonly summary: string;
  readonly openThreads: number;
  readonly brackets: ReactNode;
  /** Suggesting mode, on or off; null when this person may not suggest (observers, a frozen text). */
  readonly suggesting: boolean | null;
  readonly onSuggesting: (on: boolean) => void;
  /** The page's own tools (the stages menu, plenary following), at the end of the bar. */
  readonly extras: ReactNode;
}

/** The one bar above the text: which rows to walk through, the walk, comments, brackets, tools. */
export function WorkspaceToolbar({
  filter,
  counts,
  suggestionsBySide = {},
  onFilter,
  onStep,
  summary,
  openThreads,
  brackets,
  suggesting,
  onSuggesting,
  extras,
}: Props) {
  const { t, lang } = useI18n();
  const fmt = (n: number) => new Intl.NumberFormat(lang).format(n);
  // "3 · FR 2 · VI 1": rows with suggestions, then suggestions by delegation (the secretariat last).
  const sides = Object.entries(suggestionsBySide)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a === 'secretariat' ? 1 : b === 'secretariat' ? -1 : a.localeCompare(b)));
  const countLabel = (f: RowFilter): string =>
    f === 'suggestions'
      ? [fmt(counts[f]), ...sides.map(([side, n]) => `${side === 'secretariat' ? t('secretariat') : side.toUpperCase()} ${fmt(n)}`)].join(' · ')
      : fmt(counts[f]);
  return (
    <div className="ws-toolbar" role="toolbar" aria-label={t('filterLabel')}>
      <label className="row-filter">
        <span>{t('filterLabel')}</span>{' '}
        <select value={filter} onChange={(e) => onFilter(e.target.value as RowFilter)} data-testid="row-filter">
          {ROW_FILTERS.map((f) => (
            <option key={f} value={f} data-count={counts[f]}>
              {t(`filter_${f}` as MessageKey, { count: countLabel(f) })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => onStep(-1)} aria-label={t('previousInFilter')} title={t('previousInFilter')} aria-keyshortcuts="Alt+PageUp">
        ↑
      </button>
      <button type="button" onClick={() => onStep(1)} aria-label={t('nextInFilter')} title={t('nextInFilter')} aria-keyshortcuts="Alt+PageDown">
        ↓
      </button>
      <span className="row-counts" data-testid="row-counts">
        {summary}
      </span>
      <button
        type="button"
        className="open-threads"
        data-open-threads={openThreads}
        onClick={() => onFilter('comments')}
        title={t('openThreads', { count: fmt(openThreads) })}
        aria-label={t('openThreads', { count: fmt(openThreads) })}
      >
        ❝ {fmt(openThreads)}
      </button>
      {suggesting !== null && (
        <button
          type="button"
          className={suggesting ? 'suggest-toggle on' : 'suggest-toggle'}
          aria-pressed={suggesting}
          title={t('suggestHelp')}
          onClick={() => onSuggesting(!suggesting)}
        >
          <span aria-hidden="true">✎ </span>
          {t('suggest')}
        </button>
      )}
      {brackets}
      <span className="toolbar-end">{extras}</span>
    </div>
  );
}
