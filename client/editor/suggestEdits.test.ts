import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PID_ATTRIBUTE } from '../../shared/model/paragraphIds';
import { readSuggestions } from '../../shared/negotiation/suggestionState';
import { type SuggestPlace, suggestBackspace, suggestDelete, suggestInsert, suggestReplace } from './suggestEdits';

const VI = 'Các bên đồng ý hợp tác';

function place(): SuggestPlace {
  const doc = new Y.Doc();
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(PID_ATTRIBUTE, 'p-b-1');
    p.insert(0, [new Y.XmlText(VI)]);
    doc.getXmlFragment('text:vi').insert(0, [p]);
    doc.getXmlFragment('text:fr');
  });
  return { doc, lang: 'vi', pid: 'p-b-1', author: { name: 'Amina', delegation: 'fr' }, consent: false, at: 1 };
}

const pending = (p: SuggestPlace) =>
  readSuggestions(p.doc)
    .filter((s) => s.status === 'pending')
    .map((s) => [s.kind, s.quote, s.text, s.place!.from, s.place!.to]);
const text = (p: SuggestPlace) => p.doc.getXmlFragment('text:vi').toString();

describe('typing in suggesting mode', () => {
  it('extends one proposal while the author types on at its end, and shortens it on Backspace', () => {
    const p = place();
    for (const ch of [' k', 'i', 'n', 'h', ' tế']) expect(suggestInsert(p, VI.length, ch).ok).toBe(true);
    expect(pending(p)).toEqual([['insert', '', ' kinh tế', VI.length, VI.length]]);
    expect(suggestBackspace(p, VI.length)).toEqual({ ok: true, value: { moved: false } });
    expect(pending(p)).toEqual([['insert', '', ' kinh t', VI.length, VI.length]]);
    expect(text(p)).toContain(VI);
    expect(text(p)).not.toContain('kinh');
  });

  it('widens the author’s pending deletion with each Backspace instead of leaving one suggestion a letter', () => {
    const p = place();
    let at = VI.length;
    for (let i = 0; i < 4; i++) {
      const r = suggestBackspace(p, at);
      expect(r).toEqual({ ok: true, value: { moved: true } });
      at -= 1;
    }
    expect(pending(p)).toEqual([['delete', ' tác', '', VI.length - 4, VI.length]]);
    expect(suggestDelete(p, VI.length - 2, VI.length).ok).toBe(true); // already proposed: nothing new
    expect(pending(p)).toHaveLength(1);
  });

  it('types over selected words as a replacement, and typing on at its end extends the new words', () => {
    const p = place();
    const from = VI.indexOf('hợp tác');
    expect(suggestReplace(p, from, from + 'hợp tác'.length, 'cộng').ok).toBe(true);
    expect(suggestInsert(p, from + 'hợp tác'.length, ' tác').ok).toBe(true);
    expect(pending(p)).toEqual([['replace', 'hợp tác', 'cộng tác', from, from + 'hợp tác'.length]]);
  });
});
