import {
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { TextSpan } from '../../shared/compare/canonical.js';
import type { NamingLanguage } from '../../shared/model/delegationNames.js';
import { cellKey, trackAuthor, trackedPieces, type ParagraphTrack } from '../../shared/negotiation/suggestionTracks.js';
import { stripXmlIllegal } from '../../shared/publish/akomaNtoso.js';
import { authenticityStatements } from '../../shared/publish/authenticity.js';
import type { DeclarationExport, ExportRow } from '../../shared/publish/declarationExport.js';
import { nativeLanguageName } from '../../shared/publish/languageNames.js';
import { raisedRuns } from '../../shared/text/raisedRuns.js';
import { documentDateLines, documentHeading, signatureLines } from '../../shared/publish/documentLabels.js';

// An A4 page's text width in twips (docx's default page and margins).
const TEXT_WIDTH = 9026;

/** Opt-in: pending suggestions as Word tracked changes over the authentic text. */
export interface DocxSuggestions {
  /** By `cellKey(row, lang, index)`; a track applies only to a paragraph with its very text. */
  readonly tracks: ReadonlyMap<string, ParagraphTrack>;
  /** Language the authors (delegations) are named in. */
  readonly ui: NamingLanguage;
}

/** Word requires a distinct id on every revision of the document. */
interface Revisions {
  readonly suggestions: DocxSuggestions | null;
  next: number;
}

/**
 * Renders a declaration export as a .docx: title and freeze date, a table with one column per
 * language and one row per export row (every run tagged with its language, so Word spell-checks
 * and picks fonts per column), then the equal-authenticity statements, fingerprint and signatures.
 * With `suggestions`, pending ones show as insertions and deletions by the proposing delegation;
 * the fingerprint printed is still that of the authentic text.
 */
export async function renderDeclarationDocx(exp: DeclarationExport, suggestions: DocxSuggestions | null = null): Promise<Uint8Array> {
  const revisions: Revisions = { suggestions, next: 1 };
  const document = new Document({
    creator: 'Accord',
    title: clean(exp.title),
    description: `SHA-256 ${exp.sha256}`,
    sections: [{ children: [...buildHeading(exp), buildTable(exp, revisions), ...buildClosing(exp)] }],
  });
  return Packer.pack(document, 'uint8array');
}

function buildHeading(exp: DeclarationExport): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(clean(exp.title))] }),
    ...documentDateLines(exp).map(({ lang, text }) => new Paragraph({ children: [run(text, lang)] })),
  ];
}

function buildTable(exp: DeclarationExport, revisions: Revisions): Table {
  const header = new TableRow({
    tableHeader: true, // repeated at the top of every page
    children: exp.languages.map((lang) => new TableCell({ children: [new Paragraph({ children: [run(nativeLanguageName(lang), lang, { bold: true })] })] })),
  });
  const width = Math.floor(TEXT_WIDTH / Math.max(exp.languages.length, 1));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: exp.languages.map(() => width),
    rows: [header, ...exp.rows.map((row) => buildRow(row, exp.languages, revisions))],
  });
}

function buildRow(row: ExportRow, languages: readonly string[], revisions: Revisions): TableRow {
  return new TableRow({
    cantSplit: fitsOnePage(row, languages),
    children: languages.map((lang) => {
      const paragraphs = (row.text[lang] ?? []).map(
        (text, i) => new Paragraph({ children: paragraphRuns(text, row.superscripts?.[lang]?.[i], lang, revisions, cellKey(row.id, lang, i)) }),
      );
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

/** A paragraph's runs: the text with its superscripts, or with suggestions its tracked changes over it (on the line). */
function paragraphRuns(text: string, superscripts: readonly TextSpan[] | undefined, lang: string, revisions: Revisions, key: string): ParagraphChild[] {
  const track = revisions.suggestions?.tracks.get(key);
  if (!track || track.text !== text)
    return raisedRuns(text, superscripts).map((piece) => run(piece.text, lang, piece.superscript ? { superScript: true } : {}));
  const ui = revisions.suggestions!.ui;
  return trackedPieces(track).map((piece) => {
    if (piece.op === 'equal' || !piece.by) return run(piece.text, lang);
    // Word is happiest with whole seconds.
    const date = new Date(piece.by.at).toISOString().replace(/\.\d+Z$/u, 'Z');
    const options = {
      id: revisions.next++,
      author: clean(trackAuthor(piece.by.author, ui)),
      date,
      text: clean(piece.text),
      language: { value: lang, eastAsia: lang },
    };
    return piece.op === 'insert' ? new InsertedTextRun(options) : new DeletedTextRun(options);
  });
}

/** A run of text in one language; East Asian text has its own language slot in Word. */
function run(text: string, lang: string, options: { bold?: boolean; superScript?: boolean } = {}): TextRun {
  return new TextRun({ text: clean(text), language: { value: lang, eastAsia: lang }, ...options });
}

// The characters XML cannot carry go as in the Akoma Ntoso export (docx alone would turn a lone surrogate into U+FFFD).
function clean(text: string): string {
  return stripXmlIllegal(text);
}
