import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import type { WordChange } from './comparison.js';
import { buildText, type RowTexts } from './testing/build.js';

/** The words of one language of a one-row declaration edited from `before` to `after`. */
function wordsOf(lang: string, before: string | string[], after: string | string[]): readonly WordChange[] {
  const from = buildText([lang], [['r1', { [lang]: before } as RowTexts]]);
  const to = buildText([lang], [['r1', { [lang]: after } as RowTexts]]);
  return compareTexts(from, to).rows[0]!.words[lang]!;
}

describe('word changes, Vietnamese', () => {
  it('shows a missing diacritic corrected as exactly one changed syllable', () => {
    expect(wordsOf('vi', 'thiết lâp', 'thiết lập')).toEqual([
      { op: 'equal', text: 'thiết ' },
      { op: 'delete', text: 'lâp' },
      { op: 'insert', text: 'lập' },
    ]);
  });

  it('treats a change of tone mark as a change of syllable, not of a letter', () => {
    expect(wordsOf('vi', 'Hà Nội là thủ đô', 'Hà Nội là thủ độ')).toEqual([
      { op: 'equal', text: 'Hà Nội là thủ ' },
      { op: 'delete', text: 'đô' },
      { op: 'insert', text: 'độ' },
    ]);
  });

  it('finds no change between decomposed and composed text', () => {
    const composed = 'Hội nghị hợp tác giữa các địa phương Việt Nam - Pháp';
    expect(wordsOf('vi', composed.normalize('NFD'), composed)).toEqual([{ op: 'equal', text: composed }]);
  });

  it('reads two neighbouring replaced syllables as one replacement', () => {
    expect(wordsOf('vi', 'thiết lâp mới', 'thiết lập cũ')).toEqual([
      { op: 'equal', text: 'thiết ' },
      { op: 'delete', text: 'lâp mới' },
      { op: 'insert', text: 'lập cũ' },
    ]);
  });
});

describe('word changes, French', () => {
  it('replaces a word with its elision as one token', () => {
    expect(wordsOf('fr', 'La crise s’amplifie.', 'La crise s’accélère.')).toEqual([
      { op: 'equal', text: 'La crise ' },
      { op: 'delete', text: 's’amplifie' },
      { op: 'insert', text: 's’accélère' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('replaces a word with an ASCII-apostrophe elision as one token', () => {
    expect(wordsOf('fr', "vers l'excellence", "vers l'égalité")).toEqual([
      { op: 'equal', text: 'vers ' },
      { op: 'delete', text: "l'excellence" },
      { op: 'insert', text: "l'égalité" },
    ]);
  });

  it('finds a no-break space before a colon equal to a plain space, and shows the newer one', () => {
    expect(wordsOf('fr', 'avec le thème : « Coopération »', 'avec le thème\u00A0: «\u202FCoopération\u202F»')).toEqual([
      { op: 'equal', text: 'avec le thème\u00A0: «\u202FCoopération\u202F»' },
    ]);
  });

  it('still shows a real edit next to a no-break space', () => {
    expect(wordsOf('fr', 'thème\u00A0: la reprise', 'thème : le rebond')).toEqual([
      { op: 'equal', text: 'thème : ' },
      { op: 'delete', text: 'la reprise' },
      { op: 'insert', text: 'le rebond' },
    ]);
  });

  it('shows a paragraph added to a row after a newline token', () => {
    expect(wordsOf('fr', 'Premier.', ['Premier.', 'Second.'])).toEqual([
      { op: 'equal', text: 'Premier.' },
      { op: 'insert', text: '\nSecond.' },
    ]);
  });
});

describe('word changes, Japanese', () => {
  it('changes only the segment that differs', () => {
    expect(wordsOf('ja', '宣言を採択する', '宣言を修正する')).toEqual([
      { op: 'equal', text: '宣言を' },
      { op: 'delete', text: '採択' },
      { op: 'insert', text: '修正' },
      { op: 'equal', text: 'する' },
    ]);
  });
});

describe('word changes, whole texts', () => {
  it('shows a translation filled in as inserted and one emptied as deleted', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['r1', { fr: [], vi: 'Tuyên bố' }],
        ['r2', { fr: 'Ancien texte', vi: 'Văn bản' }],
      ],
    );
    const to = buildText(
      ['fr', 'vi'],
      [
        ['r1', { fr: 'Déclaration', vi: 'Tuyên bố' }],
        ['r2', { fr: [], vi: 'Văn bản' }],
      ],
    );
    const [filled, emptied] = compareTexts(from, to).rows;
    expect(filled!.words.fr).toEqual([{ op: 'insert', text: 'Déclaration' }]);
    expect(emptied!.words.fr).toEqual([{ op: 'delete', text: 'Ancien texte' }]);
  });

  it('gives an empty list when a language has text in neither version', () => {
    const text = buildText(['fr', 'vi'], [['r1', { fr: [], vi: 'Tuyên bố' }]]);
    expect(compareTexts(text, text).rows[0]!.words.fr).toEqual([]);
  });
});

describe('word changes, very long rewrites', () => {
  it('shows a rewrite too large to diff as one replacement between the common ends, in good time', () => {
    const words = (prefix: string) => Array.from({ length: 2500 }, (_, i) => `${prefix}${i}`).join(' ');
    const started = performance.now();
    const changes = wordsOf('fr', `Article 1. ${words('ancien')} Fin.`, `Article 1. ${words('nouveau')} Fin.`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(changes.map((word) => word.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(changes[0]!.text).toBe('Article 1. ');
    expect(changes[3]!.text).toBe(' Fin.');
  });
});
