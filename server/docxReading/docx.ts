import mammoth from 'mammoth';
import {
  importFailure,
  MAX_DOCX_ENTRIES,
  MAX_DOCX_UNPACKED_BYTES,
  MAX_TEXT_BYTES,
  noTextFailure,
  utf8ByteLength,
  validateDocxSize,
  type ImportResult,
} from '../../shared/import/limits.js';
import type { ImportedDocument } from '../../shared/import/types.js';
import { mammothHtmlToDocument } from './mammothHtml.js';
import { checkZipArchive } from './zipArchive.js';

// Every .docx is a zip archive, and every zip archive starts with a local file header "PK\3\4".
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;
// Declarations often set their title in Word's Title/Subtitle styles rather than Heading 1/2.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];
// Images are left out: without this mammoth inlines every image as base64 into the HTML.
const SKIP_IMAGES = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * Reads a .docx into paragraphs, headings and numbered list items with bold/italic/superscript marks; never
 * throws. It holds the whole document in memory and takes CPU time in proportion: a server
 * runs it off the main thread (`parseDocxIsolated`).
 */
export async function parseDocx(buffer: Uint8Array): Promise<ImportResult<ImportedDocument>> {
  const size = validateDocxSize(buffer.byteLength);
  if (!size.ok) return size;
  if (!hasZipSignature(buffer)) return importFailure('unsupported', 'the file is not a .docx document');
  const archive = checkZipArchive(buffer, { maxEntries: MAX_DOCX_ENTRIES, maxUnpackedBytes: MAX_DOCX_UNPACKED_BYTES });
  if (!archive.ok) return archive;
  const html = await convertToHtml(buffer);
  if (!html.ok) return html;
  const document = mammothHtmlToDocument(html.value.html);
  if (document.blocks.length === 0) return noTextFailure();
  const textBytes = document.blocks.reduce((sum, block) => sum + utf8ByteLength(block.text), 0);
  if (textBytes > MAX_TEXT_BYTES) return importFailure('too-large', `the text is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB`);
  return { ok: true, value: { blocks: document.blocks, warnings: [...document.warnings, ...html.value.warnings] } };
}

function hasZipSignature(buffer: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((byte, index) => buffer[index] === byte);
}

async function convertToHtml(buffer: Uint8Array): Promise<ImportResult<{ html: string; warnings: string[] }>> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) },
      { styleMap: STYLE_MAP, convertImage: SKIP_IMAGES },
    );
    const warnings = result.messages.map((message) => `Word conversion: ${message.message}`);
    return { ok: true, value: { html: result.value, warnings } };
  } catch (error) {
    return describeConversionError(error);
  }
}

/** A zip without a Word document inside (an .xlsx, an .odt) is unsupported; a broken one is unreadable. */
function describeConversionError(error: unknown): ImportResult<never> {
  const message = error instanceof Error ? error.message : String(error);
  if (/main document part|body element/i.test(message)) {
    return importFailure('unsupported', 'the file is not a Word .docx document');
  }
  return importFailure('unreadable', 'the .docx file is damaged and cannot be read');
}
