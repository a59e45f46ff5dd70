import * as Y from 'yjs';
import type { CanonicalText } from '../compare/canonical.js';
import { visibleText } from '../model/canonicalText.js';
import { textFragmentName } from '../model/declaration.js';
import { delegationName, type NamingLanguage } from '../model/delegationNames.js';
import { readUnits } from '../model/documentText.js';
import type { LanguageCode, ParagraphId } from '../model/ids.js';
import type { CommentAuthor } from './commentModel.js';
import { SECRETARIAT_SIDE, type Suggestion } from './suggestionModel.js';
import { applySuggestion } from './suggestions.js';
import { readSuggestions } from './suggestionState.js';

/**
 * Pending suggestions as tracked changes over the authentic text ("with suggestions" in the
 * comparison and the DOCX export). Never part of the text itself: a rendering opts in, and
 * reads them beside the text it already has, in what a reader sees (list numbers, brackets).
 */

/** Who proposed a change and when (epoch ms), for a tracked change's author and date. */
export interface SuggestionBy {
  readonly id: string;
  readonly author: CommentAuthor;
  readonly at: number;
}

/** One proposed change in a paragraph's visible text: `text.slice(from, to)` becomes `insert`. */
export interface SuggestionHunk {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
  readonly by: SuggestionBy;
}

/** A paragraph's visible text as it is, and the pending suggestions in it, in order, not overlapping. */
export interface ParagraphTrack {
  readonly lang: string;
  readonly text: string;
  readonly hunks: readonly SuggestionHunk[];
}

/** A run of a tracked paragraph; `by` on the runs a suggestion inserts or deletes. */
export interface TrackedPiece {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
  readonly by?: SuggestionBy;
}

/**
 * The pending suggestions of a document by paragraph. Each one is applied alone to a copy of
 * the document, so its place in the visible text is exactly what accepting it would change.
 * A suggestion overlapping an earlier one in the same paragraph is left out (Word cannot
 * delete the same words twice); it is still in the panel.
 */
export function trackSuggestions(doc: Y.Doc, languages: readonly string[]): Map<ParagraphId, ParagraphTrack> {
  const pending = readSuggestions(doc).filter((s) => s.status === 'pending' && s.place !== null && languages.includes(s.lang));
  const out = new Map<ParagraphId, ParagraphTrack>();
  if (pending.length === 0) return out;
  const state = Y.encodeStateAsUpdate(doc);
  const before = new Map<ParagraphId, string>();
  for (const lang of new Set(pending.map((s) => s.lang))) {
    for (const unit of readUnits(doc.getXmlFragment(textFragmentName(lang as LanguageCode)))) before.set(unit.pid, visibleText(unit));
  }
  const hunksOf = new Map<ParagraphId, SuggestionHunk[]>();
  for (const s of pending) {
    const pid = s.place!.pid;
    const text = before.get(pid);
    if (text === undefined) continue;
    const after = textAfter(state, s);
    if (after === null || after === text) continue;
    const list = hunksOf.get(pid) ?? [];
    list.push({ ...changedSpan(text, after), by: { id: s.id, author: s.author, at: s.at } });
    hunksOf.set(pid, list);
  }
  for (const [pid, hunks] of hunksOf) {
    const lang = pending.find((s) => s.place!.pid === pid)!.lang;
    out.set(pid, { lang, text: before.get(pid)!, hunks: withoutOverlaps(hunks) });
  }
  return out;
}

/** The visible text of the suggestion's paragraph once it is applied, on a copy. */
function textAfter(state: Uint8Array, s: Suggestion): string | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  const applied = applySuggestion(copy, s.id, s.author, s.at);
  if (!applied.ok) return null;
  const unit = readUnits(copy.getXmlFragment(textFragmentName(s.lang as LanguageCode))).find((u) => u.pid === s.place!.pid);
  copy.destroy();
  return unit ? visibleText(unit) : null;
}

/** The one contiguous span that differs between two texts (an applied suggestion is one edit). */
export function changedSpan(before: string, after: string): { from: number; to: number; insert: string } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  // Never cut a surrogate pair in two.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isHighSurrogate(before.charCodeAt(before.length - suffix - 1))) suffix--;
  // A change inside a word reads as the whole word replaced (`coopérer` → `coopération`), as a reviewer reads it.
  let from = prefix;
  let to = before.length - suffix;
  let insert = after.slice(prefix, after.length - suffix);
  while (from > 0 && isWordChar(before[from - 1]!) && (isWordChar(before[from] ?? '') || isWordChar(insert[0] ?? ''))) {
    from--;
    insert = before[from]! + insert;
  }
  while (to < before.length && isWordChar(before[to]!) && (isWordChar(before[to - 1] ?? '') || isWordChar(insert.at(-1) ?? ''))) {
    insert += before[to]!;
    to++;
  }
  return { from, to, insert };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isWordChar = (ch: string): boolean => /[\p{L}\p{N}\p{M}]/u.test(ch);

function withoutOverlaps(hunks: readonly SuggestionHunk[]): SuggestionHunk[] {
  const sorted = [...hunks].sort((a, b) => a.from - b.from || a.to - b.to || a.by.at - b.by.at);
  const kept: SuggestionHunk[] = [];
  for (const h of sorted) {
    const last = kept.at(-1);
    if (last && h.from < last.to) continue;
    kept.push(h);
  }
  return kept;
}

/** A paragraph as runs: what stays, and each suggestion's deleted words before its inserted ones. */
export function trackedPieces(track: Pick<ParagraphTrack, 'text' | 'hunks'>): TrackedPiece[] {
  const pieces: TrackedPiece[] = [];
  let at = 0;
  for (const h of track.hunks) {
    if (h.from > at) pieces.push({ op: 'equal', text: track.text.slice(at, h.from) });
    if (h.to > h.from) pieces.push({ op: 'delete', text: track.text.slice(h.from, h.to), by: h.by });
    if (h.insert) pieces.push({ op: 'insert', text: h.insert, by: h.by });
    at = Math.max(at, h.to);
  }
  if (at < track.text.length) pieces.push({ op: 'equal', text: track.text.slice(at) });
  return pieces;
}

/** Key of one paragraph of a rendering: row id, language, index in the row's cell. */
export const cellKey = (row: string, lang: string, index: number): string => `${row}\u0000${lang}\u0000${index}`;

/** The tracks by row, language and paragraph index of `text` (what exports and comparisons walk). */
export function tracksByCell(text: CanonicalText, byPid: ReadonlyMap<string, ParagraphTrack>): Map<string, ParagraphTrack> {
  const out = new Map<string, ParagraphTrack>();
  for (const row of text.rows) {
    for (const lang of text.languages) {
      (row.cells[lang] ?? []).forEach((cell, i) => {
        const track = byPid.get(cell.pid);
        // Only over the very text it was made on: a rendering of another state shows none.
        if (track && track.lang === lang && track.text === cell.text) out.set(cellKey(row.id, lang, i), track);
      });
    }
  }
  return out;
}

const SECRETARIAT_NAMES: Readonly<Record<NamingLanguage, string>> = { en: 'Secretariat', fr: 'Secrétariat', vi: 'Ban thư ký' };

/** A tracked change's author: the proposing delegation's name ("French delegation"), capitalised. */
export function trackAuthor(author: CommentAuthor, ui: NamingLanguage): string {
  if (author.delegation === SECRETARIAT_SIDE) return SECRETARIAT_NAMES[ui];
  const name = delegationName(author.delegation, ui);
  return name.charAt(0).toLocaleUpperCase(ui) + name.slice(1);
}
