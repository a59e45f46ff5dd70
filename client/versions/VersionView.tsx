import { useEffect, useState } from 'react';
import type { CanonicalText } from '../../shared/compare/canonical';
import { useI18n } from '../i18n/i18n';
import { RaisedText } from './RaisedText';
import type { Api, VersionEntry } from '../app/api';

/** A version, read-only, side by side as in the editor. */
export function VersionView({ api, id, version, navigate }: { api: Api; id: string; version: number; navigate: (p: string) => void }) {
  const { t, lang: uiLang } = useI18n();
  const names = new Intl.DisplayNames([uiLang], { type: 'language' });
  const [data, setData] = useState<{ meta: VersionEntry; text: CanonicalText } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.readVersion(id, version).then(setData, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, id, version]);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>{t('loading')}</p>;
  const { text, meta } = data;
  return (
    <section className="version-view">
      <p>
        <a href={`/d/${id}`} onClick={(e) => (e.preventDefault(), navigate(`/d/${id}`))}>
          ← {text.title}
        </a>
      </p>
      <h1>{t('versionTitle', { n: String(meta.version), label: meta.label })}</h1>
      <p className="muted">
        {meta.by} · {new Intl.DateTimeFormat(uiLang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(meta.at))} · {t('readOnlyVersion')}
      </p>
      <div className="static-rows" style={{ ['--columns' as string]: text.languages.length }}>
        {text.languages.map((l) => (
          <div key={l} className="static-header">
            <strong>{names.of(l) ?? l}</strong> <code>{l}</code>
          </div>
        ))}
        {text.rows.map((row) =>
          text.languages.map((l) => (
            <div key={`${row.id}:${l}`} className="static-cell" lang={l} data-row={row.id}>
              {(row.cells[l] ?? []).length === 0 ? (
                <span className="row-slot static">{t('notYetTranslated')}</span>
              ) : (
                row.cells[l]!.map((c) => (
                  <p key={c.pid}>
                    <RaisedText text={c.text} spans={c.superscripts} />
                  </p>
                ))
              )}
            </div>
          )),
        )}
      </div>
    </section>
  );
}
