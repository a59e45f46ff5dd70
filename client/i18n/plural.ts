import type { MessageKey, UiLanguage } from './messages';

/** A message that depends on a number: its forms are the keys `<base>_one`, `<base>_other`, … */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/**
 * The key of the form of `base` that `count` takes in `lang` (CLDR plural rules: French says
 * "0 objection", "1 objection", "2 objections"; Vietnamese has one form). A category the
 * catalogue does not spell out falls back to `other`.
 */
export function pluralKey(lang: UiLanguage, base: PluralBase, count: number, has: (key: string) => boolean): MessageKey {
  const category = new Intl.PluralRules(lang).select(count);
  const key = `${base}_${category}`;
  return (has(key) ? key : `${base}_other`) as MessageKey;
}

/** `count` written as the language writes numbers (1 234 in French, 1.234 in Vietnamese). */
export function formatCount(lang: UiLanguage, count: number): string {
  return new Intl.NumberFormat(lang).format(count);
}
