/** Stable failure codes: the UI translates these, the English `reason` is for logs and fallbacks. */
export type ImportErrorCode = 'empty' | 'too-large' | 'unsupported' | 'wrong-language' | 'unreadable';

/** A failed import, with a code the UI translates (its own codes: an import fails in more ways than `FailureCode` names). */
export interface ImportFailure {
  readonly ok: false;
  readonly reason: string;
  readonly code: ImportErrorCode;
}

/** `Result<T>` whose failures carry an `ImportErrorCode`. */
export type ImportResult<T> = { readonly ok: true; readonly value: T } | ImportFailure;

/** Largest pasted or uploaded text we parse, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** Largest .docx file we hand to mammoth, in bytes (images make real files far bigger than their text). */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;
/**
 * What a .docx may unpack to, all parts together: a small file can inflate a thousandfold (a
 * "zip bomb"), and the parser holds what it unpacks in memory. Real declarations unpack to a
 * few MB; this leaves room for images.
 */
export const MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Parts a .docx may hold (Word writes a few dozen, plus one per image). */
export const MAX_DOCX_ENTRIES = 2000;

/** Builds an import failure value. */
export function importFailure(code: ImportErrorCode, reason: string): ImportFailure {
  return { ok: false, code, reason };
}

/** Counts the UTF-8 bytes of a string without TextEncoder (shared code stays free of host APIs). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      // A surrogate pair is one 4-byte code point; skip its low half.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// NUL and other C0 controls never occur in a real draft; a few of them mean we were handed a binary file.
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001f]/g;
const REPLACEMENT_CHAR = /\ufffd/g;

/** Refuses text that is empty, too large or looks like a binary file read as text. */
export function validateText(text: string): ImportResult<string> {
  if (text.trim().length === 0) return importFailure('empty', 'the file is empty');
  // Cheap upper bound first so a huge string is refused without a full scan.
  if (text.length > MAX_TEXT_BYTES || utf8ByteLength(text) > MAX_TEXT_BYTES) {
    return importFailure('too-large', `the text is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB`);
  }
  if (looksBinary(text)) return importFailure('unreadable', 'the file is not readable text');
  return { ok: true, value: text };
}

/** Refuses a .docx byte count that is empty or above the limit. */
export function validateDocxSize(byteLength: number): ImportResult<number> {
  if (byteLength === 0) return importFailure('empty', 'the file is empty');
  if (byteLength > MAX_DOCX_BYTES) {
    return importFailure('too-large', `the .docx file is larger than ${MAX_DOCX_BYTES / 1024 / 1024} MB`);
  }
  return { ok: true, value: byteLength };
}

/** The failure for a document whose parse produced no block at all (only whitespace or furniture). */
export function noTextFailure(): ImportFailure {
  return importFailure('empty', 'the file has no text');
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  const controls = sample.match(BINARY_CONTROL)?.length ?? 0;
  const replacements = sample.match(REPLACEMENT_CHAR)?.length ?? 0;
  // A stray control or mis-decoded character is tolerated; a few percent of them is not text.
  return controls > 0.01 * sample.length || replacements > 0.02 * sample.length + 2;
}
