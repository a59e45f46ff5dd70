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
  it('turns 12<sup>es</sup> into a superscript mark on "es", never literal tags', () => {
    expect(blocksOf('Les 12<sup>es</sup> Assises')).toEqual([
      { text: 'Les 12es Assises', kind: 'paragraph', marks: [{ from: 6, to: 8, mark: 'superscript' }] },
    ]);
  });

  it('marks French ordinals and centuries, and keeps the words of <span>', () => {
    const blocks = blocksOf('Les XII<sup>es</sup> Assises, le 1<SUP>er</SUP> avril, au XXI<sup>e</sup> siècle, <span lang="vi">Hà Nội</span>.');
    expect(blocks).toEqual([
      {
        text: 'Les XIIes Assises, le 1er avril, au XXIe siècle, Hà Nội.',
        kind: 'paragraph',
        marks: [
          { from: 7, to: 9, mark: 'superscript' },
          { from: 23, to: 25, mark: 'superscript' },
          { from: 39, to: 40, mark: 'superscript' },
        ],
      },
    ]);
  });

  it('combines superscript with bold', () => {
    expect(blocksOf('**1<sup>re</sup> partie**')).toEqual([
      {
        text: '1re partie',
        kind: 'paragraph',
        marks: [
          { from: 0, to: 10, mark: 'bold' },
          { from: 1, to: 3, mark: 'superscript' },
        ],
      },
    ]);
  });
});

describe('Markdown read by CommonMark rules (cases the hand-written parser got wrong)', () => {
  it('keeps shorter backtick runs inside a code span', () => {
    expect(blocksOf('Écrire `a ``b`` c` tel quel.')).toEqual([{ text: 'Écrire a ``b`` c tel quel.', kind: 'paragraph' }]);
  });

  it('drops every marker of nested quotes', () => {
    expect(blocksOf('> > Citation\n> > suite')).toEqual([{ text: 'Citation suite', kind: 'paragraph' }]);
  });

  it('decodes HTML entities', () => {
    expect(blocksOf('Recherche &amp; développement, caf&eacute;, &#7897;')).toEqual([{ text: 'Recherche & développement, café, ộ', kind: 'paragraph' }]);
  });

  it('keeps the text of autolinks and reference links, and drops the reference definitions', () => {
    expect(blocksOf('Voir <https://example.org> et [le site][1].\n\n[1]: https://example.org/declaration')).toEqual([
      { text: 'Voir https://example.org et le site.', kind: 'paragraph' },
    ]);
  });

  it('escapes what would otherwise be a heading, a list or emphasis', () => {
    expect(blocksOf('\\# Pas un titre\n\n1\\. Pas une liste, \\*pas penché\\*, C:\\\\chemin')).toEqual([
      { text: '# Pas un titre', kind: 'paragraph' },
      { text: '1. Pas une liste, *pas penché*, C:\\chemin', kind: 'paragraph' },
    ]);
  });

  it('reads emphasis nested inside emphasis, and leaves an unclosed run as stars', () => {
    expect(blocksOf('***Nous** affirmons*, *(**ceci**)* et **non fermé')).toEqual([
      {
        text: 'Nous affirmons, (ceci) et **non fermé',
        kind: 'paragraph',
        marks: [
          { from: 0, to: 4, mark: 'bold' },
          { from: 0, to: 14, mark: 'italic' },
          { from: 16, to: 22, mark: 'italic' },
          { from: 17, to: 21, mark: 'bold' },
        ],
      },
    ]);
  });

  it('makes each item of a nested list its own paragraph, and a later paragraph of an item a plain paragraph', () => {
    expect(blocksOf('1. Eau\n   - potable\n   - usée\n2. Climat\n\n   Suite du climat.')).toEqual([
      { text: 'Eau', kind: 'listItem', listNumber: '1' },
      { text: 'potable', kind: 'listItem' },
      { text: 'usée', kind: 'listItem' },
      { text: 'Climat', kind: 'listItem', listNumber: '2' },
      { text: 'Suite du climat.', kind: 'paragraph' },
    ]);
  });

  it('reads a tab-indented paragraph as prose, not as code', () => {
    expect(blocksOf('\tNous affirmons *ceci*.')).toEqual([{ text: 'Nous affirmons ceci.', kind: 'paragraph', marks: [{ from: 15, to: 19, mark: 'italic' }] }]);
  });

  it('keeps fenced code verbatim, without emphasis', () => {
    expect(blocksOf('```\na *b*\nc\n```')).toEqual([{ text: 'a *b* c', kind: 'paragraph' }]);
  });
});

