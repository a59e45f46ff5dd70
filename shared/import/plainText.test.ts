import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlainText } from './plainText.js';

describe('parsePlainText', () => {
  it('separates paragraphs at blank lines and joins the lines inside one with a space', () => {
    const result = parsePlainText('Premier paragraphe\nqui continue.\n\n  \nSecond paragraphe.\r\n');
    expect(result).toEqual({
      ok: true,
      value: {
        blocks: [
          { text: 'Premier paragraphe qui continue.', kind: 'paragraph' },
          { text: 'Second paragraphe.', kind: 'paragraph' },
        ],
        warnings: [],
      },
    });
  });

  it('turns decomposed (NFD) Vietnamese into composed (NFC) text', () => {
    const nfd = 'Hội nghị hợp tác'.normalize('NFD');
    const result = parsePlainText(nfd);
    expect(result.ok && result.value.blocks[0]?.text).toBe('Hội nghị hợp tác'.normalize('NFC'));
  });

  it('keeps non-breaking spaces of French typography', () => {
    const result = parsePlainText('Le thème\u00a0: «\u00a0Coopération\u00a0»');
    expect(result.ok && result.value.blocks[0]?.text).toBe('Le thème\u00a0: «\u00a0Coopération\u00a0»');
  });

  it('fails with "empty" on whitespace-only text', () => {
    expect(parsePlainText(' \n\t\n ')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('never throws and never yields an empty block', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = parsePlainText(text);
        if (!result.ok) return ['empty', 'unreadable'].includes(result.code);
        return result.value.blocks.length > 0 && result.value.blocks.every((block) => block.text.trim().length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('never yields an empty block from line-and-space-heavy text', () => {
    const piece = fc.constantFrom('\n', '\n\n', ' ', '\t', '\r\n', '\u00a0', 'mot', 'é', 'e\u0301', '\u2028');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const result = parsePlainText(pieces.join(''));
        return result.ok ? result.value.blocks.every((block) => block.text.length > 0 && block.text === block.text.trim()) : result.code === 'empty';
      }),
    );
  });
});
