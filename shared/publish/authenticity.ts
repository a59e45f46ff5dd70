/**
 * The statement that every language version is equally authentic, in each text's own language,
 * so each delegation reads it in the words it signs. Languages not listed fall back to English.
 */
const STATEMENTS: Readonly<Record<string, string>> = {
  fr: 'Toutes les versions linguistiques du présent texte font également foi.',
  vi: 'Các văn bản bằng các ngôn ngữ của văn kiện này có giá trị như nhau.',
  ja: '本文書の各言語版はひとしく正文とする。',
  en: 'All language versions of this text are equally authentic.',
};

/** The equal-authenticity statement in one language (English when Accord has no wording for it). */
export function authenticityStatement(lang: string): string {
  return STATEMENTS[lang] ?? STATEMENTS[lang.split('-')[0]!] ?? STATEMENTS.en!;
}

/** The statement once per language of the declaration, in column order, without repeats. */
export function authenticityStatements(languages: readonly string[]): { lang: string; text: string }[] {
  const seen = new Set<string>();
  const out: { lang: string; text: string }[] = [];
  for (const lang of languages) {
    const text = authenticityStatement(lang);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ lang: STATEMENTS[lang] || STATEMENTS[lang.split('-')[0]!] ? lang : 'en', text });
  }
  return out;
}
