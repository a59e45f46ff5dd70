import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PID_ATTRIBUTE } from '../model/paragraphIds.js';
import { readUnits } from '../model/documentText.js';
import type { LanguageCode } from '../model/ids.js';
import type { CommentAuthor } from './commentModel.js';
import { SUGGESTION_VOTES_MAP, SUGGESTIONS_MAP } from './suggestionModel.js';
import { applySuggestion, createSuggestion, reviseSuggestion, voteOnSuggestion, withdrawSuggestion } from './suggestions.js';
import { pendingByPid, readSuggestion, readSuggestions } from './suggestionState.js';

const AMINA: CommentAuthor = { name: 'Amina', delegation: 'fr' };
const LINH: CommentAuthor = { name: 'Linh', delegation: 'vi' };
const SECRETARIAT: CommentAuthor = { name: 'Chair', delegation: 'secretariat' };
const VI = 'các bên đồng ý hợp tác';

function paragraph(pid: string, text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.setAttribute(PID_ATTRIBUTE, pid);
  if (text) p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function seeded(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.transact(() => {
    doc.getXmlFragment('text:fr').insert(0, [paragraph('p-a-1', 'Les parties conviennent de coopérer')]);
    doc.getXmlFragment('text:vi').insert(0, [paragraph('p-b-1', VI), paragraph('p-b-2', '')]);
  });
  return doc;
}

function fork(doc: Y.Doc, clientID: number): Y.Doc {
  const other = new Y.Doc();
  other.clientID = clientID;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const textOf = (doc: Y.Doc, lang: string, pid: string) => readUnits(doc.getXmlFragment(`text:${lang as LanguageCode}`)).find((u) => u.pid === pid)?.text;

const vi = (doc: Y.Doc) => doc.getXmlFragment('text:vi').get(0) as Y.XmlElement;
const viText = (doc: Y.Doc) => vi(doc).get(0) as Y.XmlText;

function must<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('a suggestion', () => {
  it('changes nothing in the text until it is accepted, then applies as an edit by the acceptor', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-1', from: VI.length, to: VI.length, text: ' chặt chẽ', author: AMINA, at: 1 }));
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(VI);
    expect(readSuggestion(doc, 's1')).toMatchObject({ kind: 'insert', status: 'pending', place: { pid: 'p-b-1', from: VI.length, to: VI.length } });
    must(voteOnSuggestion(doc, 's1', { decision: 'accept', by: LINH, at: 2 }));
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(`${VI} chặt chẽ`);
    expect(readSuggestion(doc, 's1')).toMatchObject({ status: 'accepted', applied: { by: LINH, revision: 1 }, author: AMINA });
  });

  it('stays with its words while others type before and after it', () => {
    const a = seeded(1);
    const b = fork(a, 2);
    // Amina proposes to replace "đồng ý" ...
    const from = VI.indexOf('đồng ý');
    must(createSuggestion(a, { id: 's1', lang: 'vi', pid: 'p-b-1', from, to: from + 'đồng ý'.length, text: 'thống nhất', author: AMINA, at: 1 }));
    // ... while Linh, not yet synced, types at the start and at the end of the same paragraph.
    viText(b).insert(0, 'Hôm nay, ');
    viText(b).insert(viText(b).length, ' lâu dài');
    sync(a, b);
    for (const doc of [a, b]) {
      const s = readSuggestion(doc, 's1')!;
      expect(s.status).toBe('pending');
      expect(textOf(doc, 'vi', 'p-b-1')!.slice(s.place!.from, s.place!.to)).toBe('đồng ý');
    }
    must(voteOnSuggestion(b, 's1', { decision: 'accept', by: LINH, at: 2 }));
    sync(a, b);
    expect(textOf(a, 'vi', 'p-b-1')).toBe('Hôm nay, các bên thống nhất hợp tác lâu dài');
  });

  it('no longer applies once its words were changed by someone else, and is never applied elsewhere', () => {
    const a = seeded(1);
    const b = fork(a, 2);
    const from = VI.indexOf('hợp tác');
    must(createSuggestion(a, { id: 's1', lang: 'vi', pid: 'p-b-1', from, to: from + 'hợp tác'.length, text: '', author: AMINA, at: 1 }));
    viText(b).delete(from, 'hợp tác'.length);
    viText(b).insert(from, 'làm việc');
    sync(a, b);
    expect(readSuggestion(a, 's1')!.status).toBe('outdated');
    expect(voteOnSuggestion(a, 's1', { decision: 'accept', by: LINH, at: 2 })).toMatchObject({ ok: false, reason: 'the suggestion no longer applies' });
    expect(applySuggestion(a, 's1', LINH, 2).ok).toBe(false);
    expect(textOf(a, 'vi', 'p-b-1')).toBe('các bên đồng ý làm việc');
  });

  it('no longer applies once its paragraph is deleted', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-1', from: 0, to: 0, text: 'Nay ', author: AMINA, at: 1 }));
    doc.getXmlFragment('text:vi').delete(0, 1);
    expect(readSuggestion(doc, 's1')!.status).toBe('outdated');
    expect(pendingByPid(readSuggestions(doc)).size).toBe(0);
  });

  it('proposes words for an empty paragraph of the other language', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-2', from: 0, to: 0, text: 'Điều 2', author: AMINA, at: 1 }));
    must(voteOnSuggestion(doc, 's1', { decision: 'accept', by: SECRETARIAT, at: 2 }));
    expect(textOf(doc, 'vi', 'p-b-2')).toBe('Điều 2');
  });

  it('is removed by a rejection, leaving the text as it was', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-1', from: 0, to: 'các bên'.length, text: '', author: AMINA, at: 1 }));
    must(voteOnSuggestion(doc, 's1', { decision: 'reject', by: LINH, at: 2 }));
    expect(readSuggestion(doc, 's1')).toMatchObject({ status: 'rejected', rejectedBy: LINH });
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(VI);
    expect(voteOnSuggestion(doc, 's1', { decision: 'accept', by: LINH, at: 3 }).ok).toBe(false);
  });

  it('is decided only by a side that may write its column', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-1', from: 0, to: 0, text: 'Nay ', author: LINH, at: 1 }));
    expect(voteOnSuggestion(doc, 's1', { decision: 'accept', by: AMINA, at: 2 })).toMatchObject({
      ok: false,
      reason: 'this side does not decide on this suggestion',
    });
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(VI);
  });

  it('is undone whole, text and decision, by the acceptor’s undo', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-1', from: VI.length, to: VI.length, text: ' chặt chẽ', author: AMINA, at: 1 }));
    const origin = { who: 'Linh’s editor' };
    const undo = new Y.UndoManager([doc.getXmlFragment('text:vi'), doc.getMap(SUGGESTION_VOTES_MAP)], { trackedOrigins: new Set([origin]) });
    must(voteOnSuggestion(doc, 's1', { decision: 'accept', by: LINH, at: 2, origin }));
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(`${VI} chặt chẽ`);
    undo.undo();
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(VI);
    expect(readSuggestion(doc, 's1')!.status).toBe('pending');
    undo.redo();
    expect(readSuggestion(doc, 's1')!.status).toBe('accepted');
  });

  it('is revised and withdrawn by its author only; a vote counts only for the wording it saw', () => {
    const a = seeded(1);
    const b = fork(a, 2);
    must(createSuggestion(a, { id: 's1', lang: 'vi', pid: 'p-b-1', from: 0, to: 0, text: 'Nay', author: AMINA, at: 1 }));
    sync(a, b);
    expect(reviseSuggestion(b, 's1', { text: 'Hôm nay', by: LINH }).ok).toBe(false);
    // Amina rewords while Linh rejects the first wording: the rejection does not hold against the new one.
    must(reviseSuggestion(a, 's1', { text: 'Hôm nay ', by: AMINA }));
    must(voteOnSuggestion(b, 's1', { decision: 'reject', by: LINH, at: 2 }));
    sync(a, b);
    expect(readSuggestion(a, 's1')).toMatchObject({ status: 'pending', text: 'Hôm nay ', revision: 2 });
    expect(readSuggestion(b, 's1')).toMatchObject({ status: 'pending', text: 'Hôm nay ', revision: 2 });
    must(withdrawSuggestion(a, 's1', { by: AMINA }));
    expect(readSuggestion(a, 's1')!.status).toBe('withdrawn');
    expect(a.getMap(SUGGESTIONS_MAP).size).toBe(1);
  });

  it('in an agreed row needs the column’s delegation and the other side', () => {
    const doc = seeded(1);
    must(createSuggestion(doc, { id: 's1', lang: 'vi', pid: 'p-b-1', from: 0, to: 0, text: 'Nay ', author: LINH, at: 1, consent: true }));
    // Linh proposed it: the Vietnamese side consents by proposing; the French must accept.
    expect(readSuggestion(doc, 's1')!.readyToApply).toBe(false);
    expect(voteOnSuggestion(doc, 's1', { decision: 'accept', by: LINH, at: 2 }).ok).toBe(false);
    must(voteOnSuggestion(doc, 's1', { decision: 'accept', by: AMINA, at: 2 }));
    expect(textOf(doc, 'vi', 'p-b-1')).toBe(VI); // consent suggestions are applied by the server
    expect(readSuggestion(doc, 's1')!.readyToApply).toBe(true);
    must(createSuggestion(doc, { id: 's2', lang: 'vi', pid: 'p-b-1', from: 0, to: 0, text: 'Ngày ', author: AMINA, at: 3, consent: true }));
    must(voteOnSuggestion(doc, 's2', { decision: 'accept', by: SECRETARIAT, at: 4 }));
    expect(readSuggestion(doc, 's2')!.readyToApply).toBe(false); // the Vietnamese delegation has not consented
    must(voteOnSuggestion(doc, 's2', { decision: 'accept', by: LINH, at: 5 }));
    expect(readSuggestion(doc, 's2')!.readyToApply).toBe(true);
  });
});
