import { toNfc } from '../text/nfc.js';
import { joinWrappedLines, removeSoftHyphens, Vocabulary } from './hyphenation.js';
import { tidySpaces, toCleanLines } from './lines.js';
import { noTextFailure, validateText, type ImportResult } from './limits.js';
import { NUMBERED_LINE, scanFurniture, SENTENCE_END } from './pdfFurniture.js';
import type { ImportedBlock, ImportedDocument } from './types.js';

/** A run of text lines between two gaps, and what the gap before it looked like. */
interface RawBlock {
  lines: string[];
  /** The gap before this block looked like a page break (furniture, tabs or several blank lines). */
  readonly afterPageBreak: boolean;
}

const STARTS_LOWERCASE = /^\p{Ll}/u;
// "a) …", "b. …", "- …", "• …": list items start a paragraph even in lowercase.
const LIST_MARKER = /^(?:\p{Ll}[).]\s|[-–—•·*◦▪‣]\s|[•◦▪‣])/u;
/** A line a PDF list sets with a bullet: each its own paragraph. */
const BULLET_LINE = /^(?:[-–—•·*◦▪‣]\s|[•◦▪‣]\S)/u;
/** `1) Le contexte`: a numbered heading in the "1)" style. */
const PAREN_NUMBERED_LINE = /^\d{1,2}\)\s/u;
/** A photo caption (`Photo : …`, `Ảnh: …`, `写真：…`): a paragraph of its own, never glued to the text. */
export const CAPTION_LINE = /^(?:photo|crédit photo|photo credit|ảnh|hình|写真|図)\s*[:：]/iu;
/** A heading line is short and does not end a sentence. */
const MAX_HEADING_LINE = 90;
const MAX_HEADING_LENGTH = 150;
// A line this close to the usual width ran to the right margin, so its sentence goes on.
const FULL_LINE_RATIO = 0.75;

/**
 * Reads text pasted from a PDF: rejoins wrapped lines and hyphenated words, drops page furniture
 * (blank/tab lines, page numbers, running headers), rejoins paragraphs split by a page break,
 * keeps headings and "1." / "3.2." numbering; output is NFC.
 */
export function parsePdfPaste(text: string): ImportResult<ImportedDocument> {
  const valid = validateText(text);
  if (!valid.ok) return valid;
  const lines = toCleanLines(text);
  const scan = scanFurniture(lines);
  const rawBlocks = rejoinPageBreaks(splitNumberedLines(groupTextLines(lines, scan.furniture)));
  const vocabulary = new Vocabulary(lines.join('\n'));
  const doubtful: string[] = [];
  const blocks = rawBlocks.flatMap((raw) => toBlocks(raw.lines, vocabulary, doubtful));
  if (blocks.length === 0) return noTextFailure();
  return { ok: true, value: { blocks, warnings: describeCleanup(scan.droppedHeaders, scan.droppedPageNumbers, doubtful) } };
}

/** Cuts the lines into blocks at gaps; furniture lines are part of the gap they sit in. */
function groupTextLines(lines: readonly string[], furniture: readonly (string | undefined)[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  let gapLines = 0;
  let gapHasFurniture = false;
  lines.forEach((line, index) => {
    const kind = furniture[index];
    if (kind !== undefined) {
      current = undefined;
      gapLines++;
      // A tab-only line is what a page boundary leaves behind in pastes from Word-made PDFs.
      gapHasFurniture ||= kind !== 'blank' || line.includes('\t');
      return;
    }
    if (current === undefined) {
      current = { lines: [], afterPageBreak: blocks.length > 0 && (gapHasFurniture || gapLines >= 2) };
      blocks.push(current);
      gapLines = 0;
      gapHasFurniture = false;
    }
    current.lines.push(line);
  });
  return blocks;
}

/**
 * Splits a block where a line starts a new paragraph without a blank line before it: a numbered
 * line after a finished sentence, or the text after an all-capitals title line.
 */
function splitNumberedLines(blocks: readonly RawBlock[]): RawBlock[] {
  return blocks.flatMap((block) => {
    const parts: RawBlock[] = [{ lines: [], afterPageBreak: block.afterPageBreak }];
    let onlyCapitals = true;
    block.lines.forEach((line, index) => {
      const previous = block.lines[index - 1];
      const trimmed = line.trim();
      const before = previous?.trim() ?? '';
      const startsParagraph =
        previous !== undefined &&
        ((NUMBERED_LINE.test(trimmed) && SENTENCE_END.test(before)) ||
          (onlyCapitals && !isAllCaps(line)) ||
          BULLET_LINE.test(trimmed) ||
          PAREN_NUMBERED_LINE.test(trimmed) ||
          CAPTION_LINE.test(trimmed) ||
          CAPTION_LINE.test(before) ||
          // The line after a "1) Heading" line, or after a caption, is body text of its own.
          (PAREN_NUMBERED_LINE.test(before) && isHeadingLine(before) && /^\p{Lu}/u.test(trimmed)));
      if (startsParagraph) parts.push({ lines: [line], afterPageBreak: false });
      else (parts[parts.length - 1] as RawBlock).lines.push(line);
      onlyCapitals = startsParagraph ? false : onlyCapitals && isAllCaps(line);
    });
    return parts;
  });
}

/** Glues back the two halves of a paragraph that a page break cut in two. */
function rejoinPageBreaks(blocks: readonly RawBlock[]): RawBlock[] {
  const width = typicalLineWidth(blocks);
  const joined: RawBlock[] = [];
  for (const block of blocks) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && continuesParagraph(previous, block, width)) previous.lines.push(...block.lines);
    else joined.push({ lines: [...block.lines], afterPageBreak: block.afterPageBreak });
  }
  return joined;
}

