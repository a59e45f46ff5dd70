import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { MAX_DOCX_BYTES } from '../../shared/import/limits.js';
import { parseDocx } from './docx.js';
import { mammothHtmlToDocument } from './mammothHtml.js';

const NUMBERING = {
  config: [
    {
      reference: 'points',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
        { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', alignment: AlignmentType.START },
      ],
    },
  ],
};

async function buildDocx(children: Paragraph[]): Promise<Uint8Array> {
  const document = new Document({ numbering: NUMBERING, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

describe('parseDocx', () => {
  it('round-trips headings, numbered items, bold/italic, Vietnamese and French with non-breaking spaces', async () => {
    const docx = await buildDocx([
      new Paragraph({ text: 'DÉCLARATION FINALE', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: 'Préambule', heading: HeadingLevel.HEADING_2 }),
      new Paragraph({
        children: [
          new TextRun('Le thème\u00a0: '),
          new TextRun({ text: '«\u00a0Coopération décentralisée\u00a0»', bold: true }),
          new TextRun(', moteur pour la '),
          new TextRun({ text: 'reprise', italics: true }),
          new TextRun('\u00a0!'),
        ],
      }),
      new Paragraph({ text: 'Nous, collectivités territoriales.', numbering: { reference: 'points', level: 0 } }),
      new Paragraph({ text: 'Conscientes des changements.', numbering: { reference: 'points', level: 1 } }),
      new Paragraph({ text: 'Considérant le besoin.', numbering: { reference: 'points', level: 1 } }),
      new Paragraph({ text: 'Au regard de nos échanges.', numbering: { reference: 'points', level: 0 } }),
      new Paragraph({ text: 'TUYÊN BỐ CHUNG', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({
        children: [new TextRun('Chúng tôi, các '), new TextRun({ text: 'địa phương', bold: true }), new TextRun(' Việt Nam và Pháp.')],
      }),
      new Paragraph({ text: '' }),
      new Paragraph({ text: 'une puce', bullet: { level: 0 } }),
    ]);
    const result = await parseDocx(docx);
    expect(result).toEqual({
      ok: true,
      value: {
        blocks: [
          { text: 'DÉCLARATION FINALE', kind: 'heading', level: 1 },
          { text: 'Préambule', kind: 'heading', level: 2 },
          {
            text: 'Le thème\u00a0: «\u00a0Coopération décentralisée\u00a0», moteur pour la reprise\u00a0!',
            kind: 'paragraph',
            marks: [
              { from: 11, to: 40, mark: 'bold' },
              { from: 57, to: 64, mark: 'italic' },
            ],
          },
          { text: 'Nous, collectivités territoriales.', kind: 'listItem', listNumber: '1' },
          { text: 'Conscientes des changements.', kind: 'listItem', listNumber: '1.1' },
          { text: 'Considérant le besoin.', kind: 'listItem', listNumber: '1.2' },
          { text: 'Au regard de nos échanges.', kind: 'listItem', listNumber: '2' },
          { text: 'TUYÊN BỐ CHUNG', kind: 'heading', level: 1 },
          { text: 'Chúng tôi, các địa phương Việt Nam và Pháp.', kind: 'paragraph', marks: [{ from: 15, to: 25, mark: 'bold' }] },
          { text: 'une puce', kind: 'listItem' },
        ],
        warnings: [],
      },
    });
  });

  it('turns decomposed (NFD) Word text into NFC and keeps its marks on the right letters', async () => {
    const nfd = (text: string): string => text.normalize('NFD');
    const docx = await buildDocx([new Paragraph({ children: [new TextRun(nfd('Hội nghị ')), new TextRun({ text: nfd('hợp tác'), italics: true })] })]);
    const result = await parseDocx(docx);
    if (!result.ok) throw new Error(result.reason);
    const block = result.value.blocks[0];
    expect(block?.text).toBe('Hội nghị hợp tác'.normalize('NFC'));
    expect(block?.marks).toEqual([{ from: 9, to: 16, mark: 'italic' }]);
    expect(block?.text.slice(9, 16)).toBe('hợp tác'.normalize('NFC'));
  });

  it('reads Word superscript runs (12es Assises, XXIe siècle) as superscript marks', async () => {
    const docx = await buildDocx([
      new Paragraph({
        children: [
          new TextRun('Les 12'),
          new TextRun({ text: 'es', superScript: true }),
          new TextRun(' Assises du XXI'),
          new TextRun({ text: 'e', superScript: true }),
          new TextRun(' siècle'),
        ],
      }),
    ]);
    const result = await parseDocx(docx);
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.blocks).toEqual([
      {
        text: 'Les 12es Assises du XXIe siècle',
        kind: 'paragraph',
        marks: [
          { from: 6, to: 8, mark: 'superscript' },
          { from: 23, to: 24, mark: 'superscript' },
        ],
      },
    ]);
  });

  it('fails with "unsupported" on a file that is not a .docx', async () => {
    const text = new TextEncoder().encode('Nous, collectivités territoriales');
    expect(await parseDocx(text)).toEqual({ ok: false, code: 'unsupported', reason: 'the file is not a .docx document' });
  });

  it('fails with "unreadable" on a damaged .docx', async () => {
    const docx = await buildDocx([new Paragraph({ text: 'texte' })]);
    expect(await parseDocx(docx.slice(0, 200))).toMatchObject({ ok: false, code: 'unreadable' });
  });

  it('fails with "empty" on an empty file and on a document without text', async () => {
    expect(await parseDocx(new Uint8Array())).toEqual({ ok: false, code: 'empty', reason: 'the file is empty' });
    expect(await parseDocx(await buildDocx([new Paragraph({ text: '' })]))).toEqual({
      ok: false,
      code: 'empty',
      reason: 'the file has no text',
    });
  });

  it('fails with "too-large" above 20 MB without reading the file', async () => {
    expect(await parseDocx(new Uint8Array(MAX_DOCX_BYTES + 1))).toMatchObject({ ok: false, code: 'too-large' });
  });
});

describe('mammothHtmlToDocument', () => {
  it('decodes entities, collapses whitespace and turns <br> into a space', () => {
    expect(mammothHtmlToDocument('<p>a &lt; b &amp;&#160;c&#x2019;s\n  <br />suite</p>').blocks).toEqual([
      { text: 'a < b &\u00a0c’s suite', kind: 'paragraph' },
    ]);
  });

  it('reads every named entity and attributes in any quoting, as an HTML parser does', () => {
    expect(mammothHtmlToDocument('<p>D&eacute;claration&nbsp;&laquo;&thinsp;Hà&hellip;&raquo;<!-- note --></p>').blocks).toEqual([
      { text: 'Déclaration\u00a0«\u2009Hà…»', kind: 'paragraph' },
    ]);
    // A footnote reference with single quotes is left out like any other.
    expect(mammothHtmlToDocument("<p>Texte<sup><a href='#footnote-1' id='ref-1'>[1]</a></sup>.</p>").blocks).toEqual([{ text: 'Texte.', kind: 'paragraph' }]);
  });

  it('merges bold runs that Word split in two and keeps marks off the spaces', () => {
    expect(mammothHtmlToDocument('<p>un <strong>mot </strong><strong>gras</strong> ici</p>').blocks).toEqual([
      { text: 'un mot gras ici', kind: 'paragraph', marks: [{ from: 3, to: 11, mark: 'bold' }] },
    ]);
  });

  it('leaves out footnotes, with a warning', () => {
    const html =
      '<p>Texte<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.</p>' +
      '<ol><li id="footnote-1"><p>Une note. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(mammothHtmlToDocument(html)).toEqual({
      blocks: [{ text: 'Texte.', kind: 'paragraph' }],
      warnings: ['footnotes and endnotes were left out'],
    });
  });

  it('flattens tables into one paragraph per cell, with a warning', () => {
    const html = '<table><tr><td><p>Hà Nội</p></td><td>Paris</td></tr></table>';
    expect(mammothHtmlToDocument(html)).toEqual({
      blocks: [
        { text: 'Hà Nội', kind: 'paragraph' },
        { text: 'Paris', kind: 'paragraph' },
      ],
      warnings: ['tables were flattened: each cell became a paragraph'],
    });
  });
});
