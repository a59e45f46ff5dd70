import { normalizeText } from './normalize.js';

/**
 * A lead-in is a short line that only introduces what follows (`Now, therefore,`,
 * `Với nhận thức rằng:`). One translation often writes it on a line of its own and the other
 * runs it into the next paragraph; it then belongs in that paragraph's link, not in a link of
 * its own with nothing on the other side.
 */
const MAX_LEAD_IN_CHARS = 80;
const ENDS_OPEN = /[:,;…–—、：,]$|\.\.\.$/u;
const FORMULAS =
  /^(now,? therefore|therefore|whereas|considering|recalling|noting|having regard|have agreed|par conséquent|en conséquence|considérant|rappelant|vu|décidons|décide|xét rằng|căn cứ|với nhận thức|quyết định|よって|ここに|したがって)(?![\p{L}\p{N}])/iu;

/** True when the paragraph reads as a lead-in to the paragraph after it (pass `text` when already normalized). */
export function isLeadIn(rawText: string, text = normalizeText(rawText)): boolean {
  if (text.length === 0 || text.length > MAX_LEAD_IN_CHARS) return false;
  return ENDS_OPEN.test(text) || (FORMULAS.test(text) && !/[.!?。]$/u.test(text));
}

const MAX_HEADING_CHARS = 80;
const ENDS_SENTENCE = /[.!?。！？…:;,、：；，]$/u;

/**
 * A heading or title: a short line with no closing punctuation (`Article 4 – Admission`,
 * `第4条（加盟）`, `CHARTE DU RÉSEAU`). Translations keep headings on lines of their own, so a
 * heading inside a group with body text is a sign that the group is wrong.
 */
export function isHeading(rawText: string, text = normalizeText(rawText)): boolean {
  return text.length > 0 && text.length <= MAX_HEADING_CHARS && !ENDS_SENTENCE.test(text);
}
