import { toNfc } from '../text/nfc.js';

/**
 * Folds the typographic variants that do not change meaning: NFKC turns the French
 * non-breaking spaces (U+00A0, U+202F) into plain spaces, full-width digits and letters
 * (`１２`, `（ａ）`) into ASCII and circled numbers into digits, so every rule downstream
 * sees one spelling.
 */
export function normalizeText(text: string): string {
  return toNfc(text).normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

// Letters NFD does not decompose but that readers treat as their base letter.
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  đ: 'd',
  Đ: 'D',
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
};

/** Lower-cases and strips diacritics, so `Hanoï`, `Hà Nội` and `HANOI` compare equal once joined. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐœŒæÆßøØłŁ]/gu, (ch) => UNDECOMPOSED[ch] ?? ch)
    .toLowerCase();
}

/** Counts the characters that carry content (no whitespace): works for Japanese, which has no spaces. */
export function countContentChars(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Low surrogates are the second half of one character already counted.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f || code === 0x3000) continue;
    count++;
  }
  return count;
}

/**
 * Weight of one character of a script whose characters carry a syllable or a word (Han, kana,
 * Hangul) in units of Latin characters: a Japanese text has about 2.5 times fewer characters
 * than its French or English translation. Weighting them puts every pair of languages near a
 * ratio of one, so a short date line and a long paragraph are priced alike in every pairing.
 */
export const DENSE_SCRIPT_WEIGHT = 2.5;

/** The length Gale & Church compare: content characters, dense-script ones weighted (see above). */
export function measureLength(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f || code === 0x3000) continue;
    units += isDense(code) ? DENSE_SCRIPT_WEIGHT : 1;
  }
  return units;
}

// Hiragana, katakana, CJK ideographs (and extension A, compatibility), Hangul syllables;
// surrogate pairs (rare ideographs) count as dense as well.
function isDense(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xd840 && code <= 0xd87f)
  );
}
