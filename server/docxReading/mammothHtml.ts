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

// mammoth writes well-formed, attribute-light HTML: tags, text and a handful of entities.
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^>]*?)?)\s*(\/?)>|([^<]+)|</g;
const HTML_SPACE = /[ \t\n\r\f]/;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi;
// mammoth's footnote references and the footnote list it appends point at "#footnote-…"/"#endnote-…".
const NOTE_LINK = /href="#(?:footnote|endnote)-/;
const NOTE_ITEM = /id="(?:footnote|endnote)-/;

/**
 * Walks the HTML mammoth produces (p, h1–h6, ul/ol/li, strong/em, a, br, table, img) into
 * blocks, without a DOM: ordered list items are numbered ("2", nested "2.1"), bold/italic become marks.
 */
export function mammothHtmlToDocument(html: string): ImportedDocument {
  const walker = new HtmlWalker();
  for (const match of html.matchAll(TOKEN)) {
    const [whole, closing, tag, attributes, , text] = match;
    if (text !== undefined) walker.addText(decodeEntities(text));
    else if (tag === undefined) walker.addText(whole.startsWith('<!--') ? '' : whole);
    else if (closing === '/') walker.closeTag(tag.toLowerCase());
    else walker.openTag(tag.toLowerCase(), attributes ?? '');
  }
  return walker.finish();
}

/** The walk's state: the block being filled, open emphasis and lists, skipped footnote content. */
class HtmlWalker {
  private readonly blocks: ImportedBlock[] = [];
  private readonly warnings = new Set<string>();
  private readonly lists: OpenList[] = [];
  private current: BlockInProgress | undefined;
  private pendingSpace = false;
  private bold = { depth: 0, start: 0 };
  private italic = { depth: 0, start: 0 };
  private skipping: { tag: string; depth: number } | undefined;

  openTag(tag: string, attributes: string): void {
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
      case 'strong':
      case 'b':
        return this.openEmphasis(this.bold);
      case 'em':
      case 'i':
        return this.openEmphasis(this.italic);
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
      case 'strong':
      case 'b':
        return this.closeEmphasis(this.bold, 'bold');
      case 'em':
      case 'i':
        return this.closeEmphasis(this.italic, 'italic');
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
    if (block !== undefined) {
      if (this.bold.depth > 0) block.marks.push({ from: this.bold.start, to: block.text.length, mark: 'bold' });
      if (this.italic.depth > 0) block.marks.push({ from: this.italic.start, to: block.text.length, mark: 'italic' });
    }
    this.bold.start = 0;
    this.italic.start = 0;
    if (block === undefined) return;
    const finished = finishBlock(block);
    if (finished !== undefined) this.blocks.push(finished);
  }
}

function newBlock(
  kind: ImportedBlock['kind'],
  extra: { level?: 1 | 2 | 3; listNumber?: string } = {},
): BlockInProgress {
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

function isNote(tag: string, attributes: string): boolean {
  return (tag === 'a' && NOTE_LINK.test(attributes)) || (tag === 'li' && NOTE_ITEM.test(attributes));
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return safeCodePoint(Number(decimal), entity);
    if (hex !== undefined) return safeCodePoint(parseInt(hex, 16), entity);
    return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? entity;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
