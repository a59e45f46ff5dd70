import { isBlankLine, toCleanLines } from './lines.js';
import { noTextFailure, validateText, type ImportResult } from './limits.js';
import { parseInlineMarkdown } from './markdownInline.js';
import { clampMarks, normalizeMarkedText } from './marks.js';
import type { ImportedBlock, ImportedDocument } from './types.js';

interface PendingBlock {
  kind: ImportedBlock['kind'];
  level?: 1 | 2 | 3;
  listNumber?: string;
  lines: string[];
  literal: boolean;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET_ITEM = /^[ \t]*[-*+][ \t]+(.*)$/;
const ORDERED_ITEM = /^[ \t]*(\d{1,9})[.)][ \t]+(.*)$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HARD_BREAK = /(?:\\| {2,})$/;

/** Reads Markdown: # headings (deeper than ### become level 3), paragraphs, list items, bold/italic marks; NFC. */
export function parseMarkdown(text: string): ImportResult<ImportedDocument> {
  const valid = validateText(text);
  if (!valid.ok) return valid;
  const reader = new MarkdownReader();
  for (const line of toCleanLines(text)) reader.readLine(line);
  const document = reader.finish();
  if (document.blocks.length === 0) return noTextFailure();
  return { ok: true, value: document };
}

/** Line-by-line block reader; keeps only the state a declaration needs (no nesting, no tables). */
class MarkdownReader {
  private readonly blocks: ImportedBlock[] = [];
  private readonly warnings = new Set<string>();
  private pending: PendingBlock | undefined;
  private fence: string | undefined;

  readLine(raw: string): void {
    if (this.fence !== undefined) return this.readFencedLine(raw);
    const line = raw.replace(BLOCKQUOTE, '');
    const fence = FENCE.exec(line);
    if (fence) {
      this.flush();
      this.fence = (fence[1] as string)[0];
      return;
    }
    if (isBlankLine(line)) return this.flush();
    if (this.readHeadingLine(line)) return;
    if (THEMATIC_BREAK.test(line)) return this.flush();
    if (this.readListLine(line)) return;
    this.continueParagraph(line);
  }

  finish(): ImportedDocument {
    this.flush();
    return { blocks: this.blocks, warnings: [...this.warnings] };
  }

  private readFencedLine(line: string): void {
    if (line.trim().startsWith((this.fence as string).repeat(3))) {
      this.flush();
      this.fence = undefined;
    } else if (isBlankLine(line)) {
      this.flush();
    } else {
      // Code is kept verbatim: no emphasis inside it.
      this.pending ??= { kind: 'paragraph', lines: [], literal: true };
      this.pending.lines.push(line);
    }
  }

  private readHeadingLine(line: string): boolean {
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      this.flush();
      this.pending = { kind: 'heading', level: this.headingLevel((atx[1] as string).length), lines: [atx[2] ?? ''], literal: false };
      this.flush();
      return true;
    }
    // `Title` over `=====` or `-----`: only a plain paragraph can become a setext heading.
    const setext = SETEXT_UNDERLINE.exec(line);
    if (setext && this.pending?.kind === 'paragraph' && !this.pending.literal) {
      this.pending.kind = 'heading';
      this.pending.level = (setext[1] as string).startsWith('=') ? 1 : 2;
      this.flush();
      return true;
    }
    return false;
  }

  private readListLine(line: string): boolean {
    const bullet = BULLET_ITEM.exec(line);
    if (bullet) {
      this.flush();
      this.pending = { kind: 'listItem', lines: [bullet[1] as string], literal: false };
      return true;
    }
    const ordered = ORDERED_ITEM.exec(line);
    // As in CommonMark, only "1." may interrupt a paragraph: "… en\n2023. Nous" is a wrapped sentence.
    if (ordered && (this.pending?.kind !== 'paragraph' || ordered[1] === '1')) {
      this.flush();
      this.pending = { kind: 'listItem', listNumber: String(Number(ordered[1])), lines: [ordered[2] as string], literal: false };
      return true;
    }
    return false;
  }

  private continueParagraph(line: string): void {
    this.pending ??= { kind: 'paragraph', lines: [], literal: false };
    this.pending.lines.push(line);
  }

  private headingLevel(hashes: number): 1 | 2 | 3 {
    if (hashes > 3) this.warnings.add('headings deeper than level 3 were imported as level 3');
    return Math.min(hashes, 3) as 1 | 2 | 3;
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return;
    const block = toBlock(pending);
    if (block !== undefined) this.blocks.push(block);
  }
}

function toBlock(pending: PendingBlock): ImportedBlock | undefined {
  const source = pending.lines.map((line) => line.replace(HARD_BREAK, '').trim()).join(' ');
  const parsed = pending.literal ? { text: source, marks: [] } : parseInlineMarkdown(source);
  // Removing "*" or "\\" can put an accent right after its letter: compose again.
  const inline = normalizeMarkedText(parsed.text, parsed.marks);
  const leading = inline.text.length - inline.text.trimStart().length;
  const text = inline.text.trim();
  if (text.length === 0) return undefined;
  const marks = clampMarks(inline.marks, leading, text.length);
  return {
    text,
    kind: pending.kind,
    ...(pending.level !== undefined ? { level: pending.level } : {}),
    ...(pending.listNumber !== undefined ? { listNumber: pending.listNumber } : {}),
    ...(marks.length > 0 ? { marks } : {}),
  };
}
