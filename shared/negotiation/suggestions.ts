import * as Y from 'yjs';
import type { LanguageCode } from '../model/ids.js';
import { textFragmentName } from '../model/declaration.js';
import { isParagraphId, pidElements, PID_ATTRIBUTE, textFragmentNames } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { anchorText, type AnyType, locateRange, outermostUnit, type RelativePositionJson, relativePositionToPlainJson } from './commentAnchors.js';
import type { CommentAuthor } from './commentModel.js';
import {
  type AppliedMark,
  appliedKey,
  isSuggestionId,
  kindOf,
  MAX_SUGGESTION_QUOTE_LENGTH,
  type NewSuggestion,
  type StoredSuggestion,
  type StoredVote,
  type Suggestion,
  type SuggestionKind,
  voteKey,
  type VoteInput,
} from './suggestionModel.js';
import { mayVote, sameAuthor } from './suggestionRules.js';
import { parseSuggestionText } from './suggestionShapes.js';
import { absolute, readSuggestion, storedOf, suggestionsMap, votesMap } from './suggestionState.js';

/**
 * The commands on suggestions: propose, revise, withdraw, vote, apply. Each checks the
 * suggestion's state (suggestionState.ts) and the rules (suggestionRules.ts), then writes one
 * transaction into the maps laid out in suggestionModel.ts.
 */

function elementOf(doc: Y.Doc, lang: string, pid: string): Y.XmlElement | null {
  for (const el of pidElements(doc.getXmlFragment(textFragmentName(lang as LanguageCode)))) {
    if (el.getAttribute(PID_ATTRIBUTE) === pid) return el;
  }
  return null;
}

/** The first `Y.XmlText` inside an element, depth first (where an insertion into an empty unit goes). */
function firstText(element: Y.XmlElement): Y.XmlText | null {
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) return child;
    if (child instanceof Y.XmlElement && child.nodeName !== 'hardBreak') {
      const inner = firstText(child);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * The anchor of an insertion at plain offset `offset`: after the character before it (so that
 * the point stays behind the word it follows while others type after it), or before the first
 * character, or, in a unit with no text yet, the start of its first text node or of the unit.
 */
function insertionAnchor(element: Y.XmlElement, offset: number): Result<RelativePositionJson> {
  const text = anchorText(element);
  if (offset > text.plain.length) return fail(`the paragraph has ${text.plain.length} characters`);
  if (offset > 0) {
    const before = locateRange(element, offset - 1, offset);
    if (before.ok && before.value.to === offset) {
      return ok(relativePositionToPlainJson(Y.createRelativePositionFromTypeIndex(before.value.end.text, before.value.end.index, -1)));
    }
  }
  if (text.plain.length > 0) {
    const after = locateRange(element, offset, text.plain.length);
    if (after.ok) return ok(relativePositionToPlainJson(Y.createRelativePositionFromTypeIndex(after.value.start.text, after.value.start.index, 0)));
  }
  const node: AnyType = firstText(element) ?? element;
  return ok(relativePositionToPlainJson(Y.createRelativePositionFromTypeIndex(node, 0, 0)));
}

/** Records a suggestion; the text is not touched. */
export function createSuggestion(doc: Y.Doc, input: NewSuggestion): Result<{ readonly id: string; readonly kind: SuggestionKind }> {
  if (!isSuggestionId(input.id)) return fail('a suggestion id is 1 to 64 letters, digits, "-" or "_"');
  if (suggestionsMap(doc).has(input.id)) return fail('a suggestion with this id exists');
  if (typeof input.lang !== 'string' || !textFragmentNames(doc).includes(textFragmentName(input.lang as LanguageCode))) {
    return fail(`no text in language "${String(input.lang)}"`);
  }
  if (!isParagraphId(input.pid)) return fail('not a paragraph id');
  const text = parseSuggestionText(input.text);
  if (!text.ok) return text;
  const { from, to } = input;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from) return fail('a suggestion needs 0 <= from <= to');
  if (from === to && text.value.length === 0) return fail('a suggestion proposes words or their deletion');
  const element = elementOf(doc, input.lang, input.pid);
  if (!element) return fail(`no paragraph "${input.pid}" in language "${input.lang}"`);
  const unit = outermostUnit(element);
  if (!unit) return fail('the paragraph is not part of the text');

  let start: RelativePositionJson;
  let end: RelativePositionJson;
  let quote = '';
  if (from === to) {
    const at = insertionAnchor(element, from);
    if (!at.ok) return at;
    start = end = at.value;
  } else {
    const located = locateRange(element, from, to);
    if (!located.ok) return located;
    // One text node only: a range across a line break is two suggestions (the editor splits it).
    if (located.value.start.text !== located.value.end.text) return fail('a suggestion lies within one line');
    if (located.value.quote.length > MAX_SUGGESTION_QUOTE_LENGTH) return fail(`a suggestion changes at most ${MAX_SUGGESTION_QUOTE_LENGTH} characters`);
    start = relativePositionToPlainJson(Y.createRelativePositionFromTypeIndex(located.value.start.text, located.value.start.index, 0));
    end = relativePositionToPlainJson(Y.createRelativePositionFromTypeIndex(located.value.end.text, located.value.end.index, -1));
    quote = located.value.quote;
  }
  const stored: StoredSuggestion = {
    lang: input.lang,
    pid: unit.pid,
    start,
    end,
    quote,
    text: text.value,
    author: input.author,
    at: input.at,
    revision: 1,
    withdrawn: false,
    consent: input.consent === true,
  };
  doc.transact(() => suggestionsMap(doc).set(input.id, stored), input.origin);
  return ok({ id: input.id, kind: kindOf(stored) });
}

