import { fillTemplate } from '../compare/labels.js';
import type { DeclarationExport } from './declarationExport.js';
import { formatDate, nativeLanguageName } from './languageNames.js';
import { resolvePublicationStrings, type PublicationStrings } from './publicationLabels.js';
import { keyLabel } from './signature.js';

/**
 * The words around the text of a printed declaration (PDF, DOCX): every language of the text
 * gets its own dates and signature lines, in its words and its way of writing a date, so no
 * reader meets a raw timestamp or another language's labels. A language Accord has no wording
 * in yet (Japanese) gets the English wording.
 */

/** One line in one language. */
export interface LabelledLine {
  readonly lang: string;
  readonly text: string;
}

/** The dates of the text (frozen, published), or "draft", once per language of the text. */
export function documentDateLines(exp: DeclarationExport): LabelledLine[] {
  return exp.languages.map((lang) => {
    const words = resolvePublicationStrings(lang);
    const dates =
      exp.date === null
        ? [words.draft]
        : [
            fillTemplate(words.frozenOn, { date: formatDate(exp.date, words.lang) }),
            ...(exp.publication ? [fillTemplate(words.publishedOn, { date: formatDate(exp.publication.publishedAt, words.lang) })] : []),
          ];
    return { lang, text: dates.join(' · ') };
  });
}

/** A heading in every language of the text, each wording once ("Empreinte (SHA-256) · Mã băm (SHA-256)"). */
export function documentHeading(exp: DeclarationExport, pick: (words: PublicationStrings) => string): string {
  return [...new Set(exp.languages.map((lang) => pick(resolvePublicationStrings(lang))))].join(' · ');
}

/** Each language's signatures, or its absence, in that language: "Tiếng Việt: Nguyễn Văn A đã ký văn bản tiếng Việt ngày 14 tháng 5 năm 2025 — Khóa: …". */
export function signatureLines(exp: DeclarationExport, signerText: (name: string) => string = (name) => name): LabelledLine[] {
  return exp.languages.flatMap((lang) => {
    const words = resolvePublicationStrings(lang);
    const own = exp.signatures.filter((s) => s.lang === lang);
    if (own.length === 0) return [{ lang, text: `${nativeLanguageName(lang)}: ${words.unsigned}` }];
    return own.map((s) => {
      const signed = fillTemplate(words.signedBy, {
        signer: signerText(s.signer || words.unnamedSigner),
        language: languageNameIn(lang, words.lang),
        date: formatDate(s.signedAt, words.lang),
      });
      return { lang, text: `${nativeLanguageName(lang)}: ${signed} — ${fillTemplate(words.key, { key: keyLabel(s.publicKey) })}` };
    });
  });
}

/** A language named in another, as it reads mid-sentence ("vietnamien", "tiếng Việt"). */
function languageNameIn(lang: string, inLang: string): string {
  try {
    const name = new Intl.DisplayNames([inLang], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
    return inLang === 'vi' ? name.replace(/^Tiếng /u, 'tiếng ') : name;
  } catch {
    return lang;
  }
}
