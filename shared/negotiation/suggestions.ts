import * as Y from 'yjs';
import type { Role } from '../model/access.js';
import type { LanguageCode, ParagraphId } from '../model/ids.js';
import { textFragmentName } from '../model/declaration.js';
import { isParagraphId, pidElements, PID_ATTRIBUTE, textFragmentNames } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { toNfc } from '../text/nfc.js';
import {
  anchorText,
  type AnyType,
  locateRange,
  outermostUnit,
  plainOffsetOf,
  type RelativePositionJson,
  relativePositionToPlainJson,
} from './commentAnchors.js';
import type { CommentAuthor } from './commentModel.js';

/**
 * Suggestions: wording proposed in a language column, which changes nothing in the text until
 * someone entitled accepts it. They never live in the text itself, so versions, comparison,
 * exports, the fingerprint and the concordance check see only the authentic text without
 * knowing suggestions exist. Stored in the declaration's Y.Doc (live, offline-capable):
 *
 *   Y.Map `suggestions`:     id → StoredSuggestion (plain JSON; only its author replaces it)
 *   Y.Map `suggestionVotes`: `<id>:<side>` → StoredVote (a side replaces only its own)
 *                            `<id>:applied` → AppliedMark (written with the text edit, once)
 *
 * A side is what a person speaks for: a language code for a delegation or signatory, or
 * `secretariat`. Each key has one writer, so concurrent work never fights over a value: two
 * sides voting at once both count, and the author revising while someone votes only makes the
 * vote count for the wording it saw (`revision`).
 *
 * Anchors are Yjs relative positions into the `Y.XmlText` holding the words, so that others
 * typing around a pending suggestion move it with the words; a deletion or replacement applies
 * only while the words it proposes to change are still exactly there ("no longer applies"
 * otherwise), never to whatever text now sits at the old offsets.
 */
export const SUGGESTIONS_MAP = 'suggestions';
export const SUGGESTION_VOTES_MAP = 'suggestionVotes';

export const MAX_SUGGESTION_LENGTH = 5_000;
export const MAX_SUGGESTION_QUOTE_LENGTH = 5_000;
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const APPLIED = 'applied';
export const SECRETARIAT_SIDE = 'secretariat';

export type SuggestionKind = 'insert' | 'delete' | 'replace';

/** What the author writes, whole, under the suggestion's id. */
export interface StoredSuggestion {
  readonly lang: string;
  /** The unit (top-level paragraph, heading or list item) the suggestion is in. */
  readonly pid: string;
  /** Start of the words to change, or the insertion point. */
  readonly start: RelativePositionJson;
  /** Just after the words to change; equal to `start` for an insertion. */
  readonly end: RelativePositionJson;
  /** The words proposed for deletion or replacement at creation; empty for an insertion. */
  readonly quote: string;
  /** The words proposed; empty for a deletion. NFC. */
  readonly text: string;
  readonly author: CommentAuthor;
  readonly at: number;
  /** Grows by one each time the author changes the wording. */
  readonly revision: number;
  readonly withdrawn: boolean;
  /** Made in an agreed row: it needs both the column's owner and another side (see `consentsNeeded`). */
  readonly consent: boolean;
}

export type Decision = 'accept' | 'reject';

export interface StoredVote {
  readonly decision: Decision;
  readonly by: CommentAuthor;
  readonly at: number;
  /** The revision the voter saw: a vote counts only for that wording. */
  readonly revision: number;
}

/** Written in the same transaction as the text edit that applies the suggestion. */
export interface AppliedMark {
  readonly by: CommentAuthor;
  readonly at: number;
  readonly revision: number;
}

export type SuggestionStatus =
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'withdrawn'
  /** The words it would change are gone or were changed by others, or its paragraph is gone. */
  | 'outdated';

/** Where a live suggestion sits now, in its unit's plain text (`plainText`, as `readUnits` reports it). */
export interface SuggestionPlace {
  readonly pid: ParagraphId;
  readonly from: number;
  readonly to: number;
}

