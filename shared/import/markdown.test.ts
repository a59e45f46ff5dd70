import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.js';
import type { ImportedBlock } from './types.js';

function blocksOf(markdown: string): readonly ImportedBlock[] {
  const result = parseMarkdown(markdown);
  if (!result.ok) throw new Error(result.reason);
  return result.value.blocks;
}

describe('parseMarkdown', () => {
  it('reads #, ## and ### headings with their level', () => {
    expect(blocksOf('# Déclaration\n\n## Préambule\n### Article 1 ###')).toEqual([
      { text: 'Déclaration', kind: 'heading', level: 1 },
      { text: 'Préambule', kind: 'heading', level: 2 },
      { text: 'Article 1', kind: 'heading', level: 3 },
    ]);
  });

  it('imports headings deeper than ### as level 3, with a warning', () => {
    const result = parseMarkdown('#### Détail');
    expect(result.ok && result.value.blocks).toEqual([{ text: 'Détail', kind: 'heading', level: 3 }]);
    expect(result.ok && result.value.warnings).toHaveLength(1);
  });

  it('reads setext headings (Title over ===)', () => {
    expect(blocksOf('Titre\n=====\n\nSous-titre\n---')).toEqual([
      { text: 'Titre', kind: 'heading', level: 1 },
      { text: 'Sous-titre', kind: 'heading', level: 2 },
    ]);
  });

  it('joins the lines of a paragraph with a space', () => {
    expect(blocksOf('Nous, collectivités\nterritoriales.\n\nSecond.')).toEqual([
      { text: 'Nous, collectivités territoriales.', kind: 'paragraph' },
      { text: 'Second.', kind: 'paragraph' },
    ]);
  });

  it('reads bullet items without a number and numbered items keeping their number', () => {
    expect(blocksOf('- eau\n* climat\n+ culture\n\n1. Premier\n2) Deuxième\n7. Septième\n   suite')).toEqual([
      { text: 'eau', kind: 'listItem' },
      { text: 'climat', kind: 'listItem' },
      { text: 'culture', kind: 'listItem' },
      { text: 'Premier', kind: 'listItem', listNumber: '1' },
      { text: 'Deuxième', kind: 'listItem', listNumber: '2' },
      { text: 'Septième suite', kind: 'listItem', listNumber: '7' },
    ]);
  });

  it('does not take a wrapped "2023. Nous" line for a list item', () => {
    expect(blocksOf('réunies en avril\n2023. Nous affirmons')).toEqual([{ text: 'réunies en avril 2023. Nous affirmons', kind: 'paragraph' }]);
  });

  it('turns **bold** and *italic* into marks with offsets in the plain text', () => {
    expect(blocksOf('Le **thème** est *la coopération* et __ceci__ _cela_.')).toEqual([
      {
        text: 'Le thème est la coopération et ceci cela.',
        kind: 'paragraph',
        marks: [
          { from: 3, to: 8, mark: 'bold' },
          { from: 13, to: 27, mark: 'italic' },
          { from: 31, to: 35, mark: 'bold' },
          { from: 36, to: 40, mark: 'italic' },
        ],
      },
    ]);
  });

  it('marks ***both*** as bold and italic, and marks inside list items and headings', () => {
    expect(blocksOf('## Un ***vrai*** titre\n\n1. item *penché*')).toEqual([
      {
        text: 'Un vrai titre',
        kind: 'heading',
        level: 2,
        marks: [
          { from: 3, to: 7, mark: 'bold' },
          { from: 3, to: 7, mark: 'italic' },
        ],
      },
      { text: 'item penché', kind: 'listItem', listNumber: '1', marks: [{ from: 5, to: 11, mark: 'italic' }] },
    ]);
  });

  it('leaves lone stars, snake_case words and escaped stars alone', () => {
    expect(blocksOf('2 * 3 = 6, snake_case_name, \\*pas en italique\\*')).toEqual([
      { text: '2 * 3 = 6, snake_case_name, *pas en italique*', kind: 'paragraph' },
    ]);
  });

  it('keeps only the visible text of links and code spans', () => {
    expect(blocksOf('Voir [le site](https://example.org "titre") et `code *brut*`.')).toEqual([{ text: 'Voir le site et code *brut*.', kind: 'paragraph' }]);
  });

  it('drops thematic breaks and quote markers', () => {
    expect(blocksOf('> Citation\n\n---\n\nFin.')).toEqual([
      { text: 'Citation', kind: 'paragraph' },
      { text: 'Fin.', kind: 'paragraph' },
    ]);
  });

  it('computes mark offsets on the NFC text when the input is NFD', () => {
    const blocks = blocksOf('Hội **nghị** hợp tác'.normalize('NFD'));
    expect(blocks[0]).toEqual({ text: 'Hội nghị hợp tác'.normalize('NFC'), kind: 'paragraph', marks: [{ from: 4, to: 8, mark: 'bold' }] });
    expect(blocks[0]?.text.slice(4, 8)).toBe('nghị'.normalize('NFC'));
  });

  it('fails with "empty" on a document of only markup', () => {
    expect(parseMarkdown('#\n\n---\n')).toMatchObject({ ok: false, code: 'empty', reason: 'the file has no text' });
  });
});

describe('parseMarkdown with a mark between a letter and its accent', () => {
  it('composes the letter and accent and moves the mark boundary before the letter', () => {
    const result = parseMarkdown('Pe*\u0301rou*');
    expect(result.ok && result.value.blocks[0]).toEqual({ text: 'Pérou', kind: 'paragraph', marks: [{ from: 1, to: 5, mark: 'italic' }] });
  });
});

describe('Markdown inline HTML', () => {
  it('keeps the words of <sup>, <sub> and <span> and never shows their tags (the editor has no superscript mark)', () => {
    const parsed = parseMarkdown('Les XII<sup>es</sup> Assises, le 1<sup>er</sup> avril, <span lang="vi">Hà Nội</span>.');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.blocks[0]!.text).toBe('Les XIIes Assises, le 1er avril, Hà Nội.');
  });
});
