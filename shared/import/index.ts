// The import parsers: text in, paragraphs out. The .docx reader lives in server/import (it needs mammoth).
export type { ImportedBlock, ImportedDocument, ImportedMark } from './types.js';
export {
  importFailure,
  MAX_DOCX_BYTES,
  MAX_TEXT_BYTES,
  validateDocxSize,
  validateText,
  type ImportErrorCode,
  type ImportFailure,
  type ImportResult,
} from './limits.js';
export { parsePlainText } from './plainText.js';
export { parseMarkdown } from './markdown.js';
export { parsePdfPaste } from './pdfPaste.js';
export { detectLanguage, type DetectedLanguage, type LanguageGuess } from './language.js';
export { splitByLanguage } from './splitByLanguage.js';
export {
  detectFormat,
  looksLikePdfPaste,
  parseImport,
  type ImportFormat,
  type ImportInput,
  type ParsedImport,
  type TextImportFormat,
} from './format.js';
export { findUnsureRows, UNSURE_BELOW, type UnsureRows } from './unsureRows.js';