export interface Suggestion extends StoredSuggestion {
  readonly id: string;
  readonly kind: SuggestionKind;
  readonly status: SuggestionStatus;
  /** Null when the anchored text can no longer be found. */
  readonly place: SuggestionPlace | null;
  /** The votes for the current wording, one per side. */
  readonly votes: readonly (StoredVote & { readonly side: string })[];
  readonly applied: AppliedMark | null;
  /** Who rejected it (the first rejecting side), for a rejected suggestion. */
  readonly rejectedBy: CommentAuthor | null;
  /** A consent suggestion whose consents are all there and that still applies: the server applies it. */
  readonly readyToApply: boolean;
}

// ---------------------------------------------------------------------------------------------
// Who may do what (the server enforces the same rules: server/collab/suggestionPolicy.ts)

/** The side a role speaks for; null for an observer, who suggests and decides nothing. */
export function sideOf(role: Role): string | null {
  switch (role.kind) {
    case 'secretariat':
      return SECRETARIAT_SIDE;
    case 'delegation':
    case 'signatory':
      return role.lang;
    case 'observer':
      return null;
  }
}

/** Sides that may write a column directly: its language's delegation and the secretariat. */
export function ownsColumn(side: string, lang: string): boolean {
  return side === lang || side === SECRETARIAT_SIDE;
}

/**
 * Which sides must accept. An ordinary suggestion needs one owner of its column. A consent
 * suggestion (agreed row) needs the column's delegation and another side (another delegation
 * or the secretariat); the author's own side counts as having consented by proposing.
 */
export function consentsNeeded(s: Pick<StoredSuggestion, 'lang' | 'consent' | 'author'>): { owner: boolean; other: boolean } {
  if (!s.consent) return { owner: true, other: false };
  return { owner: s.author.delegation !== s.lang, other: s.author.delegation === s.lang };
}

/** Whether `side` may vote on the suggestion at all. */
export function mayVote(side: string, s: Pick<StoredSuggestion, 'lang' | 'consent' | 'author'>): boolean {
  if (!s.consent) return ownsColumn(side, s.lang);
  // In an agreed row the column's owner is its delegation; every other side is "the other delegation".
  return side !== s.author.delegation;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface NewSuggestion {
  /** Chosen by the caller (e.g. `crypto.randomUUID()`); `[A-Za-z0-9_-]{1,64}`. */
  readonly id: string;
  readonly lang: string;
  /** A unit or a block inside one; offsets are in its plain text. `from === to` for an insertion. */
  readonly pid: string;
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly author: CommentAuthor;
  readonly at: number;
  readonly consent?: boolean;
  readonly origin?: unknown;
}

export function suggestionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SUGGESTIONS_MAP);
}

export function votesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SUGGESTION_VOTES_MAP);
}

export const voteKey = (id: string, side: string): string => `${id}:${side}`;
export const appliedKey = (id: string): string => `${id}:${APPLIED}`;

/** Whether a key of `suggestions` has the shape of a suggestion id. */
export function isSuggestionId(key: unknown): key is string {
  return typeof key === 'string' && ID_SHAPE.test(key);
}

/** Splits a key of `suggestionVotes` into the suggestion id and the side (or `applied`). */
export function parseVoteKey(key: string): { id: string; side: string } | null {
  const at = key.lastIndexOf(':');
  if (at <= 0) return null;
  const id = key.slice(0, at);
  const side = key.slice(at + 1);
  return isSuggestionId(id) && side.length > 0 && side.length <= 35 ? { id, side } : null;
}

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

