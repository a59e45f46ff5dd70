import { describe, expect, it } from 'vitest';
import { cellKey, type ParagraphTrack } from '../negotiation/suggestionTracks.js';
import { compareTexts } from './compare.js';
import { overlaySuggestions } from './suggestionOverlay.js';
import { buildText, raised } from './testing/build.js';

const BY = { id: 's1', author: { name: 'Amina', delegation: 'fr' }, at: Date.UTC(2026, 2, 12) };

describe('suggestions over a comparison with superscripts', () => {
  it('keeps the raised letters of the words a suggestion cuts through, in place', () => {
    const text = buildText(['fr'], [['r', { fr: raised('Les 12<sup>es</sup> Assises de Hanoï.') }]]);
    // Amina proposes "de Huế" for "de Hanoï": the words around keep their superscripts.
    const track: ParagraphTrack = { lang: 'fr', text: 'Les 12es Assises de Hanoï.', hunks: [{ from: 20, to: 25, insert: 'Huế', by: BY }] };
    const overlaid = overlaySuggestions(compareTexts(text, text), text, new Map([[cellKey('r', 'fr', 0), track]]));
    expect(overlaid.rows[0]!.words.fr).toEqual([
      { op: 'equal', text: 'Les 12es Assises de ', superscripts: [{ from: 6, to: 8 }] },
      { op: 'delete', text: 'Hanoï', suggestion: BY },
      { op: 'insert', text: 'Huế', suggestion: BY },
      { op: 'equal', text: '.' },
    ]);
  });

  it('keeps a suggestion deleting raised letters raised in what it deletes', () => {
    const text = buildText(['fr'], [['r', { fr: raised('Au XXI<sup>e</sup> siècle.') }]]);
    const track: ParagraphTrack = { lang: 'fr', text: 'Au XXIe siècle.', hunks: [{ from: 3, to: 7, insert: '21e', by: BY }] };
    const overlaid = overlaySuggestions(compareTexts(text, text), text, new Map([[cellKey('r', 'fr', 0), track]]));
    expect(overlaid.rows[0]!.words.fr).toEqual([
      { op: 'equal', text: 'Au ' },
      { op: 'delete', text: 'XXIe', superscripts: [{ from: 3, to: 4 }], suggestion: BY },
      { op: 'insert', text: '21e', suggestion: BY },
      { op: 'equal', text: ' siècle.' },
    ]);
  });
});
