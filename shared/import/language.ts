/** The languages the offline heuristic can tell apart. */
export type DetectedLanguage = 'fr' | 'vi' | 'ja' | 'en' | 'unknown';

/** A guess and how sure it is, from 0 (no evidence) to 1. */
export interface LanguageGuess {
  readonly lang: DetectedLanguage;
  readonly confidence: number;
}

// Letters Vietnamese uses and French/English never do: ơ ư đ ă, the tones French lacks, and the
// whole Latin Extended Additional block (ạ ả ấ … ỹ) that exists for Vietnamese.
const VIETNAMESE_LETTER = /[ơưđăáíóúýìòãõĩũ\u1ea0-\u1ef9]/gu;
// Letters French has and Vietnamese does not (é è à ê â ô ù are shared, so they only count a little).
const FRENCH_ONLY_LETTER = /[çœæëïîûÿ]/gu;
const SHARED_ACCENT = /[éèàêâôù]/gu;
const KANA = /[\u3040-\u30ff\uff66-\uff9f]/gu;
const KANJI = /[\u4e00-\u9fff\u3400-\u4dbf]/gu;
const WORD = /[\p{L}]+(?:['’][\p{L}]+)?/gu;
const FRENCH_ELISION = /^(?:l|d|qu|n|s|j|c|m|t)['’]/u;

// Frequent words that are unambiguous between the two (no "on", "an", "as", "a", "en", "plus").
const FRENCH_WORDS = new Set(
  'le la les des du de et est un une pour que qui dans nous vous avec sur par au aux ce cette ces son sa ses leur leurs pas ne il elle ils elles sont été être où entre comme ainsi notre nos'.split(
    ' ',
  ),
);
const ENGLISH_WORDS = new Set(
  'the and of to is in that for with we our this are be by it from at which have has will not their its was were or these those been'.split(' '),
);

// Scores are in "pieces of evidence"; this many make a guess fully confident.
const CONFIDENT_EVIDENCE = 6;

/** Guesses the language of a text from its letters and most frequent words, offline and cheaply. */
export function detectLanguage(text: string): LanguageGuess {
  const scores = scoreLanguages(text.normalize('NFC').toLowerCase());
  const ranked = (Object.entries(scores) as [Exclude<DetectedLanguage, 'unknown'>, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < 1) return { lang: 'unknown', confidence: 0 };
  const total = ranked.reduce((sum, [, score]) => sum + score, 0);
  const margin = best[1] / total;
  const amount = Math.min(1, best[1] / CONFIDENT_EVIDENCE);
  // A tie means we cannot tell.
  if (second !== undefined && second[1] === best[1]) return { lang: 'unknown', confidence: 0 };
  return { lang: best[0], confidence: round(margin * amount) };
}

function scoreLanguages(lower: string): Record<Exclude<DetectedLanguage, 'unknown'>, number> {
  const words = lower.match(WORD) ?? [];
  const frenchWords = words.filter((word) => FRENCH_WORDS.has(word) || FRENCH_ELISION.test(word)).length;
  const englishWords = words.filter((word) => ENGLISH_WORDS.has(word)).length;
  return {
    vi: 3 * count(lower, VIETNAMESE_LETTER),
    ja: 3 * count(lower, KANA) + 2 * count(lower, KANJI),
    fr: frenchWords + count(lower, FRENCH_ONLY_LETTER) + 0.5 * count(lower, SHARED_ACCENT),
    en: englishWords,
  };
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
