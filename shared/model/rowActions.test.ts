import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { latestDecisions, readAdoptionLog, recordAdoption, rowOfCanonical } from '../negotiation/adoption.js';
import { readRowStates } from './alignment.js';
import { updateAutomaticAlignment } from './autoAlign.js';
import { canonicalText } from './canonicalText.js';
import { appendBlocks } from './documentText.js';
import type { LanguageCode } from './ids.js';
import { ensureParagraphIds } from './paragraphIds.js';
import { reopenRow, setRowStatus } from './rowActions.js';

const LANGS = ['fr', 'vi'] as LanguageCode[];

function agreedDeclaration(): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc.getXmlFragment('text:fr'), [{ text: '1. Les parties coopèrent.' }, { text: '2. Deux.' }]);
  appendBlocks(doc.getXmlFragment('text:vi'), [{ text: '1. Các bên hợp tác.' }, { text: '2. Hai.' }]);
  ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
  updateAutomaticAlignment(doc, LANGS, null);
  recordAdoption(doc, canonicalText(doc, 'T', LANGS).rows[0]!, 'agreed', 'Secrétariat', 1000, null);
  return doc;
}

describe('reopening a row', () => {
  it('takes an agreed row back to draft, without agreement or stale flag, and records who did it and when', () => {
    const doc = agreedDeclaration();
    const row = canonicalText(doc, 'T', LANGS).rows[0]!;
    expect(row.status).toBe('agreed');
    reopenRow(doc, rowOfCanonical(row), 'Chair', 2000, null);
    expect(readRowStates(doc).get(row.id)).toEqual({ status: 'draft', confirmed: null });
    // A direct edit afterwards flags nothing: the row is a draft again.
    ((doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Nay ');
    const after = canonicalText(doc, 'T', LANGS).rows[0]!;
    expect([after.status, after.stale]).toEqual(['draft', []]);
    expect(readAdoptionLog(doc).map((r) => [r.rowKey, r.decision, r.by, r.at])).toEqual([
      [row.id, 'agreed', 'Secrétariat', 1000],
      [row.id, 'reopened', 'Chair', 2000],
    ]);
    expect(latestDecisions(doc).get(row.id)?.decision).toBe('reopened');
    expect(readAdoptionLog(doc)[1]!.pids).toEqual(Object.fromEntries(Object.entries(row.cells).map(([l, cs]) => [l, cs.map((c) => c.pid)])));
  });

  it('is one transaction, undone whole by the one who reopened', () => {
    const doc = agreedDeclaration();
    const row = canonicalText(doc, 'T', LANGS).rows[0]!;
    const origin = Symbol('secretariat');
    const undo = new Y.UndoManager([doc.getMap('rowState'), doc.getArray('adoption')], { trackedOrigins: new Set([origin]) });
    reopenRow(doc, rowOfCanonical(row), 'Chair', 2000, origin);
    undo.undo();
    expect(readRowStates(doc).get(row.id)?.status).toBe('agreed');
    expect(readAdoptionLog(doc).map((r) => r.decision)).toEqual(['agreed']);
  });

  it('leaves the other rows as they are', () => {
    const doc = agreedDeclaration();
    const rows = canonicalText(doc, 'T', LANGS).rows;
    setRowStatus(doc, rowOfCanonical(rows[1]!), 'bracketed', {}, 'Chair', null);
    reopenRow(doc, rowOfCanonical(rows[0]!), 'Chair', 2000, null);
    expect(readRowStates(doc).get(rows[1]!.id)?.status).toBe('bracketed');
  });
});
