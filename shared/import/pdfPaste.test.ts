import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePdfPaste } from './pdfPaste.js';
import { splitByLanguage } from './splitByLanguage.js';
import type { ImportedBlock } from './types.js';

const FIXTURES = new URL('../../test/fixtures/assises-12/', import.meta.url);

function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The fixture's expected paragraphs: blocks separated by blank lines, compared after NFC. */
function expectedParagraphs(name: string): string[] {
  return readFixture(name)
    .normalize('NFC')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

function blocksOf(paste: string): readonly ImportedBlock[] {
  const result = parsePdfPaste(paste);
  if (!result.ok) throw new Error(result.reason);
  return result.value.blocks;
}

function textsOf(paste: string): string[] {
  return blocksOf(paste).map((block) => block.text);
}

describe('parsePdfPaste on the Assises 12 final declaration', () => {
  const paste = readFixture('final-declaration.pdf-paste.txt');
  const french = expectedParagraphs('final-declaration.fr.txt');
  const vietnamese = expectedParagraphs('final-declaration.vi.txt');

  it('has 17 expected paragraphs per language in the fixtures', () => {
    expect(french).toHaveLength(17);
    expect(vietnamese).toHaveLength(17);
  });

  it('yields exactly the 17 French then 17 Vietnamese paragraphs once split by language', () => {
    const split = splitByLanguage(blocksOf(paste), ['fr', 'vi']);
    if (!split.ok) throw new Error(split.reason);
    expect(split.value.fr?.map((block) => block.text)).toEqual(french);
    expect(split.value.vi?.map((block) => block.text)).toEqual(vietnamese);
  });

  it('rejoins the Vietnamese 3.2. split by a page break', () => {
    const paragraph = textsOf(paste).find((text) => text.startsWith('3.2. Ý thức'));
    expect(paragraph).toBe(vietnamese.find((text) => text.startsWith('3.2.')));
    expect(paragraph).toContain('thông qua chia sẻ nhận thức chung');
  });

  it('keeps the hyphen of socio-économique cut at a line end', () => {
    const texts = textsOf(paste);
    expect(texts.find((text) => text.startsWith('3.1. Conscientes'))).toContain('développement socio-économique durable.');
    expect(texts.find((text) => text.startsWith('3.4. À la lumière'))).toContain('développement socio-économique, de la croissance');
  });

  it('does not rejoin the French signature with the Vietnamese title after the page break', () => {
    const texts = textsOf(paste);
    expect(texts).toContain('L’ensemble des participants');
    expect(texts).toContain('TUYÊN BỐ CHUNG');
  });

  it('reads the capitalised titles as headings', () => {
    const headings = blocksOf(paste)
      .filter((block) => block.kind === 'heading')
      .map((block) => block.text);
    expect(headings).toEqual(['DECLARATION FINALE', 'TUYÊN BỐ CHUNG']);
  });
});

describe('parsePdfPaste rules', () => {
  it('rejoins lines wrapped inside a paragraph and collapses doubled spaces', () => {
    expect(textsOf('4.  Au regard de nos échanges \npendant ces  trois jours. \n\nSuite.')).toEqual([
      '4. Au regard de nos échanges pendant ces trois jours.',
      'Suite.',
    ]);
  });

  it('undoes end-of-line hyphenation when the document spells the word whole', () => {
    expect(textsOf('Le développement durable et le déve-\nloppement local.')).toEqual(['Le développement durable et le développement local.']);
  });

  it('keeps a hyphen at a line end when the word is unknown, and says so in a warning', () => {
    const result = parsePdfPaste('Un partenariat franco-\nvietnamien.');
    expect(result.ok && result.value.blocks[0]?.text).toBe('Un partenariat franco-vietnamien.');
    expect(result.ok && result.value.warnings).toEqual(['kept the hyphen of "franco-vietnamien" at a line end; check the word']);
  });

  it('removes soft hyphens, joining the word they cut at a line end', () => {
    expect(textsOf('la coopé\u00adra\u00ad\ntion décentralisée')).toEqual(['la coopération décentralisée']);
  });

  it('drops page numbers and running headers repeated on several pages', () => {
    const page = (body: string, number: number): string => `Assises 2023 – Déclaration finale\n\n${body}\n\n${number}\n`;
    const paste = [
      page('1. Premier paragraphe qui se termine.', 1),
      page('2. Second paragraphe coupé par la', 2),
      page('page suivante et qui se termine.', 3),
    ].join('\n');
    const result = parsePdfPaste(paste);
    expect(result.ok && result.value.blocks.map((block) => block.text)).toEqual([
      '1. Premier paragraphe qui se termine.',
      '2. Second paragraphe coupé par la page suivante et qui se termine.',
    ]);
    expect(result.ok && result.value.warnings).toEqual([
      'dropped a running header repeated on several pages: "Assises 2023 – Déclaration finale"',
      'dropped 3 page numbers',
    ]);
  });

  it('keeps a number that is part of a wrapped sentence', () => {
    expect(textsOf('Hội nghị lần thứ\n12\nđã diễn ra.')).toEqual(['Hội nghị lần thứ 12 đã diễn ra.']);
  });

  it('rejoins a paragraph cut by a page break when the next part starts in lowercase', () => {
    expect(textsOf('nous affirmons que la coopération\n\n\t\n\t\n\noffre des axes d’action.')).toEqual([
      'nous affirmons que la coopération offre des axes d’action.',
    ]);
  });

  it('rejoins a full line cut by a page break even before a capital', () => {
    const paste = [
      'Une ligne assez longue pour servir de largeur typique de la page ici,',
      'une autre ligne assez longue pour servir de largeur typique de la page,',
      'et encore une ligne tout aussi longue qui finit sans ponctuation en',
      '\t',
      '\t',
      'France et au Vietnam.',
    ].join('\n');
    expect(textsOf(paste)).toHaveLength(1);
  });

  it('does not rejoin a finished sentence, a numbered paragraph or a short closing line', () => {
    expect(textsOf('Fin de phrase.\n\nsuite en minuscule')).toHaveLength(2);
    expect(textsOf('Les conclusions suivantes\n\n3.1. Conscientes')).toHaveLength(2);
    expect(textsOf('Fait à Hanoï, le 15 avril 2023\n\nLes collectivités')).toHaveLength(2);
  });

  it('starts a new paragraph at a numbered line after a finished sentence', () => {
    expect(textsOf('3. Nous nous accordons :\n3.1. Conscientes des changements\nclimatiques.')).toEqual([
      '3. Nous nous accordons :',
      '3.1. Conscientes des changements climatiques.',
    ]);
  });

  it('turns NFD input into NFC text', () => {
    expect(textsOf('TUYÊN BỐ CHUNG\n\nHội nghị'.normalize('NFD'))).toEqual(['TUYÊN BỐ CHUNG', 'Hội nghị'.normalize('NFC')]);
  });

  it('fails with "empty" on a paste of only page furniture', () => {
    expect(parsePdfPaste('\t\n \n\t\n')).toMatchObject({ ok: false, code: 'empty' });
  });
});
