import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { groupByBlankLines, toCleanLines } from './lines.js';
import { noTextFailure, validateText, type ImportResult } from './limits.js';
import { clampMarks, normalizeMarkedText } from './marks.js';
import type { ImportedBlock, ImportedDocument, ImportedMark } from './types.js';

// CommonMark, no tables or typographic quotes. HTML is parsed into tokens that we read (tags go,
// words stay) and never rendered. Indented code is off: a tab-indented paragraph of a pasted draft
// is prose, not code.
const markdown = new MarkdownIt('commonmark', { html: true }).disable('code');
// Inline content is parsed one block at a time as we walk (readInline), so the inline tokens of a
// 5 MB document never all live at once.
markdown.core.ruler.disable('inline');

// CommonMark will not let `**「協力」**と` or `**Điều 1.**Mục` close: punctuation inside, a letter
// outside. Japanese has no space to add there, so a `*` run opens before and closes after anything
// but whitespace, as our own parser did; `_` keeps CommonMark's stricter rule (snake_case stays).
markdown.inline.State = class extends markdown.inline.State {
  override scanDelims(start: number, canSplitWord: boolean) {
    const run = super.scanDelims(start, canSplitWord);
    if (this.src[start] !== '*') return run;
    const before = start > 0 ? this.src.charCodeAt(start - 1) : 0x20;
    const after = start + run.length < this.posMax ? this.src.charCodeAt(start + run.length) : 0x20;
    return { ...run, can_open: !markdown.utils.isWhiteSpace(after), can_close: !markdown.utils.isWhiteSpace(before) };
  }
};

// The tags whose words carry a mark we have (`12<sup>es</sup> Assises`); <u>, <sub>, <span>… keep their words only (the editor has no such mark).
const TAG_MARKS: ReadonlyMap<string, ImportedMark['mark']> = new Map([
  ['b', 'bold'],
  ['strong', 'bold'],
  ['i', 'italic'],
  ['em', 'italic'],
  ['sup', 'superscript'],
]);
// Tags that separate words, so that `a<br>b` or `</p><p>` does not glue two words together.
const BREAKING_TAG = /^(?:br|p|div|li|tr|td|th|h[1-6]|hr)$/;
// HTML blocks with no readable words: scripts, styles, comments, declarations.
const WORDLESS_HTML = /^\s*<(?:script|style|[!?])/i;
const TAG = /^<(\/?)([a-z][a-z0-9-]*)/i;
// No real paragraph is this long. Past it, a paragraph's inline syntax is read in slices cut after a
// space, so that markdown-it's tokens for a hostile 5 MB paragraph (over a gigabyte) never exist at once.
const MAX_INLINE_SLICE = 64 * 1024;
const HEADING_WARNING = 'headings deeper than level 3 were imported as level 3';

type BlockShape = Pick<ImportedBlock, 'kind' | 'level' | 'listNumber'>;

/** Reads Markdown (CommonMark, by markdown-it): headings (deeper than ### become level 3), paragraphs, each list item its own paragraph, bold/italic/superscript marks; NFC. */
export function parseMarkdown(text: string): ImportResult<ImportedDocument> {
  const valid = validateText(text);
  if (!valid.ok) return valid;
  // The environment carries link reference definitions from the block parse to the inline one.
  const env = {};
  const document = readBlocks(markdown.parse(toCleanLines(text).join('\n'), env), env);
  if (document.blocks.length === 0) return noTextFailure();
  return { ok: true, value: document };
}

