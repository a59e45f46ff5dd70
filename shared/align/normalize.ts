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
  đ: 'd', Đ: 'D', œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
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
