import { useEffect, useState, type FormEvent } from 'react';
import type { DeclarationSummary } from '../../shared/model/declaration';
import { useI18n } from '../i18n/i18n';
import type { Api, Me } from './api';

export function DeclarationList({ api, me, onOpen, onImport }: { api: Api; me: Me; onOpen: (id: string) => void; onImport: () => void }) {
  const { t } = useI18n();
  const [list, setList] = useState<DeclarationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [languages, setLanguages] = useState('fr, vi');

  useEffect(() => {
    api.listDeclarations().then(setList, (e: unknown) => setError(String(e)));
  }, [api]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const langs = languages.split(/[\s,]+/).filter(Boolean);
      const { id } = await api.createDeclaration(title, langs);
      onOpen(id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="declaration-list">
      <h1>{t('declarations')}</h1>
      {list === null ? (
        <p>{t('loading')}</p>
      ) : list.length === 0 ? (
        <p>{t('noDeclarations')}</p>
      ) : (
        <ul>
          {list.map((d) => (
            <li key={d.id}>
              <a
                href={`/d/${d.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(d.id);
                }}
              >
                {d.title}
              </a>{' '}
              <span className="languages">{d.languages.join(' | ')}</span>
            </li>
          ))}
        </ul>
      )}
      {/* A secretariat invitation belongs to one declaration: only the main secretariat token creates. */}
      {me.role.kind === 'secretariat' && me.declarationId === null && (
        <p>
          <a
            href="/import"
            onClick={(e) => {
              e.preventDefault();
              onImport();
            }}
          >
            {t('importDrafts')}
          </a>
        </p>
      )}
      {me.role.kind === 'secretariat' && me.declarationId === null && (
        <form className="new-declaration" onSubmit={create}>
          <h2>{t('newDeclaration')}</h2>
          <label>
            {t('title')}
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
          </label>
          <label>
            {t('languages')}
            <input value={languages} onChange={(e) => setLanguages(e.target.value)} required />
          </label>
          <button type="submit">{t('create')}</button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {t('errorPrefix')}: {error}
        </p>
      )}
    </section>
  );
}
