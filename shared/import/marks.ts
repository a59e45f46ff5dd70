import { toNfc } from '../text/nfc.js';
import type { ImportedMark } from './types.js';

/** Sorts marks, drops empty ones and fuses touching or overlapping marks of the same kind. */
export function mergeMarks(marks: readonly ImportedMark[]): ImportedMark[] {
  const sorted = marks
    .filter((m) => m.to > m.from)
    .slice()
    .sort((a, b) => (a.mark === b.mark ? a.from - b.from : a.mark < b.mark ? -1 : 1));
  const merged: ImportedMark[] = [];
  for (const mark of sorted) {
    const last = merged[merged.length - 1];
    // Word splits one bold phrase into several runs; they come back as adjacent <strong>s.
    if (last !== undefined && last.mark === mark.mark && mark.from <= last.to) {
      merged[merged.length - 1] = { ...last, to: Math.max(last.to, mark.to) };
    } else {
      merged.push(mark);
    }
  }
  return merged.sort((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * NFC-normalises text whose marks were measured on the raw text, moving the offsets with it.
 * Each stretch between two mark boundaries is normalised on its own, so a boundary never moves
 * into the middle of a composed character.
 */
export function normalizeMarkedText(text: string, marks: readonly ImportedMark[]): { text: string; marks: ImportedMark[] } {
  const snapped = marks.map((m) => ({ ...m, from: snapToCharacter(text, m.from), to: snapToCharacter(text, m.to) }));
  // Already composed (the usual case): no stretch changes, so no offset moves; this keeps a text of a million marks fast.
  if (toNfc(text) === text) return { text, marks: mergeMarks(snapped) };
  const cuts = [...new Set([0, text.length, ...snapped.flatMap((m) => [m.from, m.to])])].filter((cut) => cut >= 0 && cut <= text.length).sort((a, b) => a - b);
  const moved = new Map<number, number>();
  let out = '';
  for (let i = 0; i < cuts.length; i++) {
    const cut = cuts[i] as number;
    moved.set(cut, out.length);
    const next = cuts[i + 1];
    if (next !== undefined) out += toNfc(text.slice(cut, next));
  }
  const remap = (offset: number): number => moved.get(offset) ?? out.length;
  return { text: out, marks: mergeMarks(snapped.map((m) => ({ ...m, from: remap(m.from), to: remap(m.to) }))) };
}

const COMBINING_MARK = /\p{M}/u;

/** Moves an offset that falls between a letter and its accents back before the letter, so they compose. */
function snapToCharacter(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && at < text.length && COMBINING_MARK.test(text[at] as string)) at--;
  return at;
}

/** Shifts marks after the text lost `removed` leading characters and was cut to `length`. */
export function clampMarks(marks: readonly ImportedMark[], removed: number, length: number): ImportedMark[] {
  return mergeMarks(
    marks.map((m) => ({
      ...m,
      from: Math.min(Math.max(m.from - removed, 0), length),
      to: Math.min(Math.max(m.to - removed, 0), length),
    })),
  );
}
