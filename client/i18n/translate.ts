import { CATALOGUES, en, type MessageKey, type UiLanguage } from './messages';
import { formatCount, pluralKey, type PluralBase } from './plural';

/** The message `key` of catalogue `lang` with its `{name}` placeholders filled in. */
export function translate(lang: UiLanguage, key: MessageKey, params?: Record<string, string>): string {
  let text: string = (CATALOGUES[lang] as Readonly<Record<string, string | undefined>>)[key] ?? en[key];
  for (const [name, v] of Object.entries(params ?? {})) text = text.replace(`{${name}}`, () => v);
  return text;
}

/** `translate` for a count: the plural form `count` takes in `lang`, with `{count}` written in its digits. */
export function translateCount(lang: UiLanguage, base: PluralBase, count: number, params?: Record<string, string>): string {
  const key = pluralKey(lang, base, count, (k) => k in CATALOGUES[lang]);
  return translate(lang, key, { ...params, count: formatCount(lang, count) });
}
