import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { UI_LANGUAGES, type MessageKey, type UiLanguage } from './messages';
import type { PluralBase } from './plural';
import { translate, translateCount } from './translate';
import { delegationName, languageName } from './delegations';

const STORAGE_KEY = 'accord.uiLanguage';

interface I18n {
  readonly lang: UiLanguage;
  setLang(lang: UiLanguage): void;
  t(key: MessageKey, params?: Record<string, string>): string;
  /** A message about `count` things, in the form the language uses for that number (`{count}` filled in). */
  tn(base: PluralBase, count: number, params?: Record<string, string>): string;
  /** The delegation that writes `lang` ("délégation française", "đoàn Việt Nam"), as it reads mid-sentence. */
  delegationName(lang: string): string;
  /** A language's name in the interface language, as it reads mid-sentence. */
  languageName(lang: string): string;
  /** Who someone speaks for, from presence or a comment's author: the secretariat, an observer, or a delegation. */
  partyName(delegation: string): string;
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
      t: (key, params) => translate(lang, key, params),
      tn: (base, count, params) => translateCount(lang, base, count, params),
      delegationName: (code) => delegationName(code, lang),
      languageName: (code) => languageName(code, lang),
      partyName: (d) => (d === 'secretariat' ? translate(lang, 'secretariat') : d === 'observer' ? translate(lang, 'observer') : delegationName(d, lang)),
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
