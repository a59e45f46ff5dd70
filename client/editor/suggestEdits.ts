import type * as Y from 'yjs';
import { fail, ok, type Result } from '../../shared/model/result';
import type { CommentAuthor } from '../../shared/negotiation/commentModel';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { sameAuthor } from '../../shared/negotiation/suggestionRules';
import { createSuggestion, reviseSuggestion, withdrawSuggestion } from '../../shared/negotiation/suggestions';
import { readSuggestions } from '../../shared/negotiation/suggestionState';

/**
 * What typing and deleting in suggesting mode do to the suggestions, so that a person writes a
 * proposal the way they write text: typing on at the end of their own pending proposal extends
 * it, Backspace right after it shortens it, and deleting next to their own pending deletion
 * widens that deletion instead of leaving a trail of one-letter suggestions.
 */
export interface SuggestPlace {
  readonly doc: Y.Doc;
  readonly lang: string;
  /** The unit (paragraph, heading, list item) edited; offsets are in its plain text. */
  readonly pid: string;
  readonly author: CommentAuthor;
  /** Made in an agreed row: a proposal to the other delegation. */
  readonly consent: boolean;
  readonly at: number;
}

const newId = (): string => crypto.randomUUID();

/** Pending suggestions of this author in this unit, of the same kind of consent. */
function mine(p: SuggestPlace): Suggestion[] {
  return readSuggestions(p.doc).filter(
    (s) => s.status === 'pending' && s.place?.pid === p.pid && s.lang === p.lang && s.consent === p.consent && sameAuthor(s.author, p.author),
  );
}

/** The author's proposal whose proposed words end at `offset` (an insertion there, or a replacement of words ending there). */
function endingAt(p: SuggestPlace, offset: number): Suggestion | undefined {
  return mine(p).find((s) => (s.kind === 'insert' && s.place!.from === offset) || (s.kind === 'replace' && s.place!.to === offset));
}

/** Typing `text` at `offset`. */
export function suggestInsert(p: SuggestPlace, offset: number, text: string): Result<void> {
  if (!text) return ok(undefined);
  const open = endingAt(p, offset);
  if (open) return reviseSuggestion(p.doc, open.id, { text: open.text + text, by: p.author });
  const made = createSuggestion(p.doc, {
    id: newId(),
    lang: p.lang,
    pid: p.pid,
    from: offset,
    to: offset,
    text,
    author: p.author,
    at: p.at,
    consent: p.consent,
  });
  return made.ok ? ok(undefined) : made;
}

/** Typing over (or pasting onto) the words `[from, to)`. */
export function suggestReplace(p: SuggestPlace, from: number, to: number, text: string): Result<void> {
  if (from === to) return suggestInsert(p, from, text);
  const made = createSuggestion(p.doc, { id: newId(), lang: p.lang, pid: p.pid, from, to, text, author: p.author, at: p.at, consent: p.consent });
  return made.ok ? ok(undefined) : made;
}

/** Proposing to delete `[from, to)`, merged with the author's own pending deletion it touches. */
export function suggestDelete(p: SuggestPlace, from: number, to: number): Result<void> {
  if (from >= to) return fail('nothing to delete');
  const touching = mine(p).find((s) => s.kind === 'delete' && (s.place!.to === from || s.place!.from === to || (s.place!.from <= from && s.place!.to >= to)));
  if (touching && touching.place!.from <= from && touching.place!.to >= to) return ok(undefined);
  const a = touching ? Math.min(touching.place!.from, from) : from;
  const b = touching ? Math.max(touching.place!.to, to) : to;
  const made = createSuggestion(p.doc, { id: newId(), lang: p.lang, pid: p.pid, from: a, to: b, text: '', author: p.author, at: p.at, consent: p.consent });
  if (!made.ok) return made;
  if (touching) withdrawSuggestion(p.doc, touching.id, { by: p.author });
  return ok(undefined);
}

/**
 * Backspace at `offset`: shortens the author's own proposal ending there, or proposes deleting
 * the character before. `moved` says whether the caret should step back over that character.
 */
export function suggestBackspace(p: SuggestPlace, offset: number): Result<{ moved: boolean }> {
  const open = endingAt(p, offset);
  if (open && open.text.length > 0) {
    const chars = Array.from(open.text);
    const revised = reviseSuggestion(p.doc, open.id, { text: chars.slice(0, -1).join(''), by: p.author });
    return revised.ok ? ok({ moved: false }) : revised;
  }
  if (offset === 0) return fail('nothing before the caret');
  const deleted = suggestDelete(p, offset - 1, offset);
  return deleted.ok ? ok({ moved: true }) : deleted;
}
