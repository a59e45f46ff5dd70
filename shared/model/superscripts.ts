import type * as Y from 'yjs';
import type { TextSpan } from '../compare/canonical.js';
import { blockDelta } from '../negotiation/brackets.js';
import { toNfc } from '../text/nfc.js';
import { markNameOf } from './editorSchema.js';

/**
 * Where a block's superscript mark lies in its visible text (`visible`, which may start with
 * `prefix`, a list item's number). Offsets are only sure when the visible text is the runs
 * joined, each NFC on its own: text under negotiation (`[a / b]`) or a character composed across
 * a run boundary gives none, and the words are rendered plain rather than raised in the wrong place.
 */
export function superscriptSpans(element: Y.XmlElement, visible: string, prefix = ''): TextSpan[] {
  const spans: TextSpan[] = [];
  let text = prefix;
  for (const run of blockDelta(element)) {
    const from = text.length;
    text += typeof run.insert === 'string' ? toNfc(run.insert) : '';
    const raised = Object.keys(run.attributes ?? {}).some((key) => markNameOf(key) === 'superscript');
    if (!raised || text.length === from) continue;
    const last = spans[spans.length - 1];
    if (last !== undefined && last.to === from) spans[spans.length - 1] = { from: last.from, to: text.length };
    else spans.push({ from, to: text.length });
  }
  return text === visible ? spans : [];
}
