import { Parser } from 'htmlparser2';
import { clampMarks, mergeMarks, normalizeMarkedText } from '../../shared/import/marks.js';
import type { ImportedBlock, ImportedDocument, ImportedMark } from '../../shared/import/types.js';

interface BlockInProgress {
  readonly kind: ImportedBlock['kind'];
  readonly level?: 1 | 2 | 3;
  readonly listNumber?: string;
  text: string;
  readonly marks: ImportedMark[];
}

interface OpenList {
  readonly ordered: boolean;
  count: number;
}

const HTML_SPACE = /[ \t\n\r\f]/;
/** The inline elements whose words carry a mark: mammoth writes a superscript run as <sup> ("12<sup>es</sup>"). */
const TAG_MARKS: ReadonlyMap<string, ImportedMark['mark']> = new Map([
  ['strong', 'bold'],
  ['b', 'bold'],
  ['em', 'italic'],
  ['i', 'italic'],
  ['sup', 'superscript'],
]);
/** Elements without content: htmlparser2 reports them closed at once, which means nothing here. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set(['br', 'img', 'hr', 'wbr', 'input', 'meta', 'link', 'col', 'area', 'base', 'embed', 'source', 'track']);
// mammoth's footnote references and the footnote list it appends point at "#footnote-…"/"#endnote-…".
const NOTE_TARGET = /^#?(?:footnote|endnote)-/;

/**
 * Walks the HTML mammoth produces (p, h1–h6, ul/ol/li, strong/em/sup, a, br, table, img) into
 * blocks, without a DOM: ordered list items are numbered ("2", nested "2.1"), bold/italic/superscript become marks.
 */
