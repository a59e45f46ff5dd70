import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { TextSpan } from '../../shared/compare/canonical.js';
import { authenticityStatements } from '../../shared/publish/authenticity.js';
import type { DeclarationExport, ExportRow } from '../../shared/publish/declarationExport.js';
import { nativeLanguageName } from '../../shared/publish/languageNames.js';
import { documentDateLines, documentHeading, signatureLines } from '../../shared/publish/documentLabels.js';
import { raisedRuns } from '../../shared/text/raisedRuns.js';

// Noto Sans JP covers Latin with Vietnamese stacked diacritics, French and Japanese in one face,
// so every column reads in one typeface; pdfkit embeds only the glyphs used.
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

const MARGIN = 50;
const GUTTER = 14;
const LINE_GAP = 2;
const PARAGRAPH_GAP = 4;
/** A superscript's size against the text's (12es, XXIe siècle). */
const SUPERSCRIPT_SCALE = 0.65;
const ROW_GAP = 10;
const RULE_COLOR = '#bbbbbb';
const MUTED_COLOR = '#555555';

/** One document being laid out: the pdfkit document and the column geometry of the text table. */
interface Layout {
  readonly doc: PDFKit.PDFDocument;
  readonly exp: DeclarationExport;
  readonly fontSize: number;
  readonly contentWidth: number;
  readonly columnWidth: number;
  /** Height of the language header row, rule and gap included. */
  readonly headerHeight: number;
}

/**
 * Renders a declaration export as an A4 PDF: the languages side by side, one table row per
 * export row (never split across pages unless taller than a page), then the equal-authenticity
 * statements, the fingerprint and the signatures. The same export gives the same bytes.
 */
export async function renderDeclarationPdf(exp: DeclarationExport): Promise<Uint8Array> {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: exp.languages[0],
    displayTitle: true,
    bufferPages: true, // page numbers are written once the page count is known
    info: {
      Title: exp.title,
      Subject: `SHA-256 ${exp.sha256}`,
      Creator: 'Accord',
      Producer: 'Accord',
      // pdfkit derives the file ID from the info dictionary: a fixed date makes it (and the file) reproducible.
      CreationDate: creationDateOf(exp),
    },
  });
  const bytes = collect(doc);
  doc.registerFont('regular', fonts.regular).registerFont('bold', fonts.bold);
  const contentWidth = doc.page.width - 2 * MARGIN;
  const columns = Math.max(exp.languages.length, 1);
  const fontSize = columns <= 2 ? 10 : 9;
  const columnWidth = (contentWidth - GUTTER * (columns - 1)) / columns;
  const layout: Layout = { doc, exp, fontSize, contentWidth, columnWidth, headerHeight: measureHeader(doc, exp.languages, fontSize, columnWidth) };
  drawTitle(layout);
  drawRows(layout);
  drawClosing(layout);
  drawFooters(layout);
  doc.end();
  return bytes;
}

let fontCache: Record<FontName, Buffer> | undefined;

