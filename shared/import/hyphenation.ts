const SOFT_HYPHEN = '\u00ad';
const WORD = /[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*/gu;
const TRAILING_HYPHENATED_WORD = /([\p{L}\p{M}]+)[-‐]$/u;
const LEADING_WORD = /^[\p{L}\p{M}]+/u;
const STARTS_LOWERCASE = /^\p{Ll}/u;

/** The words of a document (lowercased), used to tell a line-end hyphenation from a compound word. */
export class Vocabulary {
  private readonly words: readonly string[];

  constructor(text: string) {
    const words = new Set<string>();
    for (const match of text.replaceAll(SOFT_HYPHEN, '').toLowerCase().matchAll(WORD)) words.add(match[0].replace('‐', '-'));
    // Sorted, so the words starting with a given stem sit together and are found by bisection.
    this.words = [...words].sort();
  }

  /** True if the word, or an inflection that starts with it ("socio-économique" → "…iques"), occurs. */
  knows(word: string): boolean {
    const wanted = word.toLowerCase();
    for (let index = this.firstAtOrAfter(wanted); index < this.words.length; index++) {
      const known = this.words[index] as string;
      if (!known.startsWith(wanted)) return false;
      if (known.length - wanted.length <= 2) return true;
    }
    return false;
  }

  private firstAtOrAfter(wanted: string): number {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.words[middle] as string) < wanted) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** How two wrapped lines are glued: with a space, directly, or with a line-end hyphen kept. */
export interface LineJoin {
  readonly text: string;
  /** Set when a hard hyphen was kept at a line end without any evidence either way. */
  readonly doubtfulWord?: string;
}

/**
 * Joins a wrapped line to the next one. A soft hyphen (U+00AD) at the end is typesetting and goes.
 * A hard hyphen followed by a lowercase letter is either end-of-line hyphenation ("déve-/loppement")
 * or a compound cut at its hyphen ("socio-/économique"); the document's own words decide, and when
 * they do not the hyphen stays: dropping a real hyphen changes the word, keeping a spurious one
 * is easy to spot.
 */
export function joinWrappedLines(before: string, after: string, vocabulary: Vocabulary): LineJoin {
  const head = before.trimEnd();
  const tail = after.trimStart();
  if (head.endsWith(SOFT_HYPHEN)) return { text: head.slice(0, -1) + tail };
  const hyphenated = TRAILING_HYPHENATED_WORD.exec(head);
  const next = LEADING_WORD.exec(tail);
  if (hyphenated === null || next === null || !STARTS_LOWERCASE.test(tail)) return { text: `${head} ${tail}` };
  const left = hyphenated[1] as string;
  const right = next[0];
  const keepHyphen = { text: head + tail };
  if (vocabulary.knows(`${left}-${right}`)) return keepHyphen;
  if (vocabulary.knows(left + right)) return { text: head.slice(0, -1) + tail };
  return { ...keepHyphen, doubtfulWord: `${left}-${right}` };
}

/** Removes soft hyphens left inside lines: they are invisible and break search and comparison. */
export function removeSoftHyphens(text: string): string {
  return text.replaceAll(SOFT_HYPHEN, '');
}
