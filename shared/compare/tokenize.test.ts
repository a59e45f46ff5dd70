import { describe, expect, it } from 'vitest';
import { comparisonKey, tokenizeCells, tokenizeText } from './tokenize.js';

describe('tokenizeText', () => {
  it('keeps a French word with its elision as one token, typographic or ASCII apostrophe', () => {
    expect(tokenizeText('La crise s’amplifie', 'fr')).toEqual(['La', ' ', 'crise', ' ', 's’amplifie']);
    expect(tokenizeText("l'excellence", 'fr')).toEqual(["l'excellence"]);
  });

  it('keeps a Vietnamese syllable with its diacritics as one token', () => {
    expect(tokenizeText('Hà Nội, thiết lập', 'vi')).toEqual(['Hà', ' ', 'Nội', ',', ' ', 'thiết', ' ', 'lập']);
  });

  it('reads decomposed Vietnamese as its composed form', () => {
    const decomposed = 'thiết lập'.normalize('NFD');
    expect(tokenizeText(decomposed, 'vi')).toEqual(['thiết', ' ', 'lập']);
  });

  it('cuts Japanese into Intl.Segmenter words', () => {
    expect(tokenizeText('宣言を採択する', 'ja')).toEqual(['宣言', 'を', '採択', 'する']);
  });

  it('makes spaces and punctuation tokens of their own', () => {
    expect(tokenizeText('« villes », 2023 !', 'fr')).toEqual(['«', ' ', 'villes', ' ', '»', ',', ' ', '2023', ' ', '!']);
  });

  it('cuts French non-breaking spaces out of the words ICU glues them to', () => {
    // ICU's word rules join U+202F to a neighbouring word; the comparison must not.
    expect(tokenizeText('«\u202Fmot\u202F»', 'fr')).toEqual(['«', '\u202F', 'mot', '\u202F', '»']);
    expect(tokenizeText('12\u202F000', 'fr')).toEqual(['12', '\u202F', '000']);
  });

  it('keeps a run of spaces as one token', () => {
    expect(tokenizeText('a \u00A0b', 'fr')).toEqual(['a', ' \u00A0', 'b']);
  });

  it('still segments a language tag Intl refuses', () => {
    expect(tokenizeText('deux mots', 'not a tag!')).toEqual(['deux', ' ', 'mots']);
  });
});

describe('tokenizeCells', () => {
  it('joins a row’s paragraphs with a newline token', () => {
    const cells = [
      { pid: 'p1', text: 'Un.' },
      { pid: 'p2', text: 'Deux' },
    ];
    expect(tokenizeCells(cells, 'fr')).toEqual(['Un', '.', '\n', 'Deux']);
  });
});

describe('comparisonKey', () => {
  it('counts no-break and narrow no-break spaces as spaces', () => {
    expect(comparisonKey('\u00A0')).toBe(' ');
    expect(comparisonKey('\u202F')).toBe(' ');
  });
});
