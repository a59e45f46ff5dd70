/** A language's name in that language ("Tiếng Việt", "日本語"), capitalised as a heading; the code if unknown. */
export function nativeLanguageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

/** A `YYYY-MM-DD` date written out in a language (UTC); the date as given if it cannot be. */
export function formatDate(date: string, lang: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
}
