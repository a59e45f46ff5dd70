import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ALIGNMENT_MAP, readAlignment, readRowStates, rowsFromAlignment, staleLanguages } from '../../shared/model/alignment.js';
import { readUnits } from '../../shared/model/documentText.js';
import { FROZEN_KEY } from '../../shared/model/freeze.js';
import { META_MAP } from '../../shared/model/declaration.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { PID_ATTRIBUTE } from '../../shared/model/paragraphIds.js';
import { setRowStatus } from '../../shared/model/rowActions.js';
import type { CommentAuthor } from '../../shared/negotiation/commentModel.js';
import { createSuggestion, voteOnSuggestion } from '../../shared/negotiation/suggestions.js';
import { readSuggestion } from '../../shared/negotiation/suggestionState.js';
import { applyConsentSuggestions } from './consentApplier.js';

const AMINA: CommentAuthor = { name: 'Amina', delegation: 'fr' };
const LINH: CommentAuthor = { name: 'Linh', delegation: 'vi' };
const FR = 'Les parties conviennent de coopérer';
const VI = 'các bên đồng ý hợp tác';
const LANGS = ['fr', 'vi'] as LanguageCode[];

/** One row, fr and vi, agreed as it reads; Amina's consent suggestion in her own column, accepted by Linh. */
function agreedWithReadySuggestion(): Y.Doc {
  const doc = new Y.Doc();
  for (const [lang, pid, text] of [
    ['fr', 'p-fr-1', FR],
    ['vi', 'p-vi-1', VI],
  ] as const) {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(PID_ATTRIBUTE, pid);
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(`text:${lang}`).insert(0, [p]);
  }
  doc.getMap(ALIGNMENT_MAP).set('r1', { cells: { fr: ['p-fr-1'], vi: ['p-vi-1'] }, origin: 'manual', score: 1, evidence: [] });
  const row = rows(doc)[0]!;
  setRowStatus(doc, row, 'agreed', cellTexts(doc), 'Chair', null);
  expect(
    createSuggestion(doc, { id: 's1', lang: 'fr', pid: 'p-fr-1', from: FR.length, to: FR.length, text: ' étroitement', author: AMINA, at: 1, consent: true })
      .ok,
  ).toBe(true);
  expect(voteOnSuggestion(doc, 's1', { decision: 'accept', by: LINH, at: 2 })).toEqual({ ok: true, value: { applied: false } });
  return doc;
}

const rows = (doc: Y.Doc) =>
  rowsFromAlignment(
    readAlignment(doc),
    LANGS.map((lang) => ({ lang, pids: readUnits(doc.getXmlFragment(`text:${lang}`)).map((u) => u.pid) })),
  );
const cellTexts = (doc: Y.Doc) => Object.fromEntries(LANGS.map((l) => [l, readUnits(doc.getXmlFragment(`text:${l}`)).map((u) => u.text)]));
const stale = (doc: Y.Doc) => staleLanguages(readRowStates(doc).get('r1'), cellTexts(doc));

describe('applying consent suggestions', () => {
  it('applies a ready one as the server, and the row stays agreed, not stale; once only', () => {
    const doc = agreedWithReadySuggestion();
    expect(readSuggestion(doc, 's1')!.readyToApply).toBe(true);
    expect(applyConsentSuggestions(doc, 3, 'server')).toEqual(['s1']);
    expect(cellTexts(doc).fr).toEqual([`${FR} étroitement`]);
    expect(readSuggestion(doc, 's1')).toMatchObject({ status: 'accepted', applied: { by: LINH, at: 3 } });
    expect(readRowStates(doc).get('r1')).toMatchObject({ status: 'agreed', confirmed: { texts: { fr: [`${FR} étroitement`], vi: [VI] } } });
    expect(stale(doc)).toEqual([]);
    expect(applyConsentSuggestions(doc, 4, 'server')).toEqual([]);
    expect(cellTexts(doc).fr).toEqual([`${FR} étroitement`]);
  });

  it('leaves a row that was already stale stale', () => {
    const doc = agreedWithReadySuggestion();
    ((doc.getXmlFragment('text:vi').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Nay ');
    expect(stale(doc)).toEqual(['vi']);
    expect(applyConsentSuggestions(doc, 3, 'server')).toEqual(['s1']);
    expect(stale(doc)).toEqual(['fr', 'vi']);
  });

  it('applies nothing that lacks a consent, nor anything once frozen', () => {
    const doc = agreedWithReadySuggestion();
    expect(createSuggestion(doc, { id: 's2', lang: 'fr', pid: 'p-fr-1', from: 0, to: 0, text: 'Ici, ', author: AMINA, at: 5, consent: true }).ok).toBe(true);
    doc.getMap(META_MAP).set(FROZEN_KEY, { at: 6, by: 'Chair', date: '2026-12-03', sha256: 'x' });
    expect(applyConsentSuggestions(doc, 7, 'server')).toEqual([]);
    doc.getMap(META_MAP).delete(FROZEN_KEY);
    expect(applyConsentSuggestions(doc, 8, 'server')).toEqual(['s1']);
    expect(readSuggestion(doc, 's2')).toMatchObject({ status: 'pending', readyToApply: false });
    expect(cellTexts(doc).fr).toEqual([`${FR} étroitement`]);
  });
});