export function mammothHtmlToDocument(html: string): ImportedDocument {
  const walker = new HtmlWalker();
  // A real HTML parser (entities, comments, odd attribute quoting), not a tokenizer of our own.
  const parser = new Parser(
    {
      onopentag: (tag, attributes) => walker.openTag(tag, attributes),
      onclosetag: (tag) => {
        if (!VOID_ELEMENTS.has(tag)) walker.closeTag(tag);
      },
      ontext: (text) => walker.addText(text),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return walker.finish();
}

class HtmlWalker {
  private readonly blocks: ImportedBlock[] = [];
  private readonly warnings = new Set<string>();
  private readonly lists: OpenList[] = [];
  private current: BlockInProgress | undefined;
  private pendingSpace = false;
  /** Per mark, how deep its elements nest here and where the outermost one started. */
  private readonly emphasis = new Map<ImportedMark['mark'], { depth: number; start: number }>();
  private skipping: { tag: string; depth: number } | undefined;

  openTag(tag: string, attributes: Readonly<Record<string, string>>): void {
    if (this.skipping !== undefined) {
      if (tag === this.skipping.tag) this.skipping.depth++;
      return;
    }
    if (isNote(tag, attributes)) {
      this.warnings.add('footnotes and endnotes were left out');
      this.skipping = { tag, depth: 1 };
      return;
    }
    this.openElement(tag);
  }

  closeTag(tag: string): void {
    if (this.skipping !== undefined) {
      if (tag === this.skipping.tag && --this.skipping.depth === 0) this.skipping = undefined;
      return;
    }
    this.closeElement(tag);
  }

  addText(raw: string): void {
    if (this.skipping !== undefined || raw.length === 0) return;
    const block = (this.current ??= newBlock('paragraph'));
    for (const char of raw) {
      if (HTML_SPACE.test(char)) {
        this.pendingSpace = true;
        continue;
      }
      this.writePendingSpace(block);
      block.text += char;
    }
  }

  finish(): ImportedDocument {
    this.flushBlock();
    return { blocks: this.blocks, warnings: [...this.warnings] };
  }

  private openElement(tag: string): void {
    const mark = TAG_MARKS.get(tag);
    if (mark !== undefined) return this.openEmphasis(this.emphasisOf(mark));
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) return this.startBlock(newBlock('heading', { level: Math.min(Number(heading[1]), 3) as 1 | 2 | 3 }));
    switch (tag) {
      case 'p':
        // A paragraph inside a list item fills that item rather than replacing it.
        if (this.current?.kind === 'listItem' && this.current.text.length === 0) return;
        return this.startBlock(newBlock('paragraph'));
      case 'ol':
      case 'ul':
        this.flushBlock();
        this.lists.push({ ordered: tag === 'ol', count: 0 });
        return;
      case 'li':
        return this.startListItem();
      case 'br':
        this.pendingSpace = true;
        return;
      case 'table':
        this.warnings.add('tables were flattened: each cell became a paragraph');
        return;
      case 'img':
        this.warnings.add('images were left out');
        return;
    }
  }

  private closeElement(tag: string): void {
    const mark = TAG_MARKS.get(tag);
    if (mark !== undefined) return this.closeEmphasis(this.emphasisOf(mark), mark);
    if (/^h[1-6]$/.test(tag)) return this.flushBlock();
    switch (tag) {
      case 'p':
      case 'li':
      case 'td':
      case 'th':
        return this.flushBlock();
      case 'ol':
      case 'ul':
        this.flushBlock();
        this.lists.pop();
        return;
    }
  }

  private startListItem(): void {
    const list = this.lists[this.lists.length - 1];
    if (list === undefined) return this.startBlock(newBlock('listItem'));
    list.count++;
    // Nested ordered lists number like Word's multilevel lists: "3", then "3.1", "3.2".
    const numbers = this.lists.filter((open) => open.ordered).map((open) => String(open.count));
    this.startBlock(list.ordered ? newBlock('listItem', { listNumber: numbers.join('.') }) : newBlock('listItem'));
  }

  private emphasisOf(mark: ImportedMark['mark']): { depth: number; start: number } {
    let state = this.emphasis.get(mark);
    if (state === undefined) this.emphasis.set(mark, (state = { depth: 0, start: 0 }));
    return state;
  }

  private openEmphasis(state: { depth: number; start: number }): void {
    if (state.depth++ > 0) return;
    const block = (this.current ??= newBlock('paragraph'));
    // The space before "<strong>" belongs outside the mark.
    this.writePendingSpace(block);
    state.start = block.text.length;
  }

  private closeEmphasis(state: { depth: number; start: number }, mark: ImportedMark['mark']): void {
    if (state.depth === 0 || --state.depth > 0) return;
    const block = this.current;
    if (block !== undefined) block.marks.push({ from: state.start, to: block.text.length, mark });
  }

  private writePendingSpace(block: BlockInProgress): void {
    if (this.pendingSpace && block.text.length > 0) block.text += ' ';
    this.pendingSpace = false;
  }

  private startBlock(block: BlockInProgress): void {
    this.flushBlock();
    this.current = block;
  }

  private flushBlock(): void {
    const block = this.current;
    this.current = undefined;
    this.pendingSpace = false;
    // Emphasis still open (it should not be, across a block end) carries on in the next block.
    for (const [mark, state] of this.emphasis) {
      if (block !== undefined && state.depth > 0) block.marks.push({ from: state.start, to: block.text.length, mark });
      state.start = 0;
    }
    if (block === undefined) return;
    const finished = finishBlock(block);
    if (finished !== undefined) this.blocks.push(finished);
  }
}

function newBlock(kind: ImportedBlock['kind'], extra: { level?: 1 | 2 | 3; listNumber?: string } = {}): BlockInProgress {
  return { kind, ...extra, text: '', marks: [] };
}

function finishBlock(block: BlockInProgress): ImportedBlock | undefined {
  const normalized = normalizeMarkedText(block.text, block.marks);
  const text = normalized.text.trim();
  if (text.length === 0) return undefined;
  const leading = normalized.text.length - normalized.text.trimStart().length;
  const marks = shrinkToWords(text, fuseAcrossSpaces(text, clampMarks(normalized.marks, leading, text.length)));
  return {
    text,
    kind: block.kind,
    ...(block.level !== undefined ? { level: block.level } : {}),
    ...(block.listNumber !== undefined ? { listNumber: block.listNumber } : {}),
    ...(marks.length > 0 ? { marks } : {}),
  };
}

/** "<strong>mot </strong><strong>gras</strong>" is one bold phrase that Word stored as two runs. */
function fuseAcrossSpaces(text: string, marks: readonly ImportedMark[]): ImportedMark[] {
  const fused: ImportedMark[] = [];
  for (const mark of [...marks].sort((a, b) => a.from - b.from)) {
    const index = fused.findLastIndex((other) => other.mark === mark.mark);
    const previous = fused[index];
    if (previous !== undefined && text.slice(previous.to, mark.from).trim() === '' && mark.from >= previous.to) {
      fused[index] = { ...previous, to: mark.to };
    } else {
      fused.push(mark);
    }
  }
  return mergeMarks(fused);
}

/** Word often makes the space after a bold word bold too; a mark should hug its words. */
function shrinkToWords(text: string, marks: readonly ImportedMark[]): ImportedMark[] {
  return marks
    .map((mark) => {
      let { from, to } = mark;
      while (from < to && /\s/.test(text[from] ?? '')) from++;
      while (to > from && /\s/.test(text[to - 1] ?? '')) to--;
      return { ...mark, from, to };
    })
    .filter((mark) => mark.to > mark.from);
}

function isNote(tag: string, attributes: Readonly<Record<string, string>>): boolean {
  return (tag === 'a' && NOTE_TARGET.test(attributes.href ?? '')) || (tag === 'li' && NOTE_TARGET.test(attributes.id ?? ''));
}
