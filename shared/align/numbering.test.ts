import { describe, expect, it } from 'vitest';
import { detectAlphabet, findInnerNumberings, listNumberingKeys, parseNumbering, shareNumber, type Alphabet } from './numbering.js';

const indexPreviousLinks = (text: string, alphabet: Alphabet = 'latin'): string[] | undefined => {
  const numbering = parseNumbering(text);
  return numbering && listNumberingKeys(numbering, alphabet);
};
const same = (a: string, b: string, alphabets: [Alphabet, Alphabet] = ['latin', 'latin']): boolean =>
  shareNumber(indexPreviousLinks(a, alphabets[0])!, indexPreviousLinks(b, alphabets[1])!);

describe('paragraph numbering', () => {
  it('reads the usual forms at the start of a paragraph', () => {
    const labels: [string, string][] = [
      ['1. Nous, collectivités', '1.'],
      ['3.1. Conscientes des changements', '3.1.'],
      ['3.1 Conscientes des changements', '3.1'],
      ['II. Demandons aux États', 'II.'],
      ['a) la gestion de l’eau', 'a)'],
      ['(b) the management of water', '(b)'],
      ['Article 5 — Entrée en vigueur', 'Article 5 —'],
      ['Điều 5. Hiệu lực thi hành', 'Điều 5.'],
      ['第5条 本声明は', '第5条'],
      ['一、双方は', '一、'],
    ];
    for (const [text, label] of labels) expect(parseNumbering(text)?.label, text).toBe(label);
  });

  it('finds the same number in different languages and spellings', () => {
    expect(same('Article 5 Entry into force', 'Điều 5. Hiệu lực')).toBe(true);
    expect(same('Article 5 Entry into force', '第5条 効力')).toBe(true);
    expect(same('Article 5 Entry into force', '第五条 効力')).toBe(true);
    expect(same('Chapitre II Les moyens', 'Chương II Phương tiện')).toBe(true);
    expect(same('3.1. Conscientes', '3.1 Ý thức')).toBe(true);
    expect(same('１．双方は', '1. Hai bên')).toBe(true);
    expect(same('（２）双方は', '(2) Hai bên')).toBe(true);
    expect(same('① 双方は', '1) Hai bên')).toBe(true);
    expect(same('(b) water', 'b) nước')).toBe(true);
    expect(same('ii) water', '(ii) nước')).toBe(true);
  });

  it('tells different numbers apart', () => {
    expect(same('3.1. Conscientes', '3.2. Ý thức')).toBe(false);
    expect(same('3. Faisant', '3.1. Ý thức')).toBe(false);
    expect(same('Article 5 Entry', 'Article 6 Entry')).toBe(false);
    expect(same('Article 5 Entry', 'Chapter 5 Entry')).toBe(false);
    expect(same('a) water', 'b) nước')).toBe(false);
  });

  it('counts Vietnamese letters in Vietnamese order (a, b, c, d, đ, e…) once a column uses đ', () => {
    const vietnamese = detectAlphabet(['a) x', 'đ) y'].map((t) => parseNumbering(t)));
    expect(vietnamese).toBe('vietnamese');
    expect(same('e) energy', 'đ) năng lượng', ['latin', vietnamese])).toBe(true);
    expect(same('f) forests', 'e) rừng', ['latin', vietnamese])).toBe(true);
  });

  it('does not mistake ordinary openings for numbers', () => {
    for (const text of [
      '2023 fut une année',
      '5 collectivités ont signé',
      '3.5 millions d’euros',
      '13/4/2023 : réunion',
      'DECLARATION FINALE',
      'Mục tiêu của hội nghị',
      'Phần lớn các đại biểu',
      'Part civile du budget',
      'Les 12èmes Assises',
    ]) {
      expect(parseNumbering(text), text).toBeUndefined();
    }
  });

  it('finds the numbers of paragraphs merged into one', () => {
    const merged = '3. Faisant le constat … les conclusions suivantes : 3.1. Conscientes des changements. Article 4 dit encore.';
    expect(findInnerNumberings(merged).map((n) => n.label)).toEqual(['3.1.', 'Article 4']);
  });
});