// The regular face is 5 MB: read once per process, not per request.
function loadFonts(): Record<FontName, Buffer> {
  if (fontCache) return fontCache;
  const require = createRequire(import.meta.url);
  fontCache = { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fontCache;
}

function creationDateOf(exp: DeclarationExport): Date {
  const date = exp.date === null ? new Date(0) : new Date(`${exp.date}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

function drawTitle({ doc, exp, contentWidth }: Layout): void {
  doc.font('bold').fontSize(16).fillColor('black').text(displayText(exp.title), MARGIN, MARGIN, { width: contentWidth, lineGap: LINE_GAP });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(10).fillColor(MUTED_COLOR);
  for (const { lang, text } of documentDateLines(exp)) marked(doc, lang, () => doc.text(text, MARGIN, doc.y, { width: contentWidth }));
  doc.fillColor('black').moveDown(1);
}

/** The language table: a header of language names, then each row kept whole on one page. */
function drawRows(layout: Layout): void {
  const { doc, exp } = layout;
  let headerShown = false;
  for (const row of exp.rows) {
    const height = rowHeight(layout, row);
    if (height > pageCapacity(layout)) {
      drawTallRow(layout, row);
      headerShown = false;
      continue;
    }
    const needed = height + (headerShown ? 0 : layout.headerHeight);
    if (doc.y + needed > doc.page.maxY()) {
      doc.addPage();
      headerShown = false;
    }
    if (!headerShown) drawHeader(layout);
    headerShown = true;
    drawRow(layout, row, height);
  }
}

function drawHeader(layout: Layout): void {
  const { doc, exp } = layout;
  const top = doc.y;
  doc.font('bold').fontSize(layout.fontSize);
  exp.languages.forEach((lang, i) =>
    marked(doc, lang, () => doc.text(nativeLanguageName(lang), columnX(layout, i), top, { width: layout.columnWidth, lineGap: LINE_GAP })),
  );
  doc.y = top + layout.headerHeight - ROW_GAP / 2;
  rule(layout);
  doc.y += ROW_GAP / 2;
}

function measureHeader(doc: PDFKit.PDFDocument, languages: readonly string[], fontSize: number, width: number): number {
  doc.font('bold').fontSize(fontSize);
  return Math.max(...languages.map((lang) => doc.heightOfString(nativeLanguageName(lang), { width, lineGap: LINE_GAP }))) + ROW_GAP;
}

function drawRow(layout: Layout, row: ExportRow, height: number): void {
  const { doc, exp } = layout;
  const top = doc.y;
  doc.font('regular').fontSize(layout.fontSize);
  exp.languages.forEach((lang, i) => {
    let y = top;
    (row.text[lang] ?? []).forEach((paragraph, k) => {
      marked(doc, lang, () => drawParagraph(layout, paragraph, row.superscripts?.[lang]?.[k], columnX(layout, i), y, layout.columnWidth));
      y = doc.y + PARAGRAPH_GAP;
    });
  });
  doc.y = top + height + ROW_GAP / 2;
  rule(layout);
  doc.y += ROW_GAP / 2;
}

/** A row taller than a page: its cells one after another, full width, flowing over pages. */
function drawTallRow(layout: Layout, row: ExportRow): void {
  const { doc, exp } = layout;
  if (doc.y + 3 * lineHeight(layout) > doc.page.maxY()) doc.addPage();
  for (const lang of exp.languages) {
    doc.font('bold').fontSize(layout.fontSize);
    marked(doc, lang, () => doc.text(nativeLanguageName(lang), MARGIN, doc.y, { width: layout.contentWidth }));
    doc.font('regular');
    (row.text[lang] ?? []).forEach((paragraph, k) => {
      marked(doc, lang, () => drawParagraph(layout, paragraph, row.superscripts?.[lang]?.[k], MARGIN, doc.y, layout.contentWidth));
      doc.y += PARAGRAPH_GAP;
    });
    doc.y += PARAGRAPH_GAP;
  }
  doc.y += ROW_GAP / 2 - PARAGRAPH_GAP;
  rule(layout);
  doc.y += ROW_GAP / 2;
}

/**
 * One paragraph of the text. Noto Sans JP has no superscript glyphs (no `sups` feature), so a
 * superscript is the same face smaller: pdfkit aligns each piece's top with the line's, which
 * raises it. Its line gap makes up for its smaller line height, so lines advance as without it.
 */
function drawParagraph(layout: Layout, text: string, superscripts: readonly TextSpan[] | undefined, x: number, y: number, width: number): void {
  const { doc, fontSize } = layout;
  const runs = raisedRuns(text, superscripts);
  if (runs.length === 1) {
    doc.text(displayText(text), x, y, { width, lineGap: LINE_GAP });
    return;
  }
  const lineHeight = doc.fontSize(fontSize).currentLineHeight(true);
  const raisedGap = LINE_GAP + lineHeight - doc.fontSize(fontSize * SUPERSCRIPT_SCALE).currentLineHeight(true);
  runs.forEach((run, i) => {
    doc.fontSize(run.superscript ? fontSize * SUPERSCRIPT_SCALE : fontSize);
    const options = { width, lineGap: run.superscript ? raisedGap : LINE_GAP, continued: i < runs.length - 1 };
    if (i === 0) doc.text(displayText(run.text), x, y, options);
    else doc.text(displayText(run.text), options);
  });
  doc.fontSize(fontSize);
}

function rowHeight(layout: Layout, row: ExportRow): number {
  const { doc, exp } = layout;
  doc.font('regular').fontSize(layout.fontSize);
  const cell = (paragraphs: readonly string[]): number =>
    paragraphs.reduce(
      (sum, p, k) => sum + (k > 0 ? PARAGRAPH_GAP : 0) + doc.heightOfString(displayText(p), { width: layout.columnWidth, lineGap: LINE_GAP }),
      0,
    );
  return Math.max(0, ...exp.languages.map((lang) => cell(row.text[lang] ?? [])));
}

/** The tallest row a fresh page holds below the header. */
function pageCapacity(layout: Layout): number {
  const { doc } = layout;
  return doc.page.maxY() - doc.page.margins.top - layout.headerHeight - ROW_GAP;
}

function lineHeight(layout: Layout): number {
  return layout.doc.fontSize(layout.fontSize).currentLineHeight(true) + LINE_GAP;
}

function columnX(layout: Layout, column: number): number {
  return MARGIN + column * (layout.columnWidth + GUTTER);
}

function rule({ doc, contentWidth }: Layout): void {
  doc
    .save()
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + contentWidth, doc.y)
    .lineWidth(0.5)
    .strokeColor(RULE_COLOR)
    .stroke()
    .restore();
}

/** Authenticity statements, fingerprint and signatures, each block kept off a page's last lines. */
function drawClosing(layout: Layout): void {
  const { doc, exp, contentWidth } = layout;
  const block = (lines: number): void => {
    if (doc.y + lines * lineHeight(layout) > doc.page.maxY()) doc.addPage();
    doc.x = MARGIN;
  };
  doc.moveDown(1);
  doc.font('regular').fontSize(10);
  for (const { lang, text } of authenticityStatements(exp.languages)) {
    block(2);
    marked(doc, lang, () => doc.text(text, MARGIN, doc.y, { width: contentWidth, lineGap: LINE_GAP }));
  }
  doc.moveDown(1);
  block(3);
  doc.font('bold').text(
    documentHeading(exp, (w) => w.fingerprintHeading),
    { width: contentWidth },
  );
  doc.font('regular').text(exp.sha256, { width: contentWidth });
  doc.moveDown(1);
  block(3);
  doc.font('bold').text(
    documentHeading(exp, (w) => w.signaturesHeading),
    { width: contentWidth },
  );
  doc.font('regular');
  for (const { lang, text } of signatureLines(exp, displayText)) {
    block(1);
    marked(doc, lang, () => doc.text(text, MARGIN, doc.y, { width: contentWidth, lineGap: LINE_GAP }));
  }
}

// Every page names the fingerprint, so a loose page can be matched to its declaration.
function drawFooters({ doc, exp, contentWidth }: Layout): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text in the margin would otherwise open a new page
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED_COLOR)
      .text(`SHA-256 ${exp.sha256.slice(0, 16)}… · ${i + 1} / ${count}`, MARGIN, doc.page.height - MARGIN / 2 - 4, {
        width: contentWidth,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Marks the text's language in the content stream, so screen readers and search read it right. */
function marked(doc: PDFKit.PDFDocument, lang: string, draw: () => void): void {
  doc.markContent('Span', { lang });
  draw();
  doc.endMarkedContent();
}

// Noto Sans JP has no narrow or thin spaces: draw them as the nearest space it has (keeping
// no-break ones unbreakable), and drop control characters rather than draw empty boxes.
const SUBSTITUTES: Readonly<Record<string, string>> = { '\u202F': '\u00A0', '\u2007': '\u00A0', '\u2009': ' ', '\u200A': ' ', '\u2008': ' ' };
const UNDRAWABLE = /[\u0000-\u0008\u000B-\u001F\u007F\u200B\u2060]|[\u202F\u2007\u2008\u2009\u200A]/gu;

/** The text as drawn: what the export says, with the characters the font lacks replaced or dropped. */
function displayText(text: string): string {
  return text.replace(UNDRAWABLE, (ch) => SUBSTITUTES[ch] ?? '');
}
