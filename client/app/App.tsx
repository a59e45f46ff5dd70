import { useEffect, useMemo, useState } from 'react';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { UI_LANGUAGES, type UiLanguage } from '../i18n/messages';
import { signIn } from './access';
import { createApi, type Me } from './api';
import { DeclarationList } from './DeclarationList';
import { DeclarationPage } from './DeclarationPage';
import { useRoute } from './useRoute';
import { ImportPage } from './ImportPage';
import { VersionView } from '../versions/VersionView';
import { CompareView } from '../versions/CompareView';

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const [route, navigate] = useRoute();
  const api = useMemo(createApi, []);
  const [me, setMe] = useState<Me | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // Signs in once per page load: the language, route and navigation at that moment decide where to go.
  // biome-ignore lint/correctness/useExhaustiveDependencies: signing in again when they change would re-use the one-time token
  useEffect(() => {
    signIn().then(
      (result) => {
        if (!result.ok) {
          setFailure(result.status === 401 ? (new URL(location.href).search ? t('badToken') : t('needToken')) : t('badToken'));
          return;
        }
        setMe(result.me);
        // An invitation opens one declaration: go straight to it.
        if (result.me.declarationId && route.page === 'list') navigate(`/d/${result.me.declarationId}`);
      },
      (e: unknown) => setFailure(String(e)),
    );
  }, []);

  return (
    <div className="app">
      {/* The declaration page is a workspace with its own slim header. */}
      {route.page !== 'declaration' && (
        <header className="app-header">
          <a
            className="app-name"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            {t('appName')}
          </a>
          <LanguagePicker />
        </header>
      )}
      <main className={route.page === 'declaration' ? 'workspace-main' : undefined}>
        {failure ? (
          <p role="alert">{failure}</p>
        ) : !me ? (
          <p>{t('loading')}</p>
        ) : route.page === 'import' ? (
          <ImportPage api={api} onCreated={(id) => navigate(`/d/${id}`)} />
        ) : route.page === 'version' ? (
          <VersionView api={api} id={route.id} version={route.version} navigate={navigate} />
        ) : route.page === 'compare' ? (
          <CompareView api={api} id={route.id} from={route.from} to={route.to} withId={route.withId} navigate={navigate} />
        ) : route.page === 'declaration' ? (
          <DeclarationPage key={route.id} id={route.id} api={api} me={me} navigate={navigate} languagePicker={<LanguagePicker />} />
        ) : (
          <DeclarationList api={api} me={me} onOpen={(id) => navigate(`/d/${id}`)} onImport={() => navigate('/import')} />
        )}
      </main>
    </div>
  );
}

function LanguagePicker() {
  const { lang, setLang, t } = useI18n();
  const names: Record<UiLanguage, string> = { fr: 'Français', vi: 'Tiếng Việt', en: 'English' };
  return (
    <label className="language-picker">
      <span>{t('interfaceLanguage')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as UiLanguage)}>
        {UI_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