describe('Markdown inline and block HTML (read as tokens, never passed on as markup)', () => {
  it('keeps the words of <sub> and of an unclosed <sup>', () => {
    expect(blocksOf('H<sub>2</sub>O, le 1<sup>er avril')).toEqual([{ text: 'H2O, le 1er avril', kind: 'paragraph' }]);
  });

  it('turns <b>, <strong>, <i> and <em> into marks; <u> keeps its words only (the editor has no underline)', () => {
    expect(blocksOf('<b>gras</b> <strong>fort</strong> <i>penché</i> <em>appuyé</em> <u>souligné</u> <b>ouvert')).toEqual([
      {
        text: 'gras fort penché appuyé souligné ouvert',
        kind: 'paragraph',
        marks: [
          { from: 0, to: 4, mark: 'bold' },
          { from: 5, to: 9, mark: 'bold' },
          { from: 10, to: 16, mark: 'italic' },
          { from: 17, to: 23, mark: 'italic' },
        ],
      },
    ]);
  });

  it('separates words at <br> and block tags', () => {
    expect(blocksOf('un<br>deux<br/>trois</p><p>quatre')).toEqual([{ text: 'un deux trois  quatre', kind: 'paragraph' }]);
  });

  it('reads the words of an HTML block, Markdown inside included', () => {
    expect(blocksOf('<div align="center">\n**Déclaration de Hà Nội**\n</div>\n\nTexte.')).toEqual([
      { text: 'Déclaration de Hà Nội', kind: 'paragraph', marks: [{ from: 0, to: 21, mark: 'bold' }] },
      { text: 'Texte.', kind: 'paragraph' },
    ]);
  });

  it('drops scripts, styles and comments, and never keeps a tag or an attribute', () => {
    const blocks = blocksOf(
      '<script>alert(1)</script>\n\n<style>p { color: red }</style>\n\n<!-- note -->\n\nTexte <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">lien</a>',
    );
    expect(blocks).toEqual([{ text: 'Texte  lien', kind: 'paragraph' }]);
  });
});

describe('Markdown in the three languages of the examples', () => {
  it('Vietnamese: composes NFD input and keeps marks on whole letters, bold ending on punctuation before a letter', () => {
    expect(blocksOf('## Điều 1.\n\n**Điều 1.**Mục đích: *hợp tác* văn hoá'.normalize('NFD'))).toEqual([
      { text: 'Điều 1.', kind: 'heading', level: 2 },
      {
        text: 'Điều 1.Mục đích: hợp tác văn hoá'.normalize('NFC'),
        kind: 'paragraph',
        marks: [
          { from: 0, to: 7, mark: 'bold' },
          { from: 17, to: 24, mark: 'italic' },
        ],
      },
    ]);
  });

  it('French: keeps « », narrow no-break spaces and no-break spaces around marks', () => {
    expect(blocksOf('Le *«\u202fthème\u202f»*\u202f: **la coopération**\u00a0!')).toEqual([
      {
        text: 'Le «\u202fthème\u202f»\u202f: la coopération\u00a0!',
        kind: 'paragraph',
        marks: [
          { from: 3, to: 12, mark: 'italic' },
          { from: 15, to: 29, mark: 'bold' },
        ],
      },
    ]);
  });

  it('Japanese: emphasis closes after full-width punctuation with no space around it', () => {
    expect(blocksOf('# 第1条（目的）\n\n**「協力」**と*文化*の交流。')).toEqual([
      { text: '第1条（目的）', kind: 'heading', level: 1 },
      {
        text: '「協力」と文化の交流。',
        kind: 'paragraph',
        marks: [
          { from: 0, to: 4, mark: 'bold' },
          { from: 5, to: 7, mark: 'italic' },
        ],
      },
    ]);
  });
});
