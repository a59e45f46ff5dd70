import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { CATALOGUES, UI_LANGUAGES, type MessageKey, type UiLanguage } from './messages';

const STORAGE_KEY = 'accord.uiLanguage';

interface I18n {
  readonly lang: UiLanguage;
  setLang(lang: UiLanguage): void;
  t(key: MessageKey, params?: Record<string, string>): string;
}

const I18nContext = createContext<I18n | null>(null);

/** The remembered choice, else the browser's first supported language, else English. */
function initialLanguage(): UiLanguage {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (UI_LANGUAGES as readonly string[]).includes(saved)) return saved as UiLanguage;
  for (const l of navigator.languages) {
    const base = l.slice(0, 2);
    if ((UI_LANGUAGES as readonly string[]).includes(base)) return base as UiLanguage;
  }
  return 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage>(initialLanguage);
  const setLang = useCallback((next: UiLanguage) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => {
        let text: string = CATALOGUES[lang][key];
        for (const [name, v] of Object.entries(params ?? {})) text = text.replace(`{${name}}`, v);
        return text;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
