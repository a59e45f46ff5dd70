import { ROW_STATUSES, type RowStatus } from '../../shared/model/alignment';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { RowInfo } from './rowInfo';

interface Props {
  readonly info: RowInfo;
  readonly next: RowInfo | null;
  readonly canEdit: boolean;
  readonly languageName: (code: string) => string;
  readonly onStatus: (status: RowStatus) => void;
  readonly onConfirm: () => void;
  readonly onMerge: () => void;
  readonly onSplit: () => void;
  readonly onRelease: () => void;
}

/** The row the caret is in: its status, why its paragraphs are together, and what to do with it. */
export function RowPanel({ info, next, canEdit, languageName, onStatus, onConfirm, onMerge, onSplit, onRelease }: Props) {
  const { t } = useI18n();
  const height = Math.max(...Object.values(info.row.cells).map((c) => c.length));
  return (
    <section className="row-panel" aria-label={t('row', { n: String(info.index + 1) })} data-row={info.row.key}>
      <strong>{t('row', { n: String(info.index + 1) })}</strong>
      <label>
        {t('rowStatus')}{' '}
        <select value={info.state.status} disabled={!canEdit} onChange={(e) => onStatus(e.target.value as RowStatus)} data-testid="row-status">
          {ROW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {info.state.confirmed && <span className="confirmed">✓ {t('confirmedBy', { name: info.state.confirmed.by })}</span>}
      <StaleWarning info={info} languageName={languageName} />
      {canEdit && (
        <span className="row-actions">
          <button type="button" onClick={onConfirm}>
            {t('confirmRow')}
          </button>
          {next && (
            <button type="button" onClick={onMerge}>
              {t('mergeNext')}
            </button>
          )}
          {height > 1 && (
            <button type="button" onClick={onSplit}>
              {t('splitRow')}
            </button>
          )}
          {info.stored?.origin === 'manual' && (
            <button type="button" onClick={onRelease}>
              {t('releaseRow')}
            </button>
          )}
        </span>
      )}
      <details className="evidence">
        <summary>{t('evidence')}</summary>
        <p>{info.stored?.origin === 'manual' ? t('manualRow') : info.stored ? t('score', { score: info.stored.score.toFixed(2) }) : ''}</p>
        <ul>
          {(info.stored?.evidence ?? []).map((e, i) => (
            <li key={i}>
              <code>{e.kind}</code> {e.detail}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export function StaleWarning({ info, languageName }: { info: RowInfo; languageName: (code: string) => string }) {
  const { t } = useI18n();
  if (info.stale.length === 0) return null;
  const others = Object.keys(info.row.cells).filter((l) => !info.stale.includes(l));
  return (
    <span className="stale" role="status" data-stale={info.stale.join(' ')}>
      ⚠ {t('staleIn', { changed: info.stale.map(languageName).join(', '), others: (others.length ? others : info.stale).map(languageName).join(', ') })}
    </span>
  );
}
