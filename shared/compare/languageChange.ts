import type { WordChange } from './comparison.js';

/** How one language's text of a row went from one version to the other. */
export type LanguageChange = 'absent' | 'added' | 'removed' | 'changed' | 'unchanged';

/** Reads how one language of a row changed from its word list alone. */
export function classifyLanguageChange(words: readonly WordChange[]): LanguageChange {
  const before = words.some((word) => word.op !== 'insert' && hasText(word.text));
  const after = words.some((word) => word.op !== 'delete' && hasText(word.text));
  if (!before && !after) return 'absent';
  if (!before) return 'added';
  if (!after) return 'removed';
  return words.some((word) => word.op !== 'equal') ? 'changed' : 'unchanged';
}

/**
 * Sorts a row's languages into those whose text changed (added, removed or edited) and those
 * with the same text in both versions; languages without text in either are in neither. Read on
 * the plain text, as staleness is: a word only raised differently (1er → 1ᵉʳ) leaves its
 * translation as good as it was.
 */
export function splitLanguagesByChange(words: Readonly<Record<string, readonly WordChange[]>>): { changed: string[]; unchanged: string[] } {
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const [lang, list] of Object.entries(words)) {
    const change = classifyLanguageChange(plainWords(list));
    if (change === 'unchanged') unchanged.push(lang);
    else if (change !== 'absent') changed.push(lang);
  }
  return { changed, unchanged };
}

/** The cross-language check: some language changed while another kept the same text. */
export function isOutOfStep(words: Readonly<Record<string, readonly WordChange[]>>): boolean {
  const { changed, unchanged } = splitLanguagesByChange(words);
  return changed.length > 0 && unchanged.length > 0;
}

/** The words as plain text: a formatting change reads as the unchanged words it is. */
function plainWords(words: readonly WordChange[]): readonly WordChange[] {
  if (!words.some((word) => word.formatting)) return words;
  return words.flatMap((word): WordChange[] => {
    if (!word.formatting) return [word];
    return word.op === 'delete' ? [] : [{ op: 'equal', text: word.text }];
  });
}

// Spaces and paragraph breaks alone are not text: a row holding only them has no translation yet.
function hasText(text: string): boolean {
  return /\S/u.test(text);
}
