import { toNfc } from '../text/nfc.js';

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
// Controls that a text editor never shows; tabs and line breaks are handled by the parsers.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// Runs of ordinary spaces and tabs; non-breaking spaces are kept because French typography needs them.
const SPACE_RUN = /[ \t]+/g;

/** NFC-normalises a whole input, drops a byte-order mark and invisible controls, and splits it into lines. */
export function toCleanLines(text: string): string[] {
  // Controls go before NFC, so that a letter and its accent they separated compose.
  return toNfc(text.replace(/^\ufeff/, '').replace(INVISIBLE_CONTROLS, '')).split(LINE_BREAK);
}

/** True for a line holding nothing but whitespace (spaces, tabs, non-breaking spaces). */
export function isBlankLine(line: string): boolean {
  return line.trim().length === 0;
}

/** Collapses runs of spaces/tabs to one space and trims the ends. */
export function tidySpaces(line: string): string {
  return line.replace(SPACE_RUN, ' ').trim();
}

/** Groups lines into runs separated by one or more blank lines; blank lines themselves are dropped. */
export function groupByBlankLines(lines: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (isBlankLine(line)) {
      if (current.length > 0) groups.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
