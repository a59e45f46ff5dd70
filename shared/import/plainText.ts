import { groupByBlankLines, toCleanLines } from './lines.js';
import { noTextFailure, validateText, type ImportResult } from './limits.js';
import type { ImportedBlock, ImportedDocument } from './types.js';

/** Reads plain text: blank lines separate paragraphs, line breaks inside one become spaces; output is NFC. */
export function parsePlainText(text: string): ImportResult<ImportedDocument> {
  const valid = validateText(text);
  if (!valid.ok) return valid;
  const blocks = groupByBlankLines(toCleanLines(text))
    .map(joinLines)
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph): ImportedBlock => ({ text: paragraph, kind: 'paragraph' }));
  if (blocks.length === 0) return noTextFailure();
  return { ok: true, value: { blocks, warnings: [] } };
}

function joinLines(lines: readonly string[]): string {
  return lines.map((line) => line.trim()).join(' ');
}
