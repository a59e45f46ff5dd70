import type { ImportedMark } from './types.js';

type Emphasis = 'bold' | 'italic';
interface InlineState {
  out: string;
  readonly marks: ImportedMark[];
  readonly open: OpenDelimiter[];
  /** Per delimiter ("**", "*", "__", "_"), the last index where it could close emphasis. */
  readonly lastClosers: ReadonlyMap<string, number>;
}

interface OpenDelimiter {
  readonly mark: Emphasis;
  readonly char: '*' | '_';
  readonly start: number;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s/;
// Links and images keep only their visible text; the target has no place in a declaration paragraph.
const LINK = /!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g;

/**
 * Inline HTML a Markdown draft carries (`1<sup>er</sup>`, `<span lang="vi">`, `<br>`): the
 * editor has no superscript or span mark, so the words stay and the tags go, never shown as text.
 */
const INLINE_HTML = /<\/?(?:sup|sub|span|small|big|u|ins|mark|abbr|font|em|strong|b|i|s|del|cite|q|time)(?:\s[^<>]*)?>|<br\s*\/?>/giu;

/**
 * Turns one block's Markdown inline source into plain text plus bold/italic marks.
 * A deliberately small subset of CommonMark: escapes, code spans, links, `*`/`_` emphasis.
 */
export function parseInlineMarkdown(source: string): { text: string; marks: ImportedMark[] } {
  const input = source.replace(LINK, '$1').replace(INLINE_HTML, (tag) => (/^<br/iu.test(tag) ? ' ' : ''));
  const state = { out: '', marks: [] as ImportedMark[], open: [] as OpenDelimiter[], lastClosers: findLastClosers(input) };
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    const next = input[i + 1];
    if (char === '\\' && next !== undefined && ASCII_PUNCTUATION.test(next)) {
      state.out += next;
      i += 2;
    } else if (char === '`') {
      i = readCodeSpan(input, i, state);
    } else if (char === '*' || char === '_') {
      i = readDelimiterRun(input, i, char, state);
    } else {
      state.out += char;
      i++;
    }
  }
  // Openers never closed lose their mark; their delimiters were already judged to have a closer,
  // so this only happens with odd nesting such as `**a *b** c*`.
  return { text: state.out, marks: state.marks };
}

function readCodeSpan(input: string, at: number, state: { out: string }): number {
  let ticks = 0;
  while (input[at + ticks] === '`') ticks++;
  const fence = '`'.repeat(ticks);
  const close = input.indexOf(fence, at + ticks);
  if (close < 0) {
    state.out += fence;
    return at + ticks;
  }
  state.out += input.slice(at + ticks, close).trim();
  return close + ticks;
}

function readDelimiterRun(input: string, at: number, char: '*' | '_', state: InlineState): number {
  let length = 0;
  while (input[at + length] === char) length++;
  const before = input[at - 1];
  const after = input[at + length];
  const end = at + length;
  let remaining = length;
  if (canCloseAt(before, after, char)) remaining = closeDelimiters(char, remaining, state);
  if (remaining > 0 && canOpenAt(before, after, char)) remaining = openDelimiters(input, end, char, remaining, state);
  state.out += char.repeat(remaining);
  return end;
}

function closeDelimiters(char: '*' | '_', count: number, state: InlineState): number {
  let remaining = count;
  for (;;) {
    const top = state.open[state.open.length - 1];
    if (top === undefined || top.char !== char) return remaining;
    const needed = top.mark === 'bold' ? 2 : 1;
    if (remaining < needed) return remaining;
    state.open.pop();
    state.marks.push({ from: top.start, to: state.out.length, mark: top.mark });
    remaining -= needed;
  }
}

function openDelimiters(_input: string, from: number, char: '*' | '_', count: number, state: InlineState): number {
  let remaining = count;
  // Bold first, so `***x***` opens bold then italic and closes them in reverse.
  if (remaining >= 2 && (state.lastClosers.get(char.repeat(2)) ?? -1) >= from) {
    state.open.push({ mark: 'bold', char, start: state.out.length });
    remaining -= 2;
  }
  if (remaining >= 1 && (state.lastClosers.get(char) ?? -1) >= from) {
    state.open.push({ mark: 'italic', char, start: state.out.length });
    remaining -= 1;
  }
  return remaining;
}

/**
 * A delimiter only opens if a matching one can close it later, so a lone `*` stays a literal star.
 * The last place each delimiter can close is found once, keeping the whole parse linear.
 */
function findLastClosers(input: string): Map<string, number> {
  const last = new Map<string, number>();
  for (const delimiter of ['**', '*', '__', '_']) {
    const char = delimiter[0] as '*' | '_';
    for (let at = input.lastIndexOf(delimiter); at >= 0; at = at === 0 ? -1 : input.lastIndexOf(delimiter, at - 1)) {
      if (canCloseAt(input[at - 1], input[at + delimiter.length], char)) {
        last.set(delimiter, at);
        break;
      }
    }
  }
  return last;
}

function canOpenAt(before: string | undefined, after: string | undefined, char: '*' | '_'): boolean {
  if (after === undefined || WHITESPACE.test(after)) return false;
  // `snake_case_words` are not emphasis.
  return char === '*' || before === undefined || !WORD_CHAR.test(before);
}

function canCloseAt(before: string | undefined, after: string | undefined, char: '*' | '_'): boolean {
  if (before === undefined || WHITESPACE.test(before)) return false;
  return char === '*' || after === undefined || !WORD_CHAR.test(after);
}
