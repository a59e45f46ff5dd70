import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImport, type TextImportFormat } from './format.js';
import type { ImportedDocument } from './types.js';

// Pieces that exercise every rule: line breaks, page furniture, hyphens, markup, decomposed letters.
const PIECE = fc.constantFrom(
  '\n',
  '\n\n',
  '\n\t\n',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u00ad',
  '-',
  '*',
  '**',
  '_',
  '`',
  '#',
  '# ',
  '- ',
  '1. ',
  '3.2. ',
  '12',
  '[a](b)',
  '[',
  '<sup>',
  '</b>',
  '&amp;',
  '\\',
  '>',
  '---',
  '===',
  'mot',
  'Mot',
  'HÀ NỘI',
  'e\u0301',
  '\u0301',
  '\u0001',
  'ộ',
  '.',
  ':',
  '»',
  './',
  '\r\n',
  '私',
);
const FORMATS: readonly TextImportFormat[] = ['text', 'markdown', 'pdf-paste'];

function isWellFormed(document: ImportedDocument): boolean {
  return document.blocks.every(
    (block) =>
      block.text.length > 0 &&
      block.text === block.text.trim() &&
      block.text === block.text.normalize('NFC') &&
      (block.marks ?? []).every((mark) => mark.from >= 0 && mark.from < mark.to && mark.to <= block.text.length),
  );
}

describe('every text parser', () => {
  it('never throws, and yields trimmed NFC blocks whose marks stay inside their text, or a failure code', () => {
    fc.assert(
      fc.property(fc.array(PIECE, { maxLength: 80 }), fc.constantFrom(...FORMATS), (pieces, hint) => {
        const result = parseImport({ text: pieces.join(''), hint });
        return result.ok ? isWellFormed(result.value) && result.value.blocks.length > 0 : result.code === 'empty' || result.code === 'unreadable';
      }),
      { numRuns: 1000 },
    );
  });

  it('does not backtrack without end on pathological Markdown emphasis', () => {
    // A guard against catastrophe, not a speed target (that is the bench's): linear parsing takes
    // well under a second here, a quadratic one hours. The bound leaves room for a busy machine.
    const started = performance.now();
    const result = parseImport({ text: '*x '.repeat(200_000), hint: 'markdown' });
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('does not backtrack without end on a run of unclosed link brackets', () => {
    // The hand-written parser's link pattern took seconds on 80,000 brackets and grew with the square.
    const started = performance.now();
    const result = parseImport({ text: '['.repeat(400_000), hint: 'markdown' });
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
