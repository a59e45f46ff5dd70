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
import type { ComparedRow, Comparison, WordChange } from '../../shared/compare/comparison.js';
import { columnLanguages, fillTemplate, languageLabel, resolveUiStrings, type ComparisonMeta, type ComparisonUiStrings } from '../../shared/compare/labels.js';
import { splitLanguagesByChange } from '../../shared/compare/languageChange.js';
import type { NamingLanguage } from '../../shared/model/delegationNames.js';
import { raisedRuns } from '../../shared/text/raisedRuns.js';
import { trackAuthor } from '../../shared/negotiation/suggestionTracks.js';

/** What the DOCX rendering is told: the comparison's meta, and the date its revisions carry. */
export interface ComparisonDocxMeta extends ComparisonMeta {
  /** ISO 8601 date of the tracked changes; now when absent. */
  readonly revisionDate?: string;
  /** Language the authors of suggestions (delegations) are named in; English when absent. */
  readonly authorLanguage?: NamingLanguage;
}

/** Author of every tracked change, so Word's reviewing pane says where they came from. */
export const REVISION_AUTHOR = 'Accord';

/** Shared by every run of one export. */
interface Context {
  readonly meta: ComparisonDocxMeta;
  readonly strings: ComparisonUiStrings;
  readonly languages: readonly string[];
  readonly date: string;
  /** Word requires a distinct id on every revision of the document. */
  nextRevisionId: number;
}

/**
 * Renders a comparison as a .docx whose changes are Word tracked changes (insertions and
 * deletions by "Accord"): one table row per comparison row, one column per language.
 */
export async function renderComparisonDocx(comparison: Comparison, meta: ComparisonDocxMeta): Promise<Uint8Array> {
  const context: Context = {
    meta,
    strings: resolveUiStrings(meta),
    languages: columnLanguages(meta, comparison.rows),
    date: revisionDateOf(meta),
    nextRevisionId: 1,
  };
  const document = new Document({
    creator: REVISION_AUTHOR,
    title: meta.title,
    sections: [{ children: [...buildHeading(context), ...buildSummary(comparison, context), buildRowTable(comparison.rows, context)] }],
  });
  return Packer.pack(document, 'uint8array');
}

function revisionDateOf(meta: ComparisonDocxMeta): string {
  return wholeSeconds(meta.revisionDate ?? new Date().toISOString());
}

// Word is happiest with whole seconds.
const wholeSeconds = (iso: string): string => iso.replace(/\.\d+Z$/u, 'Z');

function buildHeading(context: Context): Paragraph[] {
  const { meta, strings } = context;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(meta.title)] }),
    new Paragraph({ children: [new TextRun(fillTemplate(strings.versions, { from: meta.fromLabel, to: meta.toLabel }))] }),
    new Paragraph({ children: [new TextRun({ text: strings.legend, italics: true })] }),
  ];
}

function buildSummary(comparison: Comparison, context: Context): (Paragraph | Table)[] {
  const { strings } = context;
  const s = comparison.summary;
  const line = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)] });
  const counts = [
    `${strings.rowsChanged}: ${s.rowsChanged}`,
    `${strings.rowsAdded}: ${s.rowsAdded}`,
    `${strings.rowsRemoved}: ${s.rowsRemoved}`,
    `${strings.rowsMoved}: ${s.rowsMoved}`,
    `${strings.rowsEqual}: ${s.rowsEqual}`,
  ];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(strings.summaryHeading)] }),
    ...counts.map(line),
    buildLanguageTable(comparison, context),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(strings.outOfStepHeading)] }),
    ...describeOutOfStep(comparison.rows, context).map(line),
  ];
}

function buildLanguageTable(comparison: Comparison, context: Context): Table {
  const { strings, meta } = context;
  const header = [strings.language, strings.languageAdded, strings.languageRemoved, strings.languageChanged];
  const body = context.languages.map((lang) => {
    const tally = comparison.summary.perLanguage[lang] ?? { added: 0, removed: 0, changed: 0 };
    return [languageLabel(meta, lang), String(tally.added), String(tally.removed), String(tally.changed)];
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header, ...body].map(
      (cells, k) =>
        new TableRow({
          tableHeader: k === 0,
          children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: k === 0 })] })] })),
        }),
    ),
  });
}

