import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blockDelta, renderBracketsAsText } from '../negotiation/brackets.js';
import { toNfc } from '../text/nfc.js';
import { superscriptSpans } from './superscripts.js';

/** A paragraph in a document, written as runs (text and marks), as the editor stores it. */
function paragraph(runs: readonly [string, Record<string, object>?][]): Y.XmlElement {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  doc.getXmlFragment('text:fr').insert(0, [p]);
  const text = new Y.XmlText();
  p.insert(0, [text]);
  text.applyDelta(runs.map(([insert, attributes]) => (attributes ? { insert, attributes } : { insert })));
  return p;
}

const visible = (p: Y.XmlElement) => toNfc(renderBracketsAsText(blockDelta(p)));

describe('superscriptSpans', () => {
  it('finds "es" of "12es Assises" and "e" of "XXIe siècle"', () => {
    const p = paragraph([['Les 12'], ['es', { superscript: {} }], [' Assises, XXI'], ['e', { superscript: {}, bold: {} }], [' siècle', { bold: {} }]]);
    expect(superscriptSpans(p, visible(p))).toEqual([
      { from: 6, to: 8 },
      { from: 21, to: 22 },
    ]);
  });

  it('counts a list item number in front of the text', () => {
    const p = paragraph([['1'], ['er', { superscript: {} }], [' avril']]);
    expect(superscriptSpans(p, `3. ${visible(p)}`, '3. ')).toEqual([{ from: 4, to: 6 }]);
  });

  it('joins a superscript split across runs by another mark', () => {
    const p = paragraph([['1'], ['r', { superscript: {} }], ['e', { superscript: {}, italic: {} }]]);
    expect(superscriptSpans(p, visible(p))).toEqual([{ from: 1, to: 3 }]);
  });

  it('gives none where the visible text is not the runs joined (text under negotiation)', () => {
    const p = paragraph([['Les 12'], ['es', { superscript: {} }], [' Assises', { bracket: { id: 'b1', options: ['Rencontres'] } }]]);
    expect(visible(p)).not.toBe('Les 12es Assises');
    expect(superscriptSpans(p, visible(p))).toEqual([]);
  });

  it('gives none for a paragraph without superscript', () => {
    const p = paragraph([['Les 12es Assises', { bold: {} }]]);
    expect(superscriptSpans(p, visible(p))).toEqual([]);
  });
});