/** Walks markdown-it's block tokens; only `inline`, `fence` and `html_block` tokens carry words. */
function readBlocks(tokens: readonly Token[], env: object): ImportedDocument {
  const blocks: ImportedBlock[] = [];
  const warnings = new Set<string>();
  let level: 1 | 2 | 3 | undefined;
  // The list item whose first paragraph is still to come; its later paragraphs are plain paragraphs.
  let item: { listNumber?: string } | undefined;
  const add = (inline: InlineText): void => {
    const shape: BlockShape = level !== undefined ? { kind: 'heading', level } : item !== undefined ? { kind: 'listItem', ...item } : { kind: 'paragraph' };
    item = undefined;
    const block = toBlock(inline, shape);
    if (block !== undefined) blocks.push(block);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open': {
        const hashes = Number(token.tag.slice(1));
        if (hashes > 3) warnings.add(HEADING_WARNING);
        level = Math.min(hashes, 3) as 1 | 2 | 3;
        break;
      }
      case 'heading_close':
        level = undefined;
        break;
      case 'list_item_open':
        // `info` is an ordered item's own number as written ("007" is item 7); bullets have none.
        item = token.info === '' ? {} : { listNumber: String(Number(token.info)) };
        break;
      case 'list_item_close':
        item = undefined;
        break;
      case 'inline':
        add(readInline(token.content, env));
        break;
      case 'fence':
        // Code is kept verbatim, no emphasis inside it, one paragraph per run of lines.
        for (const lines of groupByBlankLines(token.content.split('\n'))) add({ text: lines.map((line) => line.trim()).join(' '), marks: [] });
        break;
      case 'html_block':
        // Raw HTML is read as inline text, so its tags go the way inline tags do.
        if (!WORDLESS_HTML.test(token.content)) add(readInline(token.content.trim(), env));
        break;
    }
  }
  return { blocks, warnings: [...warnings] };
}

interface InlineText {
  text: string;
  readonly marks: ImportedMark[];
}

/** Plain text and marks of one block's inline source: links and images keep their visible text, tags go. */
function readInline(source: string, env: object): InlineText {
  const out: InlineText = { text: '', marks: [] };
  // Where each open emphasis or tag started, by kind: one stack per kind keeps stray closing tags O(1).
  const open = new Map<string, number[]>();
  const start = (key: string): void => {
    const starts = open.get(key) ?? [];
    starts.push(out.text.length);
    open.set(key, starts);
  };
  const end = (key: string, mark: ImportedMark['mark']): void => {
    const from = open.get(key)?.pop();
    if (from !== undefined) out.marks.push({ from, to: out.text.length, mark });
  };
  const read = (children: readonly Token[]): void => {
    for (const token of children) {
      switch (token.type) {
        case 'text':
        case 'text_special': // an escaped character or an entity, already decoded
        case 'code_inline':
          out.text += token.content;
          break;
        case 'softbreak':
        case 'hardbreak':
          out.text += ' ';
          break;
        case 'strong_open':
        case 'em_open':
          start(token.type);
          break;
        case 'strong_close':
          end('strong_open', 'bold');
          break;
        case 'em_close':
          end('em_open', 'italic');
          break;
        case 'image':
          read(token.children ?? []);
          break;
        case 'html_inline': {
          const tag = TAG.exec(token.content);
          const name = tag?.[2]?.toLowerCase() ?? '';
          const mark = TAG_MARKS.get(name);
          if (BREAKING_TAG.test(name)) out.text += ' ';
          else if (mark !== undefined && tag?.[1] === '/') end(name, mark);
          else if (mark !== undefined) start(name);
          break;
        }
      }
    }
  };
  for (let at = 0; at < source.length; ) {
    const cut = sliceEnd(source, at);
    const tokens: Token[] = [];
    markdown.inline.parse(source.slice(at, cut), markdown, env, tokens);
    read(tokens);
    at = cut;
  }
  // A tag left open (`<b>` with no `</b>`) gives no mark: its words stay plain.
  return out;
}

/** Where the inline slice that starts at `from` ends: after its last space or line break, else at the limit. */
function sliceEnd(source: string, from: number): number {
  const limit = from + MAX_INLINE_SLICE;
  if (source.length <= limit) return source.length;
  const space = Math.max(source.lastIndexOf(' ', limit - 1), source.lastIndexOf('\n', limit - 1));
  return space > from ? space + 1 : limit;
}

function toBlock(inline: InlineText, shape: BlockShape): ImportedBlock | undefined {
  // Removing "*" can put an accent right after its letter: compose again, moving the marks with it.
  const composed = normalizeMarkedText(inline.text, inline.marks);
  const leading = composed.text.length - composed.text.trimStart().length;
  const text = composed.text.trim();
  if (text.length === 0) return undefined;
  const marks = clampMarks(composed.marks, leading, text.length);
  return { text, ...shape, ...(marks.length > 0 ? { marks } : {}) };
}
