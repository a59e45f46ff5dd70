import { isBlankLine, tidySpaces } from './lines.js';

/** Why a line of a PDF paste is not text: an empty/tab line, a page number or a running header. */
export type FurnitureKind = 'blank' | 'pageNumber' | 'runningHeader';

/** Per-line verdict (undefined = real text) and what was dropped, for the warnings. */
export interface FurnitureScan {
  readonly furniture: readonly (FurnitureKind | undefined)[];
  readonly droppedHeaders: readonly string[];
  readonly droppedPageNumbers: number;
}

// "12", "- 12 -", "Page 3", "p. 3", "3/10", "Page 3 of 10", "Trang 3", "3 sur 10".
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:(?:page|p\.|trang|ページ)\s*)?\d{1,4}(?:\s*(?:\/|of|sur|de|trên)\s*\d{1,4})?(?:\s*[-–—])?$/i;
/** A numbered paragraph ("3.2. Considérant …", "4.  Au regard …"): text, never furniture. */
export const NUMBERED_LINE = /^\d{1,3}(?:\.\d{1,3})*\.\s/;
const MAX_HEADER_LENGTH = 100;
/** Text that closes a sentence (or a declaration: "./."), so what follows starts a new paragraph. */
export const SENTENCE_END = /(?:[.:;!?»…]|\.\/\.?)["”’)\]]*$/;

/** Finds the lines of a PDF paste that belong to the page, not to the text. */
export function scanFurniture(lines: readonly string[]): FurnitureScan {
  const furniture: (FurnitureKind | undefined)[] = lines.map((line) => (isBlankLine(line) ? 'blank' : undefined));
  let droppedPageNumbers = 0;
  lines.forEach((_line, index) => {
    if (furniture[index] === undefined && isPageNumber(lines, index)) {
      furniture[index] = 'pageNumber';
      droppedPageNumbers++;
    }
  });
  const droppedHeaders = findRunningHeaders(lines, furniture);
  lines.forEach((line, index) => {
    if (furniture[index] === undefined && droppedHeaders.includes(tidySpaces(line))) furniture[index] = 'runningHeader';
  });
  return { furniture, droppedHeaders, droppedPageNumbers };
}

/** A bare number is a page number only next to a gap: "… lần thứ\n12\nvà …" is a wrapped sentence. */
function isPageNumber(lines: readonly string[], index: number): boolean {
  if (!PAGE_NUMBER.test(tidySpaces(lines[index] ?? ''))) return false;
  return isGapOrEdge(lines[index - 1]) || isGapOrEdge(lines[index + 1]);
}

/**
 * A running header (or footer) is a short line that stands apart from the text around it and comes
 * back identically on several pages. One-line paragraphs also stand apart, but a declaration does
 * not repeat one word for word. A line touching text on one side is only a header when seen three
 * times and not ending a sentence: the short last line of a paragraph ("pays.") may well repeat.
 */
function findRunningHeaders(lines: readonly string[], furniture: readonly (FurnitureKind | undefined)[]): string[] {
  const seen = new Map<string, { isolated: number; halfIsolated: number }>();
  lines.forEach((line, index) => {
    if (furniture[index] !== undefined) return;
    const key = tidySpaces(line);
    if (key.length < 3 || key.length > MAX_HEADER_LENGTH || NUMBERED_LINE.test(key)) return;
    const before = isGapOrEdge(previousText(lines, furniture, index));
    const after = isGapOrEdge(nextText(lines, furniture, index));
    if (!before && !after) return;
    const count = seen.get(key) ?? { isolated: 0, halfIsolated: 0 };
    if (before && after) count.isolated++;
    else count.halfIsolated++;
    seen.set(key, count);
  });
  return [...seen]
    .filter(([key, { isolated, halfIsolated }]) => isolated >= 2 || (isolated + halfIsolated >= 3 && !SENTENCE_END.test(key)))
    .map(([key]) => key);
}

function previousText(lines: readonly string[], furniture: readonly (FurnitureKind | undefined)[], index: number): string | undefined {
  // Page numbers already found count as a gap, so "Header\n3\n\ntext" still stands apart.
  return furniture[index - 1] === 'pageNumber' ? '' : lines[index - 1];
}

function nextText(lines: readonly string[], furniture: readonly (FurnitureKind | undefined)[], index: number): string | undefined {
  return furniture[index + 1] === 'pageNumber' ? '' : lines[index + 1];
}

function isGapOrEdge(line: string | undefined): boolean {
  return line === undefined || isBlankLine(line);
}
