import type * as Y from 'yjs';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { canonicalText } from '../../shared/model/canonicalText';
import { readObjections } from '../../shared/negotiation/circulation';
import { useI18n } from '../i18n/i18n';
import { useRowNavigation } from '../editor/rowNavigation';

/**
 * The objections a silence procedure met, by row, delegation and reason; each one a link to its
 * row (whose card in the margin holds the objection and the thread it opened).
 */
export function ObjectionsList({
  doc,
  declaration,
  circulationId,
  heading,
}: {
  doc: Y.Doc;
  declaration: DeclarationSummary;
  circulationId: string;
  heading: string;
}) {
  const { t, lang: uiLang } = useI18n();
  const navigation = useRowNavigation();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const objections = readObjections(doc, circulationId);
  const rows = canonicalText(doc, declaration.title, declaration.languages).rows;
  const numberOf = (pids: readonly string[]) => {
    const i = rows.findIndex((r) => Object.values(r.cells).some((cs) => cs.some((c) => pids.includes(c.pid))));
    return i < 0 ? null : i + 1;
  };
  const delegation = (d: string) => (d === 'secretariat' ? t('secretariat') : t('delegationOf', { language: names.of(d) ?? d }));
  return (
    <section className="objections-list" aria-label={heading}>
      <h3>{heading}</h3>
      {objections.length === 0 ? (
        <p className="muted">{t('noObjections')}</p>
      ) : (
        <ul>
          {objections.map((o, i) => {
            const pids = Object.values(o.pids).flat();
            const n = numberOf(pids);
            return (
              <li key={i} data-objection-row={o.rowKey} data-delegation={o.delegation}>
                <button type="button" className="link-button" disabled={!navigation || pids.length === 0} onClick={() => navigation?.jumpTo({ pid: pids[0]! })}>
                  {n === null ? '—' : t('row', { n: String(n) })}
                </button>{' '}
                {t('objectionLine', { delegation: delegation(o.delegation), name: o.name, reason: o.text })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
