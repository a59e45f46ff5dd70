import { isBlankLine, groupByBlankLines, toCleanLines } from './lines.js';
import { importFailure, type ImportResult } from './limits.js';
import { parseMarkdown } from './markdown.js';
import { parsePdfPaste } from './pdfPaste.js';
import { scanFurniture, SENTENCE_END } from './pdfFurniture.js';
import { parsePlainText } from './plainText.js';
import type { ImportedDocument } from './types.js';

/** The formats an import can be read as; `docx` is binary and handled by the server. */
export type ImportFormat = 'text' | 'markdown' | 'pdf-paste' | 'docx';
/** The formats `parseImport` reads from text. */
export type TextImportFormat = Exclude<ImportFormat, 'docx'>;

/** What `parseImport` hands back: the document and the format it was read as. */
export interface ParsedImport extends ImportedDocument {
  readonly format: TextImportFormat;
}

/** The input of `parseImport`: the text, the file name it came from if any, and the user's choice if any. */
export interface ImportInput {
  readonly fileName?: string;
  readonly text: string;
  readonly hint?: TextImportFormat;
}

const EXTENSION = /\.([a-z0-9]+)$/i;
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd']);
const TEXT_EXTENSIONS = new Set(['txt', 'text']);
const NOT_READABLE_HINTS: Record<string, string> = {
  pdf: 'PDF files cannot be read directly; copy the text from the PDF and paste it instead',
  doc: 'old Word .doc files cannot be read; save the file as .docx first',
  odt: 'OpenDocument files cannot be read; save the file as .docx first',
  rtf: 'RTF files cannot be read; save the file as .docx first',
};
// Markdown syntax that plain prose does not produce by accident ("1. Nous" does not count).
const MARKDOWN_SYNTAX = /^ {0,3}#{1,6}[ \t]+\S|\*\*\S[^*]*\*\*|__\S[^_]*__|\[[^\]]+\]\([^)\s]+\)|^ {0,3}```/m;
const LINE_END_HYPHEN = /\p{L}[-\u00ad]\s*$/u;
const STARTS_LOWERCASE = /^\s*\p{Ll}/u;

/** Picks the format of an import from its file name, then (for .txt or a paste) from its layout. */
export function detectFormat(fileName?: string, text?: string): ImportResult<ImportFormat> {
  const extension = fileName === undefined ? undefined : EXTENSION.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'docx') return { ok: true, value: 'docx' };
  if (extension !== undefined && MARKDOWN_EXTENSIONS.has(extension)) return { ok: true, value: 'markdown' };
  if (extension !== undefined && !TEXT_EXTENSIONS.has(extension)) {
    return importFailure('unsupported', NOT_READABLE_HINTS[extension] ?? `.${extension} files cannot be imported; use .docx, .txt or .md`);
  }
  if (text === undefined) return { ok: true, value: 'text' };
  // A pasted text may be Markdown; a .txt file is taken at its word.
  if (fileName === undefined && MARKDOWN_SYNTAX.test(text)) return { ok: true, value: 'markdown' };
  return { ok: true, value: looksLikePdfPaste(text) ? 'pdf-paste' : 'text' };
}

/** Reads a text import (pasted or from a .txt/.md file) in the format hinted or detected. */
export function parseImport(input: ImportInput): ImportResult<ParsedImport> {
  const format = input.hint !== undefined ? ({ ok: true, value: input.hint } as const) : detectFormat(input.fileName, input.text);
  if (!format.ok) return format;
  if (format.value === 'docx') return importFailure('unsupported', 'a .docx file must be uploaded as a file, not as text');
  const parsed = parseAs(format.value, input.text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, format: format.value } };
}

function parseAs(format: TextImportFormat, text: string): ImportResult<ImportedDocument> {
  switch (format) {
    case 'markdown':
      return parseMarkdown(text);
    case 'pdf-paste':
      return parsePdfPaste(text);
    case 'text':
      return parsePlainText(text);
  }
}

/**
 * Two of these make a PDF paste: page furniture (tab-only lines, page numbers, running headers),
 * lines broken mid-sentence, most lines ending in a space, words hyphenated at a line end.
 * A .txt that is merely hard-wrapped has only one, and reads the same as plain text anyway.
 */
export function looksLikePdfPaste(text: string): boolean {
  const lines = toCleanLines(text);
  const textLines = lines.filter((line) => !isBlankLine(line));
  if (textLines.length === 0) return false;
  const scan = scanFurniture(lines);
  const hasFurniture = scan.droppedPageNumbers > 0 || scan.droppedHeaders.length > 0 || lines.some((line) => isBlankLine(line) && line.includes('\t'));
  const signals = [
    hasFurniture,
    countMidSentenceBreaks(lines) >= 0.3 * textLines.length,
    textLines.filter((line) => / $/.test(line)).length >= 0.5 * textLines.length,
    textLines.some((line, index) => LINE_END_HYPHEN.test(line) && STARTS_LOWERCASE.test(textLines[index + 1] ?? '')),
  ];
  return signals.filter(Boolean).length >= 2;
}

function countMidSentenceBreaks(lines: readonly string[]): number {
  return groupByBlankLines(lines)
    .flatMap((group) => group.slice(0, -1))
    .filter((line) => !SENTENCE_END.test(line.trim())).length;
}
