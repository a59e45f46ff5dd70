import * as Y from 'yjs';
import { commentAuthorFor } from '../../shared/negotiation/commentRules.js';
import type { CommentAuthor } from '../../shared/negotiation/commentModel.js';
import { textFragmentNames } from '../../shared/model/paragraphIds.js';
import { isSuggestionId, parseVoteKey, SUGGESTION_VOTES_MAP, SUGGESTIONS_MAP, type StoredSuggestion } from '../../shared/negotiation/suggestionModel.js';
import { mayVote, ownsColumn, sameAuthor, sideOf } from '../../shared/negotiation/suggestionRules.js';
import { parseAppliedMark, parseStoredSuggestion, parseStoredVote } from '../../shared/negotiation/suggestionShapes.js';
import type { Writer } from './conversationPolicy.js';
import { UpdatePlaces } from './updatePlaces.js';

export type SuggestionVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** The roots whose writes `checkSuggestions` checks. */
export const SUGGESTION_ROOTS: ReadonlySet<string> = new Set([SUGGESTIONS_MAP, SUGGESTION_VOTES_MAP]);

/** Most items one update may write into the suggestions and their votes: generous for an offline session, a stop to floods. */
export const MAX_SUGGESTION_ITEMS_PER_UPDATE = 2_000;

const APPLIED_SIDE = 'applied';

/** Fields a suggestion keeps for life: its author only changes the words, and withdraws it. */
const FIXED_FIELDS = ['lang', 'pid', 'start', 'end', 'quote', 'author', 'at', 'consent'] as const;

/**
 * The suggestions' part of the write policy, run after `checkWrite` found that an update
 * touches `suggestions` or `suggestionVotes` (shared/negotiation/suggestions.ts). Both are flat
 * maps of plain values; each new item is followed to the key Yjs will put it under:
 *
 * - `suggestions[id]`: a well-formed suggestion in the writer's name, in a language of the
 *   declaration; an existing one is replaced only by its author, with only its words, its
 *   withdrawal and a higher revision changed.
 * - `suggestionVotes[id:side]`: the writer's own side, on an existing suggestion it may decide.
 * - `suggestionVotes[id:applied]`: once, by an owner of the column (its delegation or the
 *   secretariat), never for a consent suggestion (the server applies those, and keeps the row
 *   agreed). The text edit that comes with it is ordinary text, checked by the root rules.
 *
 * Nothing is deleted but what its rightful writer replaces. Whether a consent suggestion sits in
 * an agreed row is not checked here: a row's status changes under a client's feet, and a refused
 * update would be sent again forever; what consent gives (the row stays agreed) is decided by the
 * server when it applies it, from the row as it is then (server/negotiation/consentApplier.ts).
 */
export function checkSuggestions(doc: Y.Doc, decoded: Decoded, writer: Writer): SuggestionVerdict {
  return new SuggestionCheck(doc, decoded, commentAuthorFor(writer.role, writer.name), sideOf(writer.role)).run();
}

