import * as Y from 'yjs';
import type { LanguageCode, ParagraphId } from '../model/ids.js';
import { textFragmentName } from '../model/declaration.js';
import { anchorText, type AnyType, outermostUnit, plainOffsetOf, type RelativePositionJson } from './commentAnchors.js';
import {
  APPLIED,
  appliedKey,
  isSuggestionId,
  kindOf,
  parseVoteKey,
  SECRETARIAT_SIDE,
  SUGGESTION_VOTES_MAP,
  SUGGESTIONS_MAP,
  type StoredSuggestion,
  type StoredVote,
  type Suggestion,
  type SuggestionPlace,
  type SuggestionStatus,
} from './suggestionModel.js';
import { consentsNeeded, mayVote } from './suggestionRules.js';
import { parseAppliedMark, parseStoredSuggestion, parseStoredVote } from './suggestionShapes.js';

/**
 * What each suggestion is now, read from the document: its status (from its votes, applied mark
 * and whether its words are still there), where it sits in its paragraph, and the votes that count.
 */

export function suggestionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SUGGESTIONS_MAP);
}

export function votesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SUGGESTION_VOTES_MAP);
}

export function storedOf(doc: Y.Doc, id: string): StoredSuggestion | null {
  const value = suggestionsMap(doc).get(id);
  return parseStoredSuggestion(value);
}

export function absolute(doc: Y.Doc, json: RelativePositionJson): { type: AnyType; index: number } | null {
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
  } catch {
    return null;
  }
  if (!abs || !(abs.type instanceof Y.XmlText || abs.type instanceof Y.XmlElement)) return null;
  for (let t: AnyType | null = abs.type; t?._item; t = t._item.parent as AnyType | null) {
    if (t._item.deleted) return null;
  }
  return { type: abs.type, index: abs.index };
}

/** Where the suggestion sits now, or null when its words (or its paragraph) are gone. */
function placeOf(doc: Y.Doc, s: StoredSuggestion): SuggestionPlace | null {
  const start = absolute(doc, s.start);
  const end = absolute(doc, s.end);
  if (!start || !end) return null;
  const unit = outermostUnit(start.type);
  if (
    !unit ||
    unit.pid !== s.pid ||
    !doc.share.get(textFragmentName(s.lang as LanguageCode)) ||
    unit.root !== doc.share.get(textFragmentName(s.lang as LanguageCode))
  )
    return null;
  const text = anchorText(unit.element);
  const from = start.type instanceof Y.XmlText ? plainOffsetOf(text, start.type, start.index) : 0;
  if (from === null) return null;
  if (kindOf(s) === 'insert') return { pid: unit.pid, from, to: from };
  if (end.type !== start.type) return null;
  const to = plainOffsetOf(text, end.type, end.index);
  // Changed words are not the words the suggestion was made on: applying it would hit others' text.
  if (to === null || text.plain.slice(from, to) !== s.quote) return null;
  return { pid: unit.pid, from, to };
}

function buildSuggestion(doc: Y.Doc, id: string, stored: StoredSuggestion): Suggestion {
  const kind = kindOf(stored);
  const votesByKey = votesMap(doc);
  const applied = parseAppliedMark(votesByKey.get(appliedKey(id)));
  const votes: (StoredVote & { side: string })[] = [];
  votesByKey.forEach((value, key) => {
    const parsed = parseVoteKey(key);
    if (!parsed || parsed.id !== id || parsed.side === APPLIED) return;
    const vote = parseStoredVote(value);
    if (vote && vote.revision === stored.revision && vote.by.delegation === parsed.side && mayVote(parsed.side, stored))
      votes.push({ ...vote, side: parsed.side });
  });
  const rejection = votes.find((v) => v.decision === 'reject');
  const place = applied || stored.withdrawn ? null : placeOf(doc, stored);
  let status: SuggestionStatus;
  if (applied) status = 'accepted';
  else if (stored.withdrawn) status = 'withdrawn';
  else if (rejection) status = 'rejected';
  else if (!place) status = 'outdated';
  else status = 'pending';
  const needs = consentsNeeded(stored);
  const accepted = votes.filter((v) => v.decision === 'accept');
  const ownerOk = !needs.owner || accepted.some((v) => v.side === stored.lang || (!stored.consent && v.side === SECRETARIAT_SIDE));
  const otherOk = !needs.other || accepted.some((v) => v.side !== stored.lang);
  return {
    ...stored,
    id,
    kind,
    status,
    place,
    votes,
    applied,
    rejectedBy: status === 'rejected' ? rejection!.by : null,
    readyToApply: stored.consent && status === 'pending' && ownerOk && otherOk,
  };
}

export function readSuggestion(doc: Y.Doc, id: string): Suggestion | null {
  const stored = storedOf(doc, id);
  return stored ? buildSuggestion(doc, id, stored) : null;
}

/** Every well-formed suggestion, in creation order. */
export function readSuggestions(doc: Y.Doc): Suggestion[] {
  const out: Suggestion[] = [];
  suggestionsMap(doc).forEach((value, id) => {
    const stored = parseStoredSuggestion(value);
    if (stored && isSuggestionId(id)) out.push(buildSuggestion(doc, id, stored));
  });
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** Pending suggestions by the unit they are in. */
export function pendingByPid(suggestions: readonly Suggestion[]): Map<ParagraphId, Suggestion[]> {
  const out = new Map<ParagraphId, Suggestion[]>();
  for (const s of suggestions) {
    if (s.status !== 'pending' || !s.place) continue;
    const list = out.get(s.place.pid) ?? [];
    list.push(s);
    out.set(s.place.pid, list);
  }
  return out;
}
