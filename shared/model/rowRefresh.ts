import type * as Y from 'yjs';
import { applyBracketStatuses } from '../negotiation/brackets.js';
import { applyAlignmentChanges, computeAlignmentChanges, readAlignmentInput, type AlignmentChanges, type AlignmentInput } from './autoAlign.js';
import { readFrozen } from './freeze.js';
import type { LanguageCode } from './ids.js';

/**
 * Brings the rows up to date with the text: the automatic alignment, and the "bracketed" status
 * of rows with text in brackets. A frozen text's rows are part of what was fingerprinted and
 * signed: they are left as they are. Returns how many rows changed.
 */
export function refreshRows(doc: Y.Doc, languages: readonly LanguageCode[], origin: unknown): number {
  const input = readRowRefreshInput(doc, languages);
  return applyRowRefresh(doc, languages, input && computeAlignmentChanges(input), origin);
}

/** What `refreshRows` aligns, to compute elsewhere (`computeAlignmentChanges`); null when there is nothing to align. */
export function readRowRefreshInput(doc: Y.Doc, languages: readonly LanguageCode[]): AlignmentInput | null {
  return readFrozen(doc) ? null : readAlignmentInput(doc, languages);
}

/**
 * The rest of `refreshRows`: writes `changes`, computed from `readRowRefreshInput` of this
 * document as it still is, then the bracket statuses (quick: kept here). Returns rows changed.
 */
export function applyRowRefresh(doc: Y.Doc, languages: readonly LanguageCode[], changes: AlignmentChanges | null, origin: unknown): number {
  if (readFrozen(doc)) return 0;
  return (changes ? applyAlignmentChanges(doc, changes, origin) : 0) + applyBracketStatuses(doc, languages, origin);
}
