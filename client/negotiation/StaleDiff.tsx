import { diffTokens } from '../../shared/compare/wordDiff';
import { joinParagraphs, tokenizeText } from '../../shared/compare/tokenize';
import type { WordChange } from '../../shared/compare/comparison';
import { useI18n } from '../i18n/i18n';
import type { RowInfo } from '../editor/rowInfo';

/** The word-level change of one language of a row since it was agreed (the comparison's diff). */
export function staleChanges(info: RowInfo, lang: string): readonly WordChange[] | null {
  const agreed = info.state.confirmed?.texts?.[lang];
  if (!agreed) return null;
  const now = info.texts[lang] ?? [];
  return diffTokens(joinParagraphs(agreed.map((p) => tokenizeText(p, lang))), joinParagraphs(now.map((p) => tokenizeText(p, lang))));
}

/**
 * A stale row, in place: what changed in each changed language since the row was agreed, with
 * insertions and deletions, so that the other delegation sees exactly what to mirror; and, for
 * those who may, one click to confirm the row again once mirrored.
 */
export function StaleDiff({
  info,
  languageName,
  onConfirmAgain,
}: {
  info: RowInfo;
  languageName: (code: string) => string;
  onConfirmAgain: (() => void) | null;
}) {
  const { t } = useI18n();
  if (info.stale.length === 0) return null;
  return (
    <div className="stale-diff" data-stale-diff={info.row.key}>
      {info.stale.map((lang) => {
        const words = staleChanges(info, lang);
        return (
          <div key={lang} className="stale-diff-language">
            <p className="stale-diff-label">{t('changedSince', { language: languageName(lang) })}</p>
            {words ? (
              <p className="stale-diff-words" lang={lang}>
                {words.map((w, i) =>
                  w.op === 'insert' ? <ins key={i}>{w.text}</ins> : w.op === 'delete' ? <del key={i}>{w.text}</del> : <span key={i}>{w.text}</span>,
                )}
              </p>
            ) : null}
          </div>
        );
      })}
      {onConfirmAgain && (
        <button type="button" className="confirm-again" onClick={onConfirmAgain}>
          {t('mirroredConfirm')}
        </button>
      )}
    </div>
  );
}
