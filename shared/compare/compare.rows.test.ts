import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import type { Comparison } from './comparison.js';
import { buildRow, buildText } from './testing/build.js';

const ROWS = {
  a: { fr: 'Nous, collectivités territoriales, réunies à Hanoï.', vi: 'Chúng tôi, các địa phương, họp tại Hà Nội.' },
  b: { fr: 'La coopération décentralisée s’amplifie.', vi: 'Hợp tác địa phương ngày càng phát triển.' },
  c: { fr: 'Nous saluons l’excellence des partenariats.', vi: 'Chúng tôi hoan nghênh các quan hệ đối tác.' },
  d: { fr: 'Les prochaines Assises se tiendront en France.', vi: 'Hội nghị lần tới sẽ tổ chức tại Pháp.' },
  e: { fr: 'Fait à Hanoï, le 16 avril 2023.', vi: 'Làm tại Hà Nội, ngày 16 tháng 4 năm 2023.' },
};

/** `from`/`to` ids and change of every row, to read the layout at a glance. */
function layoutOf(comparison: Comparison): string[] {
  return comparison.rows.map((row) => `${row.from ?? '·'}→${row.to ?? '·'} ${row.change}`);
}

describe('row matching and reading order', () => {
  it('marks a row that moved and still shows its word changes', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
        ['c', ROWS.c],
        ['d', ROWS.d],
      ],
    );
    const to = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['c', ROWS.c],
        ['d', ROWS.d],
        ['b', { ...ROWS.b, fr: 'La coopération décentralisée s’accélère.' }],
      ],
    );
    const comparison = compareTexts(from, to);
    expect(layoutOf(comparison)).toEqual(['a→a equal', 'c→c equal', 'd→d equal', 'b→b moved']);
    expect(comparison.rows[3]!.words.fr).toEqual([
      { op: 'equal', text: 'La coopération décentralisée ' },
      { op: 'delete', text: 's’amplifie' },
      { op: 'insert', text: 's’accélère' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('places a removed row where it stood and an added row where it is', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
        ['c', ROWS.c],
        ['d', ROWS.d],
      ],
    );
    const to = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['c', ROWS.c],
        ['e', ROWS.e],
        ['d', ROWS.d],
      ],
    );
    expect(layoutOf(compareTexts(from, to))).toEqual(['a→a equal', 'b→· removed', 'c→c equal', '·→e added', 'd→d equal']);
  });

  it('places rows removed from the very start before the first row', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
        ['c', ROWS.c],
      ],
    );
    const to = buildText(['fr', 'vi'], [['c', ROWS.c]]);
    expect(layoutOf(compareTexts(from, to))).toEqual(['a→· removed', 'b→· removed', 'c→c equal']);
  });

  it('anchors a removed row to the row before it that stayed in place, not to one that moved away', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
        ['c', ROWS.c],
        ['d', ROWS.d],
        ['e', ROWS.e],
      ],
    );
    const to = buildText(
      ['fr', 'vi'],
      [
        ['b', ROWS.b],
        ['d', ROWS.d],
        ['e', ROWS.e],
        ['a', ROWS.a],
      ],
    );
    expect(layoutOf(compareTexts(from, to))).toEqual(['b→b equal', 'c→· removed', 'd→d equal', 'e→e equal', 'a→a moved']);
  });

  it('matches a row deleted and typed again (new paragraph ids) by its text', () => {
    const retyped = buildRow('b2', { fr: 'La coopération décentralisée s’amplifie encore.', vi: ROWS.b.vi });
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
        ['c', ROWS.c],
      ],
    );
    const to = buildText(['fr', 'vi'], [['a', ROWS.a], retyped, ['c', ROWS.c]]);
    const comparison = compareTexts(from, to);
    expect(layoutOf(comparison)).toEqual(['a→a equal', 'b→b2 changed', 'c→c equal']);
    expect(comparison.rows[1]!.words.fr).toEqual([
      { op: 'equal', text: 'La coopération décentralisée s’amplifie' },
      { op: 'insert', text: ' encore' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('matches a row cut and pasted back unchanged (new paragraph ids) as equal', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
        ['c', ROWS.c],
      ],
    );
    const to = buildText(['fr', 'vi'], [['a', ROWS.a], buildRow('b2', ROWS.b), ['c', ROWS.c]]);
    expect(layoutOf(compareTexts(from, to))).toEqual(['a→a equal', 'b→b2 equal', 'c→c equal']);
  });

  it('does not pair a re-created row with an unrelated one', () => {
    const from = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
      ],
    );
    const to = buildText(['fr', 'vi'], [['a', ROWS.a], buildRow('x', ROWS.d)]);
    expect(layoutOf(compareTexts(from, to))).toEqual(['a→a equal', 'b→· removed', '·→x added']);
  });

  it('follows paragraph ids even when the row id changed', () => {
    const from = buildText(['fr', 'vi'], [buildRow('r1', ROWS.a, { fr: ['p1'], vi: ['q1'] })]);
    const to = buildText(['fr', 'vi'], [buildRow('r9', ROWS.b, { fr: ['p1'], vi: ['q1'] })]);
    expect(layoutOf(compareTexts(from, to))).toEqual(['r1→r9 changed']);
  });

  it('keeps the larger part of a row split in two matched, the other part added', () => {
    const from = buildText(['fr', 'vi'], [buildRow('r1', { fr: ['Un.', 'Deux.'], vi: ['Một.', 'Hai.'] }, { fr: ['p1', 'p2'], vi: ['q1', 'q2'] })]);
    const to = buildText(
      ['fr', 'vi'],
      [
        buildRow('r1', { fr: ['Un.'], vi: ['Một.', 'Hai.'] }, { fr: ['p1'], vi: ['q1', 'q2'] }),
        buildRow('r2', { fr: ['Deux.'], vi: [] }, { fr: ['p2'], vi: [] }),
      ],
    );
    expect(layoutOf(compareTexts(from, to))).toEqual(['r1→r1 changed', '·→r2 added']);
  });

  it('gives every row an entry for every language, those only in the older version included', () => {
    const from = buildText(['fr', 'vi', 'ja'], [['a', { ...ROWS.a, ja: '宣言を採択する' }]]);
    const to = buildText(['vi', 'fr'], [['a', ROWS.a]]);
    const [row] = compareTexts(from, to).rows;
    expect(Object.keys(row!.words)).toEqual(['vi', 'fr', 'ja']);
    expect(row!.words.ja).toEqual([{ op: 'delete', text: '宣言を採択する' }]);
  });

  it('finds two identical versions equal, row for row', () => {
    const text = buildText(
      ['fr', 'vi'],
      [
        ['a', ROWS.a],
        ['b', ROWS.b],
      ],
    );
    expect(layoutOf(compareTexts(text, text))).toEqual(['a→a equal', 'b→b equal']);
  });
});
