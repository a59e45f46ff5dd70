import { cellKey, type ParagraphTrack, type SuggestionHunk } from '../negotiation/suggestionTracks.js';
import type { CanonicalText } from './canonical.js';
import type { ComparedRow, Comparison, WordChange } from './comparison.js';
import { sliceSpans } from './raisedTokens.js';

/**
 * "With suggestions": the pending suggestions of the newer text laid over a comparison as
 * insertions and deletions marked with who proposed them. The rows' change kinds and the
 * summary stay those of the authentic texts. A row whose words do not spell the newer text
 * exactly (it should never happen) is left as it is rather than marked in the wrong place.
 */
export function overlaySuggestions(comparison: Comparison, to: CanonicalText, tracks: ReadonlyMap<string, ParagraphTrack>): Comparison {
  if (tracks.size === 0) return comparison;
  const rowsById = new Map(to.rows.map((row) => [row.id, row]));
  const rows = comparison.rows.map((row): ComparedRow => {
    const canonical = row.to === null ? undefined : rowsById.get(row.to);
    if (!canonical) return row;
    const words: Record<string, readonly WordChange[]> = { ...row.words };
    for (const [lang, list] of Object.entries(row.words)) {
      const cells = canonical.cells[lang] ?? [];
      const hunks: SuggestionHunk[] = [];
      let offset = 0;
      cells.forEach((cell, i) => {
        const track = tracks.get(cellKey(canonical.id, lang, i));
        if (track && track.text === cell.text) for (const h of track.hunks) hunks.push({ ...h, from: h.from + offset, to: h.to + offset });
        offset += cell.text.length + 1;
      });
      if (hunks.length === 0) continue;
      const newer = list
        .filter((w) => w.op !== 'delete')
        .map((w) => w.text)
        .join('');
      if (newer !== cells.map((c) => c.text).join('\n')) continue;
      words[lang] = overlayWords(list, hunks);
    }
    return { ...row, words };
  });
  return { ...comparison, rows };
}

/** Splits the words at the suggestions' edges; each suggestion's insertion follows the words it replaces. */
function overlayWords(words: readonly WordChange[], hunks: readonly SuggestionHunk[]): WordChange[] {
  const out: WordChange[] = [];
  const pending = [...hunks];
  const insertionsAt = (at: number): void => {
    for (let k = 0; k < pending.length; ) {
      const h = pending[k]!;
      if (h.to === at) {
        if (h.insert) out.push({ op: 'insert', text: h.insert, suggestion: h.by });
        pending.splice(k, 1);
      } else k++;
    }
  };
  let pos = 0;
  for (const word of words) {
    if (word.op === 'delete') {
      out.push(word);
      continue;
    }
    const end = pos + word.text.length;
    const cuts = [...new Set([pos, end, ...hunks.flatMap((h) => [h.from, h.to]).filter((x) => x > pos && x < end)])].sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [a, b] = [cuts[k]!, cuts[k + 1]!];
      insertionsAt(a);
      const piece = b - a === word.text.length ? word : sliceWord(word, a - pos, b - pos);
      const deleting = hunks.find((h) => h.from <= a && b <= h.to && h.to > h.from);
      if (deleting) out.push({ op: 'delete', text: piece.text, ...(piece.superscripts ? { superscripts: piece.superscripts } : {}), suggestion: deleting.by });
      else out.push(piece);
    }
    pos = end;
  }
  insertionsAt(pos);
  return out;
}

/** A piece of a word, keeping its op, its superscripts and whether it is a formatting change. */
function sliceWord(word: WordChange, from: number, to: number): WordChange {
  const superscripts = sliceSpans(word.superscripts, from, to);
  return {
    op: word.op,
    text: word.text.slice(from, to),
    ...(superscripts.length > 0 ? { superscripts } : {}),
    ...(word.formatting ? { formatting: true as const } : {}),
  };
}
