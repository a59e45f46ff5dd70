import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { stripXmlIllegal } from '../../shared/publish/akomaNtoso.js';
import { authenticityStatements } from '../../shared/publish/authenticity.js';
import type { DeclarationExport, ExportRow } from '../../shared/publish/declarationExport.js';
import { keyLabel } from '../../shared/publish/signature.js';
import { nativeLanguageName } from '../../shared/publish/languageNames.js';
import { documentDateLines, documentHeading, signatureLines } from '../../shared/publish/documentLabels.js';

// An A4 page's text width in twips (docx's default page and margins).
const TEXT_WIDTH = 9026;

/**
 * Renders a declaration export as a .docx: title and freeze date, a table with one column per
 * language and one row per export row (every run tagged with its language, so Word spell-checks
 * and picks fonts per column), then the equal-authenticity statements, fingerprint and signatures.
 */
export async function renderDeclarationDocx(exp: DeclarationExport): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Accord',
    title: clean(exp.title),
    description: `SHA-256 ${exp.sha256}`,
    sections: [{ children: [...buildHeading(exp), buildTable(exp), ...buildClosing(exp)] }],
  });
  return Packer.pack(document, 'uint8array');
}

function buildHeading(exp: DeclarationExport): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(clean(exp.title))] }),
    ...documentDateLines(exp).map(({ lang, text }) => new Paragraph({ children: [run(text, lang)] })),
  ];
}

function buildTable(exp: DeclarationExport): Table {
  const header = new TableRow({
    tableHeader: true, // repeated at the top of every page
    children: exp.languages.map((lang) => new TableCell({ children: [new Paragraph({ children: [run(nativeLanguageName(lang), lang, { bold: true })] })] })),
  });
  const width = Math.floor(TEXT_WIDTH / Math.max(exp.languages.length, 1));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: exp.languages.map(() => width),
    rows: [header, ...exp.rows.map((row) => buildRow(row, exp.languages))],
  });
}

function buildRow(row: ExportRow, languages: readonly string[]): TableRow {
  return new TableRow({
    cantSplit: fitsOnePage(row, languages),
    children: languages.map((lang) => {
      const paragraphs = (row.text[lang] ?? []).map((text) => new Paragraph({ children: [run(text, lang)] }));
      // Word needs a paragraph in every cell, even a language with no text in this row.
      return new TableCell({ children: paragraphs.length > 0 ? paragraphs : [new Paragraph({})] });
    }),
  });
}

// Rough capacity of a column on an A4 page at Word's default 11 pt, with room for the header row.
const LINES_PER_PAGE = 40;
const CHARACTERS_PER_LINE = 80;

/**
 * Whether a row may be kept whole on one page (so the versions are read side by side). Word
 * clips, rather than breaks, an unsplittable row taller than a page, so a long row may split.
 */
function fitsOnePage(row: ExportRow, languages: readonly string[]): boolean {
  const perLine = Math.max(1, Math.floor(CHARACTERS_PER_LINE / Math.max(languages.length, 1)));
  const lines = (lang: string): number => (row.text[lang] ?? []).reduce((sum, p) => sum + Math.max(1, Math.ceil(p.length / perLine)), 0);
  return Math.max(0, ...languages.map(lines)) <= LINES_PER_PAGE;
}

function buildClosing(exp: DeclarationExport): Paragraph[] {
  const heading = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
  const signatures = signatureLines(exp).map(({ lang, text }) => new Paragraph({ children: [run(text, lang)] }));
  return [
    new Paragraph({}),
    ...authenticityStatements(exp.languages).map(({ lang, text }) => new Paragraph({ children: [run(text, lang)] })),
    heading(documentHeading(exp, (w) => w.fingerprintHeading)),
    new Paragraph({ children: [new TextRun(exp.sha256)] }),
    heading(documentHeading(exp, (w) => w.signaturesHeading)),
    ...signatures,
  ];
}

/** A run of text in one language; East Asian text has its own language slot in Word. */
function run(text: string, lang: string, options: { bold?: boolean } = {}): TextRun {
  return new TextRun({ text: clean(text), language: { value: lang, eastAsia: lang }, ...options });
}

// The characters XML cannot carry go as in the Akoma Ntoso export (docx alone would turn a lone surrogate into U+FFFD).
function clean(text: string): string {
  return stripXmlIllegal(text);
}

