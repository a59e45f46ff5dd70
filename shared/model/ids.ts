import { fail, ok, type Result } from './result.js';

declare const brand: unique symbol;
/** A string that the type checker will not confuse with another kind of string. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type DeclarationId = Brand<string, 'DeclarationId'>;
/** A BCP 47 language tag in its canonical form (`fr`, `vi`, `ja`, `pt-BR`). */
export type LanguageCode = Brand<string, 'LanguageCode'>;
/** The stable id a block carries in its `pid` attribute. */
export type ParagraphId = Brand<string, 'ParagraphId'>;

const DECLARATION_ID = /^[A-Za-z0-9_-]{6,64}$/;

/** Checks the shape of a declaration id taken from a URL. */
export function parseDeclarationId(raw: string): Result<DeclarationId> {
  return DECLARATION_ID.test(raw) ? ok(raw as DeclarationId) : fail('not a declaration id');
}

/** Canonicalises a BCP 47 tag; refuses anything `Intl` does not accept as one. */
export function parseLanguageCode(raw: unknown): Result<LanguageCode> {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 35) return fail('not a language code');
  try {
    const [canonical] = Intl.getCanonicalLocales(raw);
    if (canonical === undefined) return fail('not a language code');
    return ok(canonical as LanguageCode);
  } catch {
    return fail(`"${raw}" is not a BCP 47 language code`);
  }
}
