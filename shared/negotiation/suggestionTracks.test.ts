import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareTexts } from '../compare/compare.js';
import { renderComparisonHtml } from '../compare/renderHtml.js';
import { overlaySuggestions } from '../compare/suggestionOverlay.js';
import { canonicalText } from '../model/canonicalText.js';
import { readUnits } from '../model/documentText.js';
import { buildExport } from '../publish/exportBuilder.js';
import type { CommentAuthor } from './commentModel.js';
import { voteOnSuggestion } from './suggestions.js';
import { cellKey, changedSpan, trackAuthor, trackedPieces, trackSuggestions, tracksByCell } from './suggestionTracks.js';
import { AMINA, declarationWithSuggestions, LANGS, VI } from './testing/suggestedDeclaration.js';

const LINH: CommentAuthor = { name: 'Linh', delegation: 'vi' };

describe('pending suggestions as tracked changes', () => {
  it('never reach the canonical text, the export or its fingerprint', () => {
    const { doc } = declarationWithSuggestions();
    const text = canonicalText(doc, 'Hợp tác', LANGS);
    expect(text.rows[0]!.cells.vi![0]!.text).toBe(VI);
    const exp = buildExport(text, { id: 'd', version: null, date: null });
    const json = JSON.stringify(exp);
    expect(json).not.toContain('nhất trí');
    expect(json).not.toContain('Tiếp tục');
    // The same text without any suggestion map at all has the same fingerprint.
    const bare = new Y.Doc();
    Y.applyUpdate(bare, Y.encodeStateAsUpdate(doc));
    bare.getMap('suggestions').clear();
    expect(buildExport(canonicalText(bare, 'Hợp tác', LANGS), { id: 'd', version: null, date: null }).sha256).toBe(exp.sha256);
  });

  it('places each pending suggestion where accepting it would change the visible text', () => {
    const { doc, pid } = declarationWithSuggestions();
    const track = trackSuggestions(doc, LANGS).get(pid as never)!;
    expect(track.text).toBe(VI);
    expect(trackedPieces(track)).toEqual([
      { op: 'equal', text: 'Các bên ' },
      { op: 'delete', text: 'đồng ý', by: expect.objectContaining({ id: 'replace', author: AMINA }) },
      { op: 'insert', text: 'nhất trí', by: expect.objectContaining({ id: 'replace' }) },
      { op: 'equal', text: ' hợp tác chặt chẽ.' },
      { op: 'insert', text: ' Tiếp tục đối thoại.', by: expect.objectContaining({ id: 'append' }) },
    ]);
    // The document itself is untouched by the copies the suggestions were tried on.
    expect(readUnits(doc.getXmlFragment('text:vi'))[0]!.text).toBe(VI);
  });

  it('drops a suggestion once it is decided', () => {
    const { doc, pid } = declarationWithSuggestions();
    expect(voteOnSuggestion(doc, 'replace', { decision: 'reject', by: LINH, at: 3 }).ok).toBe(true);
    expect(voteOnSuggestion(doc, 'append', { decision: 'accept', by: LINH, at: 4 }).ok).toBe(true);
    expect(trackSuggestions(doc, LANGS).get(pid as never)).toBeUndefined();
  });

  it('marks only the paragraph it was made on, and only over that very text', () => {
    const { doc } = declarationWithSuggestions();
    const text = canonicalText(doc, 'Hợp tác', LANGS);
    const byCell = tracksByCell(text, trackSuggestions(doc, LANGS));
    expect([...byCell.keys()]).toEqual([cellKey(text.rows[0]!.id, 'vi', 0)]);
    const changed = { ...text, rows: text.rows.map((r, i) => (i === 0 ? { ...r, cells: { ...r.cells, vi: [{ ...r.cells.vi![0]!, text: 'Khác.' }] } } : r)) };
    expect(tracksByCell(changed, trackSuggestions(doc, LANGS)).size).toBe(0);
  });

  it('lays suggestions over a comparison without changing what the comparison counts', () => {
    const { doc } = declarationWithSuggestions();
    const text = canonicalText(doc, 'Hợp tác', LANGS);
    const plain = compareTexts(text, text);
    const overlaid = overlaySuggestions(plain, text, tracksByCell(text, trackSuggestions(doc, LANGS)));
    expect(overlaid.summary).toEqual(plain.summary);
    const vi = overlaid.rows[0]!.words.vi!;
    expect(
      vi
        .filter((w) => w.op !== 'delete')
        .map((w) => w.text)
        .join(''),
    ).toBe(`Các bên nhất trí hợp tác chặt chẽ. Tiếp tục đối thoại.`);
    expect(
      vi
        .filter((w) => w.op !== 'insert')
        .map((w) => w.text)
        .join(''),
    ).toBe(VI);
    expect(vi.filter((w) => w.suggestion).map((w) => [w.op, w.text, w.suggestion!.author.delegation])).toEqual([
      ['delete', 'đồng ý', 'fr'],
      ['insert', 'nhất trí', 'fr'],
      ['insert', ' Tiếp tục đối thoại.', 'fr'],
    ]);
    expect(overlaid.rows[0]!.words.fr).toEqual(plain.rows[0]!.words.fr);
    const html = renderComparisonHtml(overlaid, { title: 'T', fromLabel: 'v1', toLabel: 'live', languages: ['fr', 'vi'] });
    expect(html).toMatch(/<ins data-suggestion-by="fr" title="Amina \(fr\)"><span class="sr-only">[^<]*<\/span>nhất trí<\/ins>/u);
    expect(renderComparisonHtml(plain, { title: 'T', fromLabel: 'v1', toLabel: 'live', languages: ['fr', 'vi'] })).not.toContain('data-suggestion-by');
  });

  it('finds the one span an edit changed, without cutting a character in two', () => {
    expect(changedSpan('ab cd', 'ab X cd')).toEqual({ from: 3, to: 3, insert: 'X ' });
    expect(changedSpan('abc', 'abXc')).toEqual({ from: 0, to: 3, insert: 'abXc' });
    expect(changedSpan('de coopérer.', 'de coopération.')).toEqual({ from: 3, to: 11, insert: 'coopération' });
    expect(changedSpan('họp hằng năm.', 'họp hằng tháng.')).toEqual({ from: 9, to: 12, insert: 'tháng' });
    expect(changedSpan('a😀b', 'a😁b')).toEqual({ from: 1, to: 3, insert: '😁' });
  });

  it('names the author after the delegation, in the reader’s language', () => {
    expect(trackAuthor(AMINA, 'en')).toBe('French delegation');
    expect(trackAuthor(AMINA, 'fr')).toBe('Délégation française');
    expect(trackAuthor(AMINA, 'vi')).toBe('Đoàn Pháp');
    expect(trackAuthor({ name: 'Chair', delegation: 'secretariat' }, 'fr')).toBe('Secrétariat');
  });
});
