import { alignDocument } from './alignDocument.js';
import { prepareDocument } from './document.js';
import { checkFixedLinks } from './fixedLinks.js';
import type { AlignInput, Link } from './types.js';

export type { AlignInput, Evidence, Link, LinkKind, Para } from './types.js';
export { nameLinkKind } from './types.js';
export { checkFixedLinks } from './fixedLinks.js';
export { realignAfterEdit, realignAround } from './incremental.js';

/**
 * Aligns the paragraphs of two translations of one document. Every paragraph of both sides
 * appears in exactly one link, in reading order; fixed links come back unchanged (the same
 * objects) and only the paragraphs between them are aligned. Throws a RangeError when the
 * fixed links are invalid; check them first with checkFixedLinks when they come from outside.
 */
export function alignParagraphs(input: AlignInput): Link[] {
  const fixed = input.fixed ?? [];
  const checked = checkFixedLinks(fixed, input.source.length, input.target.length);
  if (!checked.ok) throw new RangeError(checked.reason);
  return alignDocument(prepareDocument(input), fixed);
}
