/** Interface languages the names are given in. */
export type NamingLanguage = 'en' | 'fr' | 'vi';

/**
 * What a delegation is called, by the language it writes: a delegation is named after its
 * country, not its language ("đoàn Việt Nam", not "đoàn tiếng Việt"), and French agrees the
 * adjective ("délégation française"). Lower case, as the name reads mid-sentence.
 */
const DELEGATION_NAMES: Readonly<Record<NamingLanguage, Readonly<Record<string, string>>>> = {
  en: { fr: 'French delegation', vi: 'Vietnamese delegation', ja: 'Japanese delegation', en: 'English-speaking delegation' },
  fr: { fr: 'délégation française', vi: 'délégation vietnamienne', ja: 'délégation japonaise', en: 'délégation anglophone' },
  vi: { fr: 'đoàn Pháp', vi: 'đoàn Việt Nam', ja: 'đoàn Nhật Bản', en: 'đoàn nói tiếng Anh' },
};

/** For a language the table does not know: "<language> delegation", with the language named in the interface language. */
const FALLBACK: Readonly<Record<NamingLanguage, (language: string) => string>> = {
  en: (language) => `${language} delegation`,
  fr: (language) => `délégation (${language})`,
  vi: (language) => `đoàn ${language}`,
};

/** The delegation that writes `lang`, named in the interface language `ui` (the secretariat too). */
export function delegationName(lang: string, ui: NamingLanguage): string {
  return DELEGATION_NAMES[ui][lang] ?? FALLBACK[ui](languageName(lang, ui));
}

/** A language's name in the interface language, as it reads mid-sentence ("français", "tiếng Pháp"); the code if unknown. */
export function languageName(lang: string, ui: NamingLanguage): string {
  let name = lang;
  try {
    name = new Intl.DisplayNames([ui], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
  // Vietnamese names begin with "Tiếng", capitalised alone but not inside a sentence.
  return ui === 'vi' ? name.replace(/^Tiếng /u, 'tiếng ') : name;
}
