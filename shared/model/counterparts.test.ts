import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredRow } from './alignment.js';
import { readAlignment } from './alignment.js';
import { appendBlocks, readUnits } from './documentText.js';
import { updateAutomaticAlignment } from './autoAlign.js';
import { ensureParagraphIds } from './paragraphIds.js';
import { applyCounterpartHints, COUNTERPART_ATTRIBUTE } from './counterparts.js';
import type { LanguageCode } from './ids.js';

const row = (cells: Record<string, string[]>): StoredRow => ({ cells, origin: 'auto', score: 0.9, evidence: [] });

describe('a paragraph typed into an empty slot', () => {
  it('joins the row it was typed for, and only while that row lacks its language', () => {
    const stored = new Map([
      ['r:a', row({ fr: ['a'], vi: ['x'] })],
      ['r:b', row({ fr: ['b'], vi: [] })],
    ]);
    const present = new Map([
      ['a', 'fr'],
      ['b', 'fr'],
      ['x', 'vi'],
      ['y', 'vi'],
      ['z', 'vi'],
    ]);
    const out = applyCounterpartHints(
      stored,
      [
        { lang: 'vi', pid: 'y', of: 'b' },
        { lang: 'vi', pid: 'z', of: 'a' },
      ],
      present,
    );
    expect(out.get('r:b')!.cells).toEqual({ fr: ['b'], vi: ['y'] });
    expect(out.get('r:a')!.cells).toEqual({ fr: ['a'], vi: ['x'] });
    expect(stored.get('r:b')!.cells.vi).toEqual([]);
  });

  it('is stored by the aligner in the slot’s row, leaving the other rows as they were', () => {
    const doc = new Y.Doc();
    const langs = ['fr', 'vi'] as LanguageCode[];
    appendBlocks(doc.getXmlFragment('text:fr'), [{ text: '1. Un.' }, { text: '2. Deux.' }, { text: '3. Trois.' }]);
    appendBlocks(doc.getXmlFragment('text:vi'), [{ text: '1. Một.' }, { text: '3. Ba.' }]);
    ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
    updateAutomaticAlignment(doc, langs, null);
    const fr = readUnits(doc.getXmlFragment('text:fr'));
    const before = [...readAlignment(doc).values()].filter((r) => !r.cells.fr?.includes(fr[1]!.pid));
    expect([...readAlignment(doc).values()].find((r) => r.cells.fr?.includes(fr[1]!.pid))!.cells).toEqual({ fr: [fr[1]!.pid], vi: [] });
    // The Vietnamese delegate types "x" into the second row's slot: an empty paragraph first.
    const vi = doc.getXmlFragment('text:vi');
    const typed = new Y.XmlElement('paragraph');
    typed.setAttribute(COUNTERPART_ATTRIBUTE, fr[1]!.pid);
    typed.insert(0, [new Y.XmlText('x')]);
    vi.insert(1, [typed]);
    ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
    updateAutomaticAlignment(doc, langs, null);
    const pid = readUnits(vi)[1]!.pid;
    const rows = [...readAlignment(doc).values()];
    expect(rows.find((r) => r.cells.fr?.includes(fr[1]!.pid))!.cells.vi).toEqual([pid]);
    for (const r of before) expect(rows).toContainEqual(r);
  });
});
