import { reopenRow } from '../../shared/model/rowActions';
import { latestDecisions, REOPENED } from '../../shared/negotiation/adoption';
import type { CollabSession } from '../collab/collabSession';
import type { RowInfo } from '../editor/rowInfo';
import { useI18n } from '../i18n/i18n';

/** Origin of reopenings made from this page. */
const REOPEN_ORIGIN = Symbol('reopen-row');

/**
 * The secretariat's "Reopen row": a row that is agreed (or bracketed) goes back to draft, so each
 * delegation edits its side directly again instead of proposing; the last reopening is shown.
 */
export function ReopenRow({ session, info, by }: { session: CollabSession; info: RowInfo; by: string }) {
  const { t, lang } = useI18n();
  const last = latestDecisions(session.doc).get(info.row.key);
  const when = (at: number) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <div className="reopen-row">
      {info.state.status !== 'draft' && (
        <button type="button" title={t('reopenRowHint')} onClick={() => reopenRow(session.doc, info.row, by, Date.now(), REOPEN_ORIGIN)}>
          {t('reopenRow')}
        </button>
      )}
      {last?.decision === REOPENED && (
        <p className="reopened" data-reopened-by={last.by}>
          {t('reopenedBy', { name: last.by, time: when(last.at) })}
        </p>
      )}
    </div>
  );
}
