import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import type { WordChange } from './comparison.js';
import { buildText } from './testing/build.js';

/** Pieces each language's random texts are made of: words, elisions, typography, spaces. */
const PIECES: Record<string, readonly string[]> = {
  fr: ['la', 'coopération', 's’amplifie', "l'excellence", 'décentralisée', ' ', ' ', '\u00A0', '\u202F', ':', '«', '»', ',', '.', '2023', 'Hanoï'],
  vi: ['thiết', 'lập', 'lâp', 'Hà', 'Nội', 'hợp', 'tác', 'địa', 'phương', ' ', ' ', ',', '.', '16/4/2023', 'Việt'.normalize('NFD')],
  ja: ['宣言', 'を', '採択', '修正', 'する', '。', '、', '地方', '協力', ' '],
};

/** One random token edit: replace, insert or delete at a relative position. */
const edit = fc.record({
  kind: fc.constantFrom('replace', 'insert', 'delete'),
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  piece: fc.nat(),
});
type Edit = { kind: string; at: number; piece: number };

function textFor(lang: string) {
  const pieces = PIECES[lang]!;
  return fc.array(fc.constantFrom(...pieces), { maxLength: 25 });
}

/** Applies token edits to a list of pieces; paragraphs are the pieces split at a '|' marker. */
function applyEdits(pieces: readonly string[], edits: readonly Edit[], alphabet: readonly string[]): string[] {
  const result = [...pieces];
  for (const { kind, at, piece } of edits) {
    const k = Math.floor(at * (result.length + (kind === 'insert' ? 1 : 0)));
    const token = alphabet[piece % alphabet.length]!;
    if (kind === 'insert') result.splice(k, 0, token);
    else if (result.length > 0 && kind === 'delete') result.splice(k, 1);
    else if (result.length > 0) result.splice(k, 1, token);
  }
  return result;
}

/** What both sides must spell out: NFC, any no-break space read as a space. */
function normalise(text: string): string {
  return text.normalize('NFC').replace(/[\u00A0\u202F]/gu, ' ');
}

function concat(words: readonly WordChange[], keep: WordChange['op']): string {
  return words
    .filter((word) => word.op === 'equal' || word.op === keep)
    .map((word) => word.text)
    .join('');
}

const languageCase = (lang: string) =>
  fc.record({ before: fc.array(textFor(lang), { minLength: 1, maxLength: 3 }), edits: fc.array(edit, { maxLength: 6 }), split: fc.boolean() });

describe('word changes, for any edit', () => {
  it('spell the older text with equal + delete and the newer one with equal + insert, in every language', () => {
    fc.assert(
      fc.property(languageCase('fr'), languageCase('vi'), languageCase('ja'), (...cases) => {
        const languages = ['fr', 'vi', 'ja'];
        const before: Record<string, string[]> = {};
        const after: Record<string, string[]> = {};
        cases.forEach((c, i) => {
          const lang = languages[i]!;
          before[lang] = c.before.map((p) => p.join(''));
          const edited = c.before.map((p, n) => (n === 0 ? applyEdits(p, c.edits, PIECES[lang]!) : p));
          // Sometimes also cut the first paragraph in two, as a drafter presses Enter.
          after[lang] = edited.flatMap((p, n) => (n === 0 && c.split ? [p.slice(0, p.length >> 1).join(''), p.slice(p.length >> 1).join('')] : [p.join('')]));
        });
        const comparison = compareTexts(buildText(languages, [['r', before]]), buildText(languages, [['r', after]]));
        expect(comparison.rows).toHaveLength(1);
        const words = comparison.rows[0]!.words;
        for (const lang of languages) {
          const list = words[lang]!;
          expect(normalise(concat(list, 'delete'))).toBe(normalise(before[lang]!.join('\n')));
          expect(concat(list, 'insert')).toBe(after[lang]!.join('\n').normalize('NFC'));
          list.forEach((word, k) => {
            expect(word.text).not.toBe('');
            if (k > 0) expect(word.op).not.toBe(list[k - 1]!.op);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds a text equal to itself whatever its spacing typography', () => {
    fc.assert(
      fc.property(textFor('fr'), (pieces) => {
        const plain = pieces.map((p) => (p === '\u00A0' || p === '\u202F' ? ' ' : p)).join('');
        const from = buildText(['fr'], [['r', { fr: plain }]]);
        const to = buildText(['fr'], [['r', { fr: pieces.join('') }]]);
        const words = compareTexts(from, to).rows[0]!.words.fr!;
        expect(words.every((word) => word.op === 'equal')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('row layout, for any reordering', () => {
  it('shows every row of both versions exactly once, in reading order of the newer one', () => {
    const version = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 });
    fc.assert(
      fc.property(version, version, (before, after) => {
        // Row n keeps its pids and text across versions; rows only in `after` are new ones, with
        // words of their own so that text similarity cannot pair them with a removed row.
        const build = (ids: number[]) =>
          buildText(
            ['fr', 'vi'],
            ids.map((n) => [`r${n}`, { fr: `Paragraphe p${n}a p${n}b.`, vi: `Đoạn d${n}a d${n}b.` }] as const),
          );
        const rows = compareTexts(build(before), build(after)).rows;
        expect(rows.flatMap((row) => (row.to === null ? [] : [row.to]))).toEqual(after.map((n) => `r${n}`));
        expect(rows.flatMap((row) => (row.from === null ? [] : [row.from])).sort()).toEqual(before.map((n) => `r${n}`).sort());
        for (const row of rows) {
          expect(row.change).not.toBe('changed');
          expect(row.change === 'added').toBe(row.from === null);
          expect(row.change === 'removed').toBe(row.to === null);
        }
        // Rows kept in place keep their old relative order.
        const inPlace = rows.filter((row) => row.change === 'equal').map((row) => before.indexOf(Number(row.from!.slice(1))));
        expect(inPlace).toEqual([...inPlace].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