/** The author changes the proposed words of their pending suggestion (typing on at its end, deleting back). */
export function reviseSuggestion(
  doc: Y.Doc,
  id: string,
  change: { readonly text: string; readonly by: CommentAuthor; readonly origin?: unknown },
): Result<void> {
  const current = readSuggestion(doc, id);
  if (!current) return fail('no such suggestion');
  if (!sameAuthor(current.author, change.by)) return fail('only its author changes a suggestion');
  if (current.status !== 'pending') return fail(`the suggestion is ${current.status}`);
  const text = parseSuggestionText(change.text);
  if (!text.ok) return text;
  if (text.value.length === 0 && current.quote.length === 0) return withdrawSuggestion(doc, id, change);
  const stored = storedOf(doc, id)!;
  doc.transact(() => suggestionsMap(doc).set(id, { ...stored, text: text.value, revision: stored.revision + 1 } satisfies StoredSuggestion), change.origin);
  return ok(undefined);
}

export function withdrawSuggestion(doc: Y.Doc, id: string, change: { readonly by: CommentAuthor; readonly origin?: unknown }): Result<void> {
  const current = readSuggestion(doc, id);
  if (!current) return fail('no such suggestion');
  if (!sameAuthor(current.author, change.by)) return fail('only its author withdraws a suggestion');
  if (current.status === 'accepted' || current.status === 'withdrawn') return fail(`the suggestion is ${current.status}`);
  const stored = storedOf(doc, id)!;
  doc.transact(() => suggestionsMap(doc).set(id, { ...stored, withdrawn: true, revision: stored.revision + 1 } satisfies StoredSuggestion), change.origin);
  return ok(undefined);
}

/**
 * Records a side's decision. Accepting an ordinary suggestion applies it in the same
 * transaction (one edit by the acceptor, which an undo manager tracking `origin` undoes whole,
 * the vote included). A consent suggestion is applied once every consent is there, by whoever
 * applies it (`applySuggestion`; the server does, since it alone also refreshes the row's
 * agreement).
 */
export function voteOnSuggestion(doc: Y.Doc, id: string, vote: VoteInput): Result<{ readonly applied: boolean }> {
  const current = readSuggestion(doc, id);
  if (!current) return fail('no such suggestion');
  if (current.status !== 'pending') return fail(current.status === 'outdated' ? 'the suggestion no longer applies' : `the suggestion is ${current.status}`);
  const side = vote.by.delegation;
  if (!mayVote(side, current)) return fail('this side does not decide on this suggestion');
  const stored: StoredVote = { decision: vote.decision, by: vote.by, at: vote.at, revision: current.revision };
  let result: Result<{ applied: boolean }> = ok({ applied: false });
  doc.transact(() => {
    votesMap(doc).set(voteKey(id, side), stored);
    if (vote.decision === 'accept' && !current.consent) {
      const applied = applyInTransaction(doc, current, vote.by, vote.at);
      result = applied.ok ? ok({ applied: true }) : applied;
    }
  }, vote.origin);
  return result;
}

/** Applies a suggestion to the text and marks it applied (one transaction). */
export function applySuggestion(doc: Y.Doc, id: string, by: CommentAuthor, at: number, origin?: unknown): Result<void> {
  const current = readSuggestion(doc, id);
  if (!current) return fail('no such suggestion');
  if (current.status !== 'pending') return fail(current.status === 'outdated' ? 'the suggestion no longer applies' : `the suggestion is ${current.status}`);
  let result: Result<void> = ok(undefined);
  doc.transact(() => {
    result = applyInTransaction(doc, current, by, at);
  }, origin);
  return result;
}

function applyInTransaction(doc: Y.Doc, s: Suggestion, by: CommentAuthor, at: number): Result<void> {
  const start = absolute(doc, s.start);
  const end = absolute(doc, s.end);
  if (!start || !end || s.place === null) return fail('the suggestion no longer applies');
  if (s.kind === 'insert') {
    insertAt(start.type, start.index, s.text);
  } else {
    if (start.type !== end.type || !(start.type instanceof Y.XmlText)) return fail('the suggestion no longer applies');
    start.type.delete(start.index, end.index - start.index);
    if (s.text) start.type.insert(start.index, s.text);
  }
  votesMap(doc).set(appliedKey(s.id), { by, at, revision: s.revision } satisfies AppliedMark);
  return ok(undefined);
}

function insertAt(type: AnyType, index: number, text: string): void {
  if (type instanceof Y.XmlText) {
    type.insert(index, text);
    return;
  }
  // A unit with no text node yet: give it one.
  const node = new Y.XmlText();
  (type as Y.XmlElement).insert(Math.min(index, (type as Y.XmlElement).length), [node]);
  node.insert(0, text);
}