/** Checks and normalises the proposed words. */
export function parseSuggestionText(raw: unknown): Result<string> {
  if (typeof raw !== 'string') return fail('the suggested text must be a string');
  const text = toNfc(raw);
  if (text.length > MAX_SUGGESTION_LENGTH) return fail(`a suggestion holds at most ${MAX_SUGGESTION_LENGTH} characters`);
  return ok(text);
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

function storedOf(doc: Y.Doc, id: string): StoredSuggestion | null {
  const value = suggestionsMap(doc).get(id);
  return parseStoredSuggestion(value);
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

export interface VoteInput {
  readonly decision: Decision;
  readonly by: CommentAuthor;
  readonly at: number;
  readonly origin?: unknown;
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

// ---------------------------------------------------------------------------------------------
// Reading

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isAuthor(v: unknown): v is CommentAuthor {
  if (typeof v !== 'object' || v === null) return false;
  const { name, delegation } = v as Record<string, unknown>;
  return typeof name === 'string' && typeof delegation === 'string' && name.length <= 200 && delegation.length <= 35;
}

function isRelJson(v: unknown): v is RelativePositionJson {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const isId = (x: unknown) =>
    typeof x === 'object' && x !== null && Number.isSafeInteger((x as { client: unknown }).client) && Number.isSafeInteger((x as { clock: unknown }).clock);
  for (const key of Object.keys(o)) if (!['type', 'item', 'assoc'].includes(key)) return false;
  if (o.item !== undefined && !isId(o.item)) return false;
  if (o.type !== undefined && !isId(o.type)) return false;
  if (o.item === undefined && o.type === undefined) return false;
  return o.assoc === undefined || o.assoc === 0 || o.assoc === -1;
}

const SUGGESTION_FIELDS = ['lang', 'pid', 'start', 'end', 'quote', 'text', 'author', 'at', 'revision', 'withdrawn', 'consent'];

/** A stored suggestion if the value has exactly its shape, else null (the server refuses other shapes). */
export function parseStoredSuggestion(v: unknown): StoredSuggestion | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== SUGGESTION_FIELDS.length || !SUGGESTION_FIELDS.every((k) => k in o)) return null;
  if (typeof o.lang !== 'string' || o.lang.length > 35 || !isParagraphId(o.pid)) return null;
  if (!isRelJson(o.start) || !isRelJson(o.end)) return null;
  if (typeof o.quote !== 'string' || o.quote.length > MAX_SUGGESTION_QUOTE_LENGTH) return null;
  if (typeof o.text !== 'string' || o.text.length > MAX_SUGGESTION_LENGTH || o.text !== o.text.normalize('NFC')) return null;
  if (o.text.length === 0 && o.quote.length === 0) return null;
  if (!isAuthor(o.author) || !isTime(o.at)) return null;
  if (!Number.isSafeInteger(o.revision) || (o.revision as number) < 1) return null;
  if (typeof o.withdrawn !== 'boolean' || typeof o.consent !== 'boolean') return null;
  return o as unknown as StoredSuggestion;
}

/** A stored vote or applied mark if the value has exactly its shape. */
export function parseStoredVote(v: unknown): StoredVote | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== 4 || (o.decision !== 'accept' && o.decision !== 'reject')) return null;
  if (!isAuthor(o.by) || !isTime(o.at) || !Number.isSafeInteger(o.revision) || (o.revision as number) < 1) return null;
  return o as unknown as StoredVote;
}

export function parseAppliedMark(v: unknown): AppliedMark | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== 3 || !isAuthor(o.by) || !isTime(o.at) || !Number.isSafeInteger(o.revision)) return null;
  return o as unknown as AppliedMark;
}

export const sameAuthor = (a: CommentAuthor, b: CommentAuthor): boolean => a.name === b.name && a.delegation === b.delegation;

export function kindOf(s: Pick<StoredSuggestion, 'quote' | 'text'>): SuggestionKind {
  if (s.quote.length === 0) return 'insert';
  return s.text.length === 0 ? 'delete' : 'replace';
}

function absolute(doc: Y.Doc, json: RelativePositionJson): { type: AnyType; index: number } | null {
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
