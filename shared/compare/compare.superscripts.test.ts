import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextSpan } from './canonical.js';
import { compareTexts } from './compare.js';
import type { WordChange } from './comparison.js';
import { buildText, raised, type ParagraphText, type RowTexts } from './testing/build.js';

/** The one row of a one-language declaration edited from `before` to `after`. */
function rowOf(lang: string, before: ParagraphText | ParagraphText[], after: ParagraphText | ParagraphText[]) {
  const comparison = compareTexts(buildText([lang], [['r1', { [lang]: before } as RowTexts]]), buildText([lang], [['r1', { [lang]: after } as RowTexts]]));
  return { row: comparison.rows[0]!, summary: comparison.summary };
}

const wordsOf = (lang: string, before: ParagraphText | ParagraphText[], after: ParagraphText | ParagraphText[]) => rowOf(lang, before, after).row.words[lang]!;

/** One side's text as the words spell it (equal + `keep`), with its superscripts. */
function sideOf(words: readonly WordChange[], keep: 'insert' | 'delete'): { text: string; superscripts: TextSpan[] } {
  let text = '';
  const superscripts: TextSpan[] = [];
  for (const word of words) {
    if (word.op !== 'equal' && word.op !== keep) continue;
    for (const span of word.superscripts ?? []) {
      const last = superscripts.at(-1);
      if (last?.to === text.length + span.from) superscripts[superscripts.length - 1] = { from: last.from, to: text.length + span.to };
      else superscripts.push({ from: text.length + span.from, to: text.length + span.to });
    }
    text += word.text;
  }
  return { text, superscripts };
}

