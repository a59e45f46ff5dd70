import { parseLanguageCode, type DeclarationId, type LanguageCode } from './ids.js';
import { fail, ok, type Result } from './result.js';
import { toNfc } from '../text/nfc.js';

/** What the catalogue knows of a declaration; its text lives in the Yjs document. */
export interface DeclarationSummary {
  readonly id: DeclarationId;
  readonly title: string;
  /** Column order, left to right. */
  readonly languages: readonly LanguageCode[];
}

export interface NewDeclaration {
  readonly title: string;
  readonly languages: readonly LanguageCode[];
}

export const MIN_LANGUAGES = 2;
export const MAX_LANGUAGES = 4;
export const MAX_TITLE_LENGTH = 300;

/** The Yjs map where the server publishes declaration facts clients follow live (`languages`). */
export const META_MAP = 'meta';

/** The Yjs `XmlFragment` that holds one language's text. */
export function textFragmentName(lang: LanguageCode): string {
  return `text:${lang}`;
}

/** Validates the body of `POST /api/declarations`. */
export function parseNewDeclaration(body: unknown): Result<NewDeclaration> {
  if (typeof body !== 'object' || body === null) return fail('expected a JSON object');
  const { title, languages } = body as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '') return fail('title must be a non-empty string');
  const cleanTitle = toNfc(title.trim());
  if (cleanTitle.length > MAX_TITLE_LENGTH) return fail(`title is longer than ${MAX_TITLE_LENGTH} characters`);
  if (!Array.isArray(languages)) return fail('languages must be an array of language codes');
  if (languages.length < MIN_LANGUAGES || languages.length > MAX_LANGUAGES) {
    return fail(`a declaration has ${MIN_LANGUAGES} to ${MAX_LANGUAGES} languages`);
  }
  const codes: LanguageCode[] = [];
  for (const raw of languages) {
    const code = parseLanguageCode(raw);
    if (!code.ok) return code;
    if (codes.includes(code.value)) return fail(`language "${code.value}" is listed twice`);
    codes.push(code.value);
  }
  return ok({ title: cleanTitle, languages: codes });
}
