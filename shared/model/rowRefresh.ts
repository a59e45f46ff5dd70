import type * as Y from 'yjs';
import { applyBracketStatuses } from '../negotiation/brackets.js';
import { updateAutomaticAlignment } from './autoAlign.js';
import { readFrozen } from './freeze.js';
import type { LanguageCode } from './ids.js';

/**
 * Brings the rows up to date with the text: the automatic alignment, and the "bracketed" status
 * of rows with text in brackets. A frozen text's rows are part of what was fingerprinted and
 * signed: they are left as they are. Returns how many rows changed.
 */
export function refreshRows(doc: Y.Doc, languages: readonly LanguageCode[], origin: unknown): number {
  if (readFrozen(doc)) return 0;
  return updateAutomaticAlignment(doc, languages, origin) + applyBracketStatuses(doc, languages, origin);
}
