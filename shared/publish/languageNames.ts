/** A language's name in that language ("Tiếng Việt", "日本語"), capitalised as a heading; the code if unknown. */
export function nativeLanguageName(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

/**
 * A day, given as `YYYY-MM-DD` or as an ISO 8601 instant, written out as the language writes it
 * in a document (UTC): "13 avril 2023", "April 13, 2023", "13 tháng 4 năm 2023"; the string as
 * given if it is not a date.
 */
export function formatDate(date: string, lang: string): string {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/u.test(date) ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(at.getTime())) return date;
  try {
    // Vietnamese documents write "ngày 13 tháng 4 năm 2023"; Intl's long form puts a comma before the year.
    if (lang === 'vi' || lang.startsWith('vi-')) return `${at.getUTCDate()} tháng ${at.getUTCMonth() + 1} năm ${at.getUTCFullYear()}`;
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  } catch {
    return date;
  }
}