describe('superscripts in a comparison', () => {
  it('keeps the raised letters of unchanged words, at their place', () => {
    const text = raised('Les 12<sup>es</sup> Assises, au XXI<sup>e</sup> siècle.');
    expect(wordsOf('fr', text, text)).toEqual([{ op: 'equal', text: text.text, superscripts: text.superscripts }]);
  });

  it('shows "1er" become "1ᵉʳ" as that word deleted and inserted raised, and counts the row as changed', () => {
    const { row, summary } = rowOf('fr', 'Le 1er mai.', raised('Le 1<sup>er</sup> mai.'));
    expect(row.words.fr).toEqual([
      { op: 'equal', text: 'Le ' },
      { op: 'delete', text: '1er', formatting: true },
      { op: 'insert', text: '1er', superscripts: [{ from: 1, to: 3 }], formatting: true },
      { op: 'equal', text: ' mai.' },
    ]);
    expect(row.change).toBe('changed');
    expect(summary.rowsChanged).toBe(1);
    expect(summary.perLanguage.fr).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('shows a superscript taken off as a change too', () => {
    expect(wordsOf('fr', raised('au XXI<sup>e</sup> siècle'), 'au XXIe siècle')).toEqual([
      { op: 'equal', text: 'au ' },
      { op: 'delete', text: 'XXIe', superscripts: [{ from: 3, to: 4 }], formatting: true },
      { op: 'insert', text: 'XXIe', formatting: true },
      { op: 'equal', text: ' siècle' },
    ]);
  });

  it('keeps superscripts across the words around a real edit, shifted into each word', () => {
    expect(wordsOf('fr', raised('Les 12<sup>es</sup> Assises de 2021'), raised('Les 12<sup>es</sup> Assises de 2023'))).toEqual([
      { op: 'equal', text: 'Les 12es Assises de ', superscripts: [{ from: 6, to: 8 }] },
      { op: 'delete', text: '2021' },
      { op: 'insert', text: '2023' },
    ]);
  });

  it('folds a reraised word and a replaced word around a lone space into one edit, superscripts kept', () => {
    expect(wordsOf('fr', 'la 2e Conférence', raised('le 2<sup>e</sup> Conférence'))).toEqual([
      { op: 'delete', text: 'la 2e' },
      { op: 'insert', text: 'le 2e', superscripts: [{ from: 4, to: 5 }] },
      { op: 'equal', text: ' Conférence' },
    ]);
  });

  it('places superscripts of a later paragraph of the row after the paragraph break', () => {
    expect(wordsOf('fr', ['Article 1.', 'Le 1er mai.'], ['Article 1.', raised('Le 1<sup>er</sup> mai.')])).toEqual([
      { op: 'equal', text: 'Article 1.\nLe ' },
      { op: 'delete', text: '1er', formatting: true },
      { op: 'insert', text: '1er', superscripts: [{ from: 1, to: 3 }], formatting: true },
      { op: 'equal', text: ' mai.' },
    ]);
  });

  it('does not show a raised space as a change: it cannot be seen', () => {
    expect(wordsOf('fr', raised('le 1<sup>er </sup>mai'), raised('le 1<sup>er</sup> mai')).map((word) => word.op)).toEqual(['equal']);
  });

  it('reads a Vietnamese row NFC, superscripts at their composed offsets beside a corrected diacritic', () => {
    const before = raised('Hội nghị lần thứ 12 (12<sup>es</sup> Assises) thiết lâp');
    const after = raised('Hội nghị lần thứ 12 (12<sup>es</sup> Assises) thiết lập');
    const words = wordsOf('vi', before, after);
    expect(words).toEqual([
      { op: 'equal', text: 'Hội nghị lần thứ 12 (12es Assises) thiết ', superscripts: [{ from: 23, to: 25 }] },
      { op: 'delete', text: 'lâp' },
      { op: 'insert', text: 'lập' },
    ]);
    expect(words[0]!.text.slice(23, 25)).toBe('es');
  });

  it('marks a raised note number in Japanese as a change of that segment only', () => {
    expect(wordsOf('ja', '宣言を採択する。注1', raised('宣言を修正する。注<sup>1</sup>'))).toEqual([
      { op: 'equal', text: '宣言を' },
      { op: 'delete', text: '採択' },
      { op: 'insert', text: '修正' },
      { op: 'equal', text: 'する。注' },
      { op: 'delete', text: '1', formatting: true },
      { op: 'insert', text: '1', superscripts: [{ from: 0, to: 1 }], formatting: true },
    ]);
  });

  it('compares a version saved before superscripts existed, even decomposed, as plain text', () => {
    const old = 'Hội nghị lần thứ 12 (12es Assises)'.normalize('NFD');
    expect(wordsOf('vi', old, raised('Hội nghị lần thứ 12 (12<sup>es</sup> Assises)'))).toEqual([
      { op: 'equal', text: 'Hội nghị lần thứ 12 (' },
      { op: 'delete', text: '12es', formatting: true },
      { op: 'insert', text: '12es', superscripts: [{ from: 2, to: 4 }], formatting: true },
      { op: 'equal', text: ' Assises)' },
    ]);
  });

  it('ignores superscripts whose offsets do not fit the stored text rather than raising the wrong letters', () => {
    const decomposed = { text: 'Việt 1er'.normalize('NFD'), superscripts: [{ from: 7, to: 9 }] };
    expect(wordsOf('vi', decomposed, 'Việt 1er')).toEqual([{ op: 'equal', text: 'Việt 1er' }]);
  });

  it('clamps a superscript running past the end of its paragraph, as the publication renderers do', () => {
    expect(wordsOf('fr', { text: 'abc', superscripts: [{ from: 2, to: 40 }] }, 'abc')).toEqual([
      { op: 'delete', text: 'abc', superscripts: [{ from: 2, to: 3 }], formatting: true },
      { op: 'insert', text: 'abc', formatting: true },
    ]);
  });
});

describe('superscripts and the cross-language check', () => {
  const before = { fr: 'Le 1er mai.', vi: 'Ngày 1 tháng 5.' };

  it('does not call a translation out of date when only a superscript changed', () => {
    const comparison = compareTexts(
      buildText(['fr', 'vi'], [['r', before]]),
      buildText(['fr', 'vi'], [['r', { ...before, fr: raised('Le 1<sup>er</sup> mai.') }]]),
    );
    expect(comparison.rows[0]!.change).toBe('changed');
    expect(comparison.rows[0]!.outOfStep).toBe(false);
    expect(comparison.summary.outOfStep).toBe(0);
  });

  it('reads a language whose superscripts alone changed as unchanged when another language was edited', () => {
    const after = { fr: raised('Le 1<sup>er</sup> mai.'), vi: 'Ngày 1 tháng Năm.' };
    const comparison = compareTexts(buildText(['fr', 'vi'], [['r', before]]), buildText(['fr', 'vi'], [['r', after]]));
    expect(comparison.summary.outOfStepRows).toEqual([{ from: 'r', to: 'r', changed: ['vi'], unchanged: ['fr'] }]);
  });
});

describe('superscripts, for any text and any raising', () => {
  const PIECES = ['la', 'coopération', 's’amplifie', '1er', 'XXIe', '12es', ' ', '\u00A0', ':', ',', 'Hà', 'Nội', '宣言', '注', '1'];
  const piece = fc.record({ text: fc.constantFrom(...PIECES), up: fc.boolean() });
  /** A paragraph of pieces, each one raised or not. */
  const paragraphOf = (pieces: readonly { text: string; up: boolean }[]): ParagraphText =>
    raised(pieces.map((p) => (p.up && p.text !== '' ? `<sup>${p.text}</sup>` : p.text)).join(''));
  const text = (p: ParagraphText) => (typeof p === 'string' ? p : p.text);
  const spans = (p: ParagraphText) => (typeof p === 'string' ? [] : p.superscripts);

  it('spell the newer text with its superscripts, and the older one, from the words', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.array(piece, { maxLength: 20 }), (a, b) => {
        const [before, after] = [paragraphOf(a), paragraphOf(b)];
        const words = wordsOf('fr', before, after);
        expect(sideOf(words, 'insert')).toEqual({ text: text(after), superscripts: mergeAdjacent(spans(after)) });
        expect(sideOf(words, 'delete').text.replace(/\u00A0/gu, ' ')).toBe(text(before).replace(/\u00A0/gu, ' '));
        words.forEach((word, k) => {
          expect(word.text).not.toBe('');
          if (k > 0) expect(word.op).not.toBe(words[k - 1]!.op);
          for (const span of word.superscripts ?? []) expect(0 <= span.from && span.from < span.to && span.to <= word.text.length).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('shows only formatting changes, deleted and inserted alike, when only the raising differs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.boolean(), fc.boolean()), { maxLength: 20 }), (pieces) => {
        const before = paragraphOf(pieces.map(([t, up]) => ({ text: t, up })));
        const after = paragraphOf(pieces.map(([t, , up]) => ({ text: t, up })));
        const words = wordsOf('fr', before, after);
        const edits = words.filter((word) => word.op !== 'equal');
        for (const word of edits) expect(word.formatting).toBe(true);
        expect(edits.filter((w) => w.op === 'delete').map((w) => w.text)).toEqual(edits.filter((w) => w.op === 'insert').map((w) => w.text));
      }),
      { numRuns: 300 },
    );
  });
});

function mergeAdjacent(spans: readonly TextSpan[]): TextSpan[] {
  const merged: TextSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last?.to === span.from) merged[merged.length - 1] = { from: last.from, to: span.to };
    else merged.push(span);
  }
  return merged;
}