/**
 * The text before the gap must leave its sentence open (no final . : ; ! ? » ./), and either the
 * text after it goes on in lowercase, or the gap is a page break and the last line before it ran
 * to the margin. Titles and numbered paragraphs always start afresh.
 */
function continuesParagraph(before: RawBlock, after: RawBlock, typicalWidth: number): boolean {
  const lastLine = tidySpaces(before.lines[before.lines.length - 1] ?? '');
  const firstLine = tidySpaces(after.lines[0] ?? '');
  if (SENTENCE_END.test(lastLine) || isHeadingBlock(before.lines)) return false;
  if (NUMBERED_LINE.test(firstLine) || LIST_MARKER.test(firstLine) || isHeadingBlock(after.lines)) return false;
  if (PAREN_NUMBERED_LINE.test(firstLine) || CAPTION_LINE.test(firstLine) || CAPTION_LINE.test(tidySpaces(before.lines[0] ?? ''))) return false;
  if (STARTS_LOWERCASE.test(firstLine)) return true;
  return after.afterPageBreak && lastLine.length >= FULL_LINE_RATIO * typicalWidth;
}

/** The median length of lines that wrapped (were followed by another line of their block). */
function typicalLineWidth(blocks: readonly RawBlock[]): number {
  const widths = blocks
    .flatMap((block) => block.lines.slice(0, -1))
    .map((line) => tidySpaces(line).length)
    .sort((a, b) => a - b);
  return widths[Math.floor(widths.length / 2)] ?? Number.POSITIVE_INFINITY;
}

function toBlocks(lines: readonly string[], vocabulary: Vocabulary, doubtful: string[]): ImportedBlock[] {
  // Removing a soft hyphen can put an accent right after its letter: compose again.
  const text = toNfc(tidySpaces(removeSoftHyphens(joinLines(lines, vocabulary, doubtful))));
  if (text.length === 0) return [];
  if (isHeadingBlock(lines)) return [{ text, kind: 'heading', level: 1 }];
  if (CAPTION_LINE.test(text)) return [{ text, kind: 'paragraph', caption: true }];
  return [{ text, kind: 'paragraph' }];
}

function joinLines(lines: readonly string[], vocabulary: Vocabulary, doubtful: string[]): string {
  let text = tidySpaces(lines[0] ?? '');
  for (const line of lines.slice(1)) {
    const join = joinWrappedLines(text, tidySpaces(line), vocabulary);
    if (join.doubtfulWord !== undefined) doubtful.push(join.doubtfulWord);
    text = join.text;
  }
  return text;
}

/** A title in a PDF is usually set in capitals: "DECLARATION FINALE", "TUYÊN BỐ CHUNG". */
function isHeadingBlock(lines: readonly string[]): boolean {
  return lines.every(isAllCaps) && lines.join(' ').length <= MAX_HEADING_LENGTH;
}

function isHeadingLine(line: string): boolean {
  return line.length <= MAX_HEADING_LINE && !SENTENCE_END.test(line);
}

function isAllCaps(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && line === line.toUpperCase() && line !== line.toLowerCase();
}

function describeCleanup(headers: readonly string[], pageNumbers: number, doubtful: readonly string[]): string[] {
  const warnings = headers.map((header) => `dropped a running header repeated on several pages: "${header}"`);
  if (pageNumbers > 0) warnings.push(`dropped ${pageNumbers} page number${pageNumbers === 1 ? '' : 's'}`);
  for (const word of doubtful) warnings.push(`kept the hyphen of "${word}" at a line end; check the word`);
  return warnings;
}
