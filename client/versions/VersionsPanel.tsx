import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { useI18n } from '../i18n/i18n';
import type { Api, VersionEntry } from '../app/api';

interface Props {
  readonly api: Api;
  readonly declaration: DeclarationSummary;
  readonly canEdit: boolean;
  readonly navigate: (path: string) => void;
}

/** Named and automatic versions: name the current state, open, compare, restore. */
export function VersionsPanel({ api, declaration, canEdit, navigate }: Props) {
  const { t, tn, lang: uiLang } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [list, setList] = useState<VersionEntry[]>([]);
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  const [restoring, setRestoring] = useState<number | null>(null);
  const [circulating, setCirculating] = useState<number | null>(null);
  const [deadline, setDeadline] = useState('');
  const [restoreLangs, setRestoreLangs] = useState<string[]>([...declaration.languages]);
  const [message, setMessage] = useState<string | null>(null);

  const [others, setOthers] = useState<DeclarationSummary[]>([]);
  const [other, setOther] = useState('');
  const refresh = useCallback(() => {
    api.listVersions(declaration.id).then(setList, (e: unknown) => setMessage(String(e)));
    api.listDeclarations().then(
      (all) => setOthers(all.filter((d) => d.id !== declaration.id && d.languages.some((l) => declaration.languages.includes(l)))),
      () => setOthers([]),
    );
  }, [api, declaration.id, declaration.languages]);
  useEffect(refresh, [refresh]);

  const name = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await api.nameVersion(declaration.id, label, note);
      setLabel('');
      setNote('');
      refresh();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const restore = async (version: number) => {
    try {
      await api.restoreVersion(declaration.id, version, restoreLangs);
      setMessage(t('restored', { n: String(version) }));
      setRestoring(null);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const when = (at: number) => new Intl.DateTimeFormat(uiLang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const fmt = (n: number) => new Intl.NumberFormat(uiLang).format(n);

  // Named versions are the milestones people look for; automatic checkpoints are folded away below them.
  const newestFirst = [...list].reverse();
  const named = newestFirst.filter((v) => v.kind !== 'auto');
  const automatic = newestFirst.filter((v) => v.kind === 'auto');
  const item = (v: VersionEntry) => (
    <li key={v.version} data-version={v.version}>
      {/* An automatic checkpoint's label is a machine timestamp: it is named by its date in the reader's language instead. */}
      {v.kind === 'auto' ? (
        <>
          <strong>v{v.version}</strong> <em>({t('versionAuto')})</em> · {when(v.at)}
        </>
      ) : (
        <>
          <strong>
            v{v.version} — {v.label}
          </strong>{' '}
          · {v.by} · {when(v.at)}
        </>
      )}
      {v.changeSummary?.changes && (
        <span className="change-size">
          {' '}
          ·{' '}
          {t('changeSize', {
            changed: tn('changedCount', v.changeSummary.changes.rowsChanged),
            added: tn('addedCount', v.changeSummary.changes.rowsAdded),
            removed: tn('removedCount', v.changeSummary.changes.rowsRemoved),
          })}
        </span>
      )}
      {v.changeSummary && Object.values(v.changeSummary.openBrackets).some((n) => n > 0) && (
        <span className="open-brackets" data-open-brackets={JSON.stringify(v.changeSummary.openBrackets)}>
          {' '}
          ·{' '}
          {t('openBrackets', {
            list: Object.entries(v.changeSummary.openBrackets)
              .map(([l, n]) => `${names.of(l) ?? l} ${fmt(n)}`)
              .join(', '),
          })}
        </span>
      )}
      <span className="version-actions">
        <button type="button" onClick={() => navigate(`/d/${declaration.id}/v/${v.version}`)}>
          {t('openVersion')}
        </button>
        <button type="button" onClick={() => navigate(`/d/${declaration.id}/compare/${v.version}/live`)}>
          {t('compareLive')}
        </button>
        {v.version > 1 && (
          <button type="button" onClick={() => navigate(`/d/${declaration.id}/compare/${v.version - 1}/${v.version}`)}>
            {t('comparePrevious')}
          </button>
        )}
        {canEdit && (
          <button type="button" onClick={() => setRestoring(restoring === v.version ? null : v.version)}>
            {t('restore')}
          </button>
        )}
        {canEdit && (
          <button type="button" onClick={() => setCirculating(circulating === v.version ? null : v.version)}>
            {t('circulate')}
          </button>
        )}
      </span>
      {circulating === v.version && (
        <div className="restore-confirm">
          <label>
            {t('circulateUntil')} <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
          </label>
          <button
            type="button"
            disabled={!deadline}
            onClick={() =>
              void api.circulate(declaration.id, v.version, new Date(deadline).getTime()).then(
                () => setCirculating(null),
                (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
              )
            }
          >
            {t('circulateButton')}
          </button>
        </div>
      )}
      {restoring === v.version && (
        <div className="restore-confirm">
          {declaration.languages.map((l) => (
            <label key={l}>
              <input
                type="checkbox"
                checked={restoreLangs.includes(l)}
                onChange={(e) => setRestoreLangs((ls) => (e.target.checked ? [...ls, l] : ls.filter((x) => x !== l)))}
              />
              {names.of(l) ?? l}
            </label>
          ))}
          <button type="button" className="danger" disabled={restoreLangs.length === 0} onClick={() => void restore(v.version)}>
            {t('restoreConfirm')}
          </button>
        </div>
      )}
    </li>
  );

  return (
    <details className="versions-panel" onToggle={refresh}>
      <summary>{t('versions')}</summary>
      {canEdit && (
        <form onSubmit={(e) => void name(e)} className="version-form">
          <strong>{t('nameVersion')}</strong>
          <label>
            {t('versionLabel')} <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />
          </label>
          <label>
            {t('versionNote')} <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </label>
          <button type="submit">{t('saveVersion')}</button>
        </form>
      )}
      {others.length > 0 && (
        <p className="compare-other">
          <label>
            {t('compareOther')}{' '}
            <select value={other} onChange={(e) => setOther(e.target.value)}>
              <option value="">—</option>
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={!other} onClick={() => navigate(`/d/${declaration.id}/compare/live/live?with=${encodeURIComponent(other)}`)}>
            {t('compareButton')}
          </button>
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {list.length === 0 ? (
        <p>{t('noVersions')}</p>
      ) : (
        <>
          {named.length > 0 && (
            <ol className="version-list named-versions" aria-label={t('namedVersions')}>
              {named.map(item)}
            </ol>
          )}
          {automatic.length > 0 && (
            <details className="auto-versions">
              <summary>{tn('autoCheckpoints', automatic.length)}</summary>
              <ol className="version-list">{automatic.map(item)}</ol>
            </details>
          )}
        </>
      )}
    </details>
  );
}
