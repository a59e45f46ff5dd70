import type { Role } from '../model/access.js';
import type { CommentAuthor } from './commentModel.js';
import { SECRETARIAT_SIDE, type StoredSuggestion } from './suggestionModel.js';

/** Who may do what with a suggestion (the server enforces the same rules: server/collab/suggestionPolicy.ts). */

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

/** Whether two authors are the same person speaking for the same side (only a suggestion's author revises or withdraws it). */
export const sameAuthor = (a: CommentAuthor, b: CommentAuthor): boolean => a.name === b.name && a.delegation === b.delegation;