function describeOutOfStep(rows: readonly ComparedRow[], context: Context): string[] {
  const names = (langs: readonly string[]): string => langs.map((lang) => languageLabel(context.meta, lang)).join(', ');
  const items = rows.flatMap((row, k) => {
    if (!row.outOfStep) return [];
    const { changed, unchanged } = splitLanguagesByChange(row.words);
    return [fillTemplate(context.strings.outOfStepItem, { row: String(k + 1), changed: names(changed), unchanged: names(unchanged) })];
  });
  return items.length === 0 ? [context.strings.noOutOfStep] : items;
}

function buildRowTable(rows: readonly ComparedRow[], context: Context): Table {
  const header = new TableRow({
    tableHeader: true,
    children: [context.strings.row, ...context.languages.map((lang) => languageLabel(context.meta, lang))].map(
      (text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })] }),
    ),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnWidthsOf(context.languages.length),
    rows: [header, ...rows.map((row, k) => buildRow(row, k + 1, context))],
  });
}

function buildRow(row: ComparedRow, number: number, context: Context): TableRow {
  const label = [new TextRun({ text: `${number}. ${context.strings.changes[row.change]}`, bold: true })];
  if (row.outOfStep) label.push(new TextRun({ text: `⚠ ${context.strings.outOfStepBadge}`, break: 1 }));
  const cells = context.languages.map((lang) => new TableCell({ children: buildParagraphs(row.words[lang] ?? [], lang, context) }));
  return new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: label })] }), ...cells] });
}

/** A cell paragraph being built; `mark` says whether its paragraph mark was inserted or deleted. */
interface CellParagraph {
  readonly children: ParagraphChild[];
  mark?: 'insert' | 'delete';
}

// A narrow label column, the languages sharing the rest of an A4 page's text width (in twips).
function columnWidthsOf(languageCount: number): number[] {
  const label = 1300;
  const text = Math.floor((9026 - label) / Math.max(languageCount, 1));
  return [label, ...Array.from({ length: languageCount }, () => text)];
}

/** Splits a row's words into the cell's paragraphs at each "\n" token, each raised or level piece a run. */
function buildParagraphs(words: readonly WordChange[], lang: string, context: Context): Paragraph[] {
  const paragraphs: CellParagraph[] = [{ children: [] }];
  for (const word of words) {
    for (const run of raisedRuns(word.text, word.superscripts)) {
      run.text.split('\n').forEach((piece, i) => {
        if (i > 0) {
          // An inserted or deleted paragraph break is a revision of the mark that ends the paragraph.
          if (word.op !== 'equal') paragraphs.at(-1)!.mark = word.op;
          paragraphs.push({ children: [] });
        }
        if (piece !== '') paragraphs.at(-1)!.children.push(buildRun(word, piece, run.superscript, lang, context));
      });
    }
  }
  return paragraphs.map(({ children, mark }) => {
    if (mark === undefined) return new Paragraph({ children });
    const revision = nextRevision(context);
    return new Paragraph({ children, run: mark === 'insert' ? { insertion: revision } : { deletion: revision } });
  });
}

/** One run of a word: `text` is a piece of it, raised or on the line. */
function buildRun(word: WordChange, text: string, superScript: boolean, lang: string, context: Context): ParagraphChild {
  // Spell-checking and fonts follow the run's language; East Asian text has its own slot.
  const look = { text, language: { value: lang, eastAsia: lang }, ...(superScript ? { superScript } : {}) };
  if (word.op === 'equal') return new TextRun(look);
  // No underline or strike of our own: Word draws revisions so, and accepting one must leave plain text.
  const options = { ...nextRevision(context, word), ...look };
  return word.op === 'insert' ? new InsertedTextRun(options) : new DeletedTextRun(options);
}

/** A change between the versions is Accord's; a pending suggestion is its delegation's, at its time. */
function nextRevision(context: Context, word?: WordChange): { id: number; author: string; date: string } {
  const by = word?.suggestion;
  if (by)
    return {
      id: context.nextRevisionId++,
      author: trackAuthor(by.author, context.meta.authorLanguage ?? 'en'),
      date: wholeSeconds(new Date(by.at).toISOString()),
    };
  return { id: context.nextRevisionId++, author: REVISION_AUTHOR, date: context.date };
}
