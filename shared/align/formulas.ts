import { measureLength } from './normalize.js';

/**
 * The salutation and the complimentary close of a letter are substituted, not translated:
 * `Veuillez agréer, Madame, l’expression de notre haute considération.` is `Trân trọng./.`
 * and `敬具`, `Madame,` is `拝啓`. Their lengths say nothing about each other, and each side
 * of a letter has one of each, so they are found here as formulas: left out of the length a
 * paragraph is compared by, and paired with the other side's formula of the same kind.
 */
export type FormulaKind = 'opening' | 'closing';

export interface Formula {
  readonly kind: FormulaKind;
  /** The formula as written, for the reviewer. */
  readonly text: string;
  /** Its length in the units of measureLength. */
  readonly length: number;
}

// A Latin-script formula stands at the start of the paragraph or of a sentence (a merged paragraph).
const START = String.raw`(?:^|(?<=[.!?]\s))`;
// `Madame,` `Madame, Monsieur,` `Dear Madam,` `Chers collègues,` `Kính thưa Bà,`: a short address ending in a comma or colon.
const ADDRESS = String.raw`(?:Madame|Monsieur|Mesdames|Messieurs|Chère|Cher|Chères|Chers|Dear|Kính thưa|Thưa)(?:\s[^.!?:;,]{1,40})?`;
const LATIN_OPENING = new RegExp(String.raw`${START}${ADDRESS}(?:,\s${ADDRESS})*[,:!](?=\s|$)`, 'gu');
// `Veuillez agréer … considération.`, `Je vous prie d’agréer …`, and the short closes, up to the sentence's end.
const LATIN_CLOSING = new RegExp(
  String.raw`${START}(?:(?:Veuillez|Je vous prie d[e’']|Nous vous prions d[e’']|Daignez)\s?(?:bien vouloir\s)?agréer|Agréez|Recevez)[^.!?]*[.!]?` +
    String.raw`|${START}(?:Bien cordialement|Cordialement|Bien à vous|(?:Sincères|Meilleures) salutations|Salutations distinguées|Yours (?:sincerely|faithfully|truly)|Sincerely(?: yours)?|(?:With )?(?:Kind|Best|Warm) regards|Respectfully(?: yours)?|Trân trọng|Kính thư)(?:[,.!/]+(?=\s|$)|$)`,
  'gu',
);
// Japanese letter formulas are words of their own, found anywhere (a merged paragraph ends with `敬具`).
const JAPANESE_OPENING = /拝啓|謹啓|拝復|前略/gu;
const JAPANESE_CLOSING = /敬具|敬白|謹白|草々/gu;

/** The letter formulas of a normalized paragraph text, in no particular order. */
export function findFormulas(text: string): Formula[] {
  const found: Formula[] = [];
  const take = (kind: FormulaKind, pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) found.push({ kind, text: match[0], length: measureLength(match[0]) });
  };
  take('opening', LATIN_OPENING);
  take('closing', LATIN_CLOSING);
  take('opening', JAPANESE_OPENING);
  take('closing', JAPANESE_CLOSING);
  return found;
}