class SuggestionCheck {
  private readonly places: UpdatePlaces;
  /** New items by root, then by map key, in update order. */
  private readonly writes = new Map<string, Map<string, Y.Item[]>>([
    [SUGGESTIONS_MAP, new Map()],
    [SUGGESTION_VOTES_MAP, new Map()],
  ]);
  /** Suggestions as this update leaves them (stored, or new here), for the votes on them. */
  private readonly suggestions = new Map<string, StoredSuggestion>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: Decoded,
    private readonly writer: CommentAuthor,
    private readonly side: string | null,
  ) {
    this.places = new UpdatePlaces(doc, decoded);
  }

  run(): SuggestionVerdict {
    if (this.side === null) return refuse('an observer neither suggests nor decides');
    let count = 0;
    for (const struct of this.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const state = Y.getState(this.doc.store, struct.id.client);
      if (struct.id.clock + struct.length <= state) continue; // already held: changes nothing
      // Yjs grafts the part of a struct past the server's state onto that client's last struct, wherever it is.
      if (struct.id.clock < state && SUGGESTION_ROOTS.has(this.places.rootAt(struct.id.client, state - 1) ?? '')) {
        return refuse('a struct overlaps content the server already holds in the suggestions');
      }
      const root = this.places.rootOfNew(struct);
      if (root === null || !SUGGESTION_ROOTS.has(root)) continue;
      if (struct.id.clock < state) return refuse('a suggestion overlaps content the server already holds');
      const place = this.places.placeOf(struct, false);
      if (place.kind !== 'placed' || place.holder.kind !== 'root' || place.key === null) return refuse('suggestions and votes are maps of plain values');
      if (++count > MAX_SUGGESTION_ITEMS_PER_UPDATE) return refuse(`more than ${MAX_SUGGESTION_ITEMS_PER_UPDATE} suggestion items in one update`);
      const byKey = this.writes.get(root)!;
      const list = byKey.get(place.key);
      if (list) list.push(struct);
      else byKey.set(place.key, [struct]);
    }
    for (const [key, items] of this.writes.get(SUGGESTIONS_MAP)!) {
      const verdict = this.checkSuggestion(key, items);
      if (!verdict.ok) return verdict;
    }
    for (const [key, items] of this.writes.get(SUGGESTION_VOTES_MAP)!) {
      const verdict = this.checkVote(key, items);
      if (!verdict.ok) return verdict;
    }
    return this.checkDeletions();
  }

  private checkSuggestion(key: string, items: readonly Y.Item[]): SuggestionVerdict {
    if (!isSuggestionId(key)) return refuse('a suggestion id must match [A-Za-z0-9_-]{1,64}');
    const values = plainValues(items);
    if (!values) return refuse('a suggestion is one plain value');
    // A value written over an existing key replaces (deletes) the one there, unasked: only its author may.
    const stored = storedEntry(this.doc, SUGGESTIONS_MAP, key);
    const previous = stored ? parseStoredSuggestion(stored.value) : null;
    if (stored) {
      if (!previous || !sameAuthor(previous.author, this.writer)) return refuse(`rewrites suggestion "${key}", which is someone else's`);
      if (values.length === 0) return refuse(`removes suggestion "${key}"`);
    }
    // Every value the update writes here keeps the fixed fields of the stored one (or of its first).
    let base = previous;
    const languages = new Set(textFragmentNames(this.doc));
    for (const value of values) {
      const s = parseStoredSuggestion(value);
      if (!s) return refuse(`suggestion "${key}" is not a well-formed suggestion`);
      if (!sameAuthor(s.author, this.writer)) return refuse(`suggestion "${key}" is not in the writer's name (author)`);
      if (!languages.has(`text:${s.lang}`)) return refuse(`suggestion "${key}" is in a language the declaration does not have`);
      if (base) {
        for (const field of FIXED_FIELDS) {
          if (JSON.stringify(s[field]) !== JSON.stringify(base[field])) return refuse(`rewrites the ${field} of suggestion "${key}"`);
        }
        if (previous && s.revision <= previous.revision) return refuse(`rewrites suggestion "${key}" without a new revision`);
        if (previous?.withdrawn && !s.withdrawn) return refuse(`takes back the withdrawal of suggestion "${key}"`);
      } else {
        base = s;
      }
    }
    if (base) this.suggestions.set(key, base);
    return { ok: true };
  }

  private checkVote(key: string, items: readonly Y.Item[]): SuggestionVerdict {
    const parsed = parseVoteKey(key);
    if (!parsed) return refuse('a vote key is "<suggestion id>:<side>"');
    const values = plainValues(items);
    if (!values) return refuse('a vote is one plain value');
    const suggestion = this.suggestions.get(parsed.id) ?? parseStoredSuggestion(storedEntry(this.doc, SUGGESTIONS_MAP, parsed.id)?.value);
    if (!suggestion) return refuse(`votes on suggestion "${parsed.id}", which does not exist`);
    const side = this.side!;
    if (parsed.side === APPLIED_SIDE) {
      if (suggestion.consent) return refuse('the server applies a suggestion made in an agreed row');
      if (!ownsColumn(side, suggestion.lang)) return refuse(`applies a suggestion in the ${suggestion.lang} column, which is not the writer's`);
      // Applied once: a second mark would stand for a second edit of the same words.
      if (this.doc.share.get(SUGGESTION_VOTES_MAP)?._map.has(key)) return refuse(`suggestion "${parsed.id}" is already applied`);
      for (const value of values) {
        const mark = parseAppliedMark(value);
        if (!mark) return refuse('an applied mark is { by, at, revision }');
        if (!sameAuthor(mark.by, this.writer)) return refuse(`suggestion "${parsed.id}" is not applied in the writer's name (by)`);
      }
      return { ok: true };
    }
    if (parsed.side !== side) return refuse(`votes for the side "${parsed.side}", which is not the writer's`);
    if (!mayVote(side, suggestion)) return refuse(`the side "${side}" does not decide on suggestion "${parsed.id}"`);
    for (const value of values) {
      const vote = parseStoredVote(value);
      if (!vote) return refuse('a vote is { decision, by, at, revision }');
      if (!sameAuthor(vote.by, this.writer)) return refuse(`the vote on suggestion "${parsed.id}" is not in the writer's name (by)`);
    }
    return { ok: true };
  }

  /** Deletions in the suggestions and votes: only of values this update replaces (their keys passed above). */
  private checkDeletions(): SuggestionVerdict {
    for (const { item, root } of this.places.storedDeletions()) {
      if (root === null || !SUGGESTION_ROOTS.has(root)) continue;
      const place = this.places.placeOfStored(item);
      const replaced = place.kind === 'placed' && place.key !== null && this.writes.get(root)!.has(place.key);
      if (replaced) continue;
      if (root === SUGGESTIONS_MAP || place.kind !== 'placed' || place.key === null)
        return refuse(root === SUGGESTIONS_MAP ? 'removes a suggestion' : 'removes a vote on a suggestion');
      const verdict = this.checkTakenBack(place.key);
      if (!verdict.ok) return verdict;
    }
    return { ok: true };
  }

  /**
   * A side takes back its own vote, and an owner of the column its application (undoing an
   * accept: the undo manager deletes the vote and the applied mark with the words). Neither gives
   * more than the writer has: an owner may write that column's text anyway. A consent
   * suggestion's application is the server's, and stays.
   */
  private checkTakenBack(key: string): SuggestionVerdict {
    const parsed = parseVoteKey(key);
    if (!parsed) return refuse('removes a vote on a suggestion');
    if (parsed.side !== APPLIED_SIDE)
      return parsed.side === this.side ? { ok: true } : refuse(`removes the vote of the side "${parsed.side}", which is not the writer's`);
    const suggestion = parseStoredSuggestion(storedEntry(this.doc, SUGGESTIONS_MAP, parsed.id)?.value);
    if (!suggestion || suggestion.consent || !ownsColumn(this.side!, suggestion.lang)) return refuse(`takes back the application of suggestion "${parsed.id}"`);
    return { ok: true };
  }
}

/**
 * The plain values the items hold (a collected replaced value holds none); null if an item
 * holds anything but one plain value (a shared type, a string run, several values).
 */
function plainValues(items: readonly Y.Item[]): unknown[] | null {
  const values: unknown[] = [];
  for (const item of items) {
    const content = item.content;
    if (content instanceof Y.ContentDeleted) continue;
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return null;
    values.push(content.arr[0]);
  }
  return values;
}

/** What the server holds under a key of a root map (a deleted value included: its key is taken). */
function storedEntry(doc: Y.Doc, root: string, key: string): { value: unknown } | null {
  const item = doc.share.get(root)?._map.get(key);
  if (!item) return null;
  return { value: item.deleted ? undefined : item.content.getContent()[item.length - 1] };
}

function refuse(reason: string): SuggestionVerdict {
  return { ok: false, reason };
}
