import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks } from '../model/documentText.js';
import { ensureParagraphIds } from '../model/paragraphIds.js';
import { updateAutomaticAlignment } from '../model/autoAlign.js';
import { canonicalText } from '../model/canonicalText.js';
import { readRowStates, staleLanguages } from '../model/alignment.js';
import type { LanguageCode } from '../model/ids.js';
import { latestDecisions, readAdoptionLog, recordAdoption } from './adoption.js';

const LANGS = ['fr', 'vi'] as LanguageCode[];

function declaration(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc.getXmlFragment('text:fr'), [{ text: '1. Un.' }, { text: '2. Deux.' }, { text: '3. Trois.' }]);
  appendBlocks(doc.getXmlFragment('text:vi'), [{ text: '1. Một.' }, { text: '2. Hai.' }, { text: '3. Ba.' }]);
  ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
  updateAutomaticAlignment(doc, LANGS, null);
  return doc;
}

describe('adoption in plenary', () => {
  it('records each decision with its time and author, and sets the row status', () => {
    const doc = declaration();
    const rows = canonicalText(doc, 'Plénière', LANGS).rows;
    recordAdoption(doc, rows[0]!, 'agreed', 'Secrétariat', 1000, null);
    recordAdoption(doc, rows[1]!, 'agreed-ad-referendum', 'Secrétariat', 2000, null);
    recordAdoption(doc, rows[2]!, 'left-open', 'Secrétariat', 3000, null);
    expect(readAdoptionLog(doc).map((r) => [r.rowKey, r.decision, r.at])).toEqual([
      [rows[0]!.id, 'agreed', 1000],
      [rows[1]!.id, 'agreed-ad-referendum', 2000],
      [rows[2]!.id, 'left-open', 3000],
    ]);
    const states = readRowStates(doc);
    expect(states.get(rows[0]!.id)?.status).toBe('agreed');
    expect(states.get(rows[1]!.id)?.status).toBe('agreed-ad-referendum');
    expect(states.get(rows[2]!.id)?.status).toBe('bracketed');
    expect(latestDecisions(doc).get(rows[0]!.cells.vi![0]!.pid)?.decision).toBe('agreed');
  });

  it('confirms an agreed row so that a later change flags it stale', () => {
    const doc = declaration();
    const row = canonicalText(doc, 'Plénière', LANGS).rows[0]!;
    recordAdoption(doc, row, 'agreed', 'Secrétariat', 1000, null);
    ((doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Sửa ');
    const after = canonicalText(doc, 'Plénière', LANGS).rows[0]!;
    const texts = Object.fromEntries(Object.entries(after.cells).map(([l, cs]) => [l, cs.map((c) => c.text)]));
    expect(staleLanguages(readRowStates(doc).get(row.id), texts)).toEqual(['vi']);
  });

  it('keeps the record in the document, so every later version carries it', () => {
    const doc = declaration();
    recordAdoption(doc, canonicalText(doc, 'P', LANGS).rows[1]!, 'agreed', 'S', 5, null);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readAdoptionLog(copy)).toHaveLength(1);
  });
});
