import { useMemo } from 'react';
import type { RowStatus } from '../../shared/model/alignment';
import type { Presence } from '../collab/presence';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { LayoutSnapshot } from './layoutController';
import { rowMatches, type RowFilter, type RowMarks } from './rowFilter';
import type { RowInfo } from './rowInfo';

/** Status at a glance, never by colour alone. */
const STATUS_SYMBOL: Record<RowStatus, string> = { draft: '', bracketed: '[ ]', 'agreed-ad-referendum': 'a.r.', agreed: '✓' };

interface Props {
  readonly layout: LayoutSnapshot | null;
  readonly infos: readonly RowInfo[];
  readonly rowOfPid: ReadonlyMap<string, RowInfo>;
  /** Rows the filter leaves out are dimmed. */
  readonly filter: RowFilter;
  readonly marksOf: (key: string) => RowMarks;
  readonly people: readonly Presence[];
  readonly onGoTo: (info: RowInfo) => void;
}

/** The gutter left of the rows: row numbers, statuses, comment and objection marks, and where the others are. */
export function RowGutter({ layout, infos, rowOfPid, filter, marksOf, people, onGoTo }: Props) {
  const { t } = useI18n();
  const rowTop = (key: string) => layout?.rowTops.get(key) ?? 0;
  const markers = useMemo(() => {
    if (!layout) return [];
    return people
      .filter((p) => !p.self && p.row && rowOfPid.has(p.row))
      .map((p) => ({ person: p, top: layout.rowTops.get(rowOfPid.get(p.row!)!.row.key) ?? 0 }));
  }, [layout, people, rowOfPid]);
  return (
    <div className="gutter">
      {layout &&
        infos.map((i) => {
          const marks = marksOf(i.row.key);
          const dim = filter !== 'all' && !rowMatches(filter, i, marks);
          return (
            <div key={i.row.key} className={dim ? 'gutter-row dim' : 'gutter-row'} style={{ top: rowTop(i.row.key) }} data-gutter-row={i.row.key}>
              <button
                type="button"
                tabIndex={-1}
                className="row-number"
                data-row-number={i.index + 1}
                onClick={() => onGoTo(i)}
                aria-label={t('goToRow', { n: String(i.index + 1) })}
              >
                {i.index + 1}
              </button>
              {(i.state.status !== 'draft' || i.stale.length > 0) && (
                <span
                  role="img"
                  className={`row-status status-${i.state.status}${i.stale.length ? ' is-stale' : ''}`}
                  title={`${t(`status_${i.state.status}` as MessageKey)}${i.stale.length ? ' ⚠' : ''}`}
                  aria-label={`${t('row', { n: String(i.index + 1) })}: ${t(`status_${i.state.status}` as MessageKey)}`}
                  data-row-status={i.state.status}
                  data-stale={i.stale.length > 0}
                >
                  {STATUS_SYMBOL[i.state.status]}
                  {i.stale.length ? '⚠' : ''}
                </span>
              )}
              {marks.openThreads > 0 && (
                <span className="row-comment-mark" data-row-comments={marks.openThreads} title={t('openThreads', { count: String(marks.openThreads) })}>
                  ❝
                </span>
              )}
              {marks.objections > 0 && (
                <span className="row-objection-mark" data-row-objections={marks.objections} title={t('objectionMarker')}>
                  ⚑
                </span>
              )}
            </div>
          );
        })}
      {markers.map(({ person, top }) => (
        <span key={person.clientId} className="row-marker" style={{ top, borderColor: person.color }} title={person.name} data-person={person.name}>
          {initials(person.name)}
        </span>
      ))}
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
