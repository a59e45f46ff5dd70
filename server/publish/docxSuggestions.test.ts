import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { compareTexts } from '../../shared/compare/compare.js';
import { overlaySuggestions } from '../../shared/compare/suggestionOverlay.js';
import { canonicalText } from '../../shared/model/canonicalText.js';
import { trackSuggestions, tracksByCell } from '../../shared/negotiation/suggestionTracks.js';
import { declarationWithSuggestions, LANGS, VI } from '../../shared/negotiation/testing/suggestedDeclaration.js';
import { buildExport } from '../../shared/publish/exportBuilder.js';
import { renderComparisonDocx } from '../compareExport/comparisonDocx.js';
import { readZip } from '../compareExport/testing/readZip.js';
import { renderDeclarationDocx } from './declarationDocx.js';

const decode = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp);/gu, (_, n: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[n]!);

/** Each `<w:ins>` / `<w:del>`: its author, date and the words in it (NFC as written). */
function revisions(xml: string, tag: 'ins' | 'del'): { author: string; date: string; text: string }[] {
  return [...xml.matchAll(new RegExp(`<w:${tag} ([^>]*)>(.*?)</w:${tag}>`, 'gsu'))].map((m) => ({
    author: decode(/w:author="([^"]*)"/u.exec(m[1]!)![1]!),
    date: /w:date="([^"]*)"/u.exec(m[1]!)![1]!,
    text: [...m[2]!.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/gu)].map((t) => decode(t[1]!)).join(''),
  }));
}

function documentXml(bytes: Uint8Array): string {
  const xml = readZip(bytes).get('word/document.xml')!.toString('utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  return xml;
}

function fixture() {
  const { doc } = declarationWithSuggestions();
  const text = canonicalText(doc, 'Hợp tác', LANGS);
  return { text, exp: buildExport(text, { id: 'd1', version: null, date: null }), tracks: tracksByCell(text, trackSuggestions(doc, LANGS)) };
}

describe('the DOCX export with suggestions', () => {
  it('shows pending suggestions as Word tracked changes by the proposing delegation, at the time proposed', async () => {
    const { exp, tracks } = fixture();
    const xml = documentXml(await renderDeclarationDocx(exp, { tracks, ui: 'en' }));
    expect(revisions(xml, 'ins')).toEqual([
      { author: 'French delegation', date: '2026-12-03T06:30:00Z', text: 'nhất trí' },
      { author: 'French delegation', date: '2026-12-03T06:31:00Z', text: ' Tiếp tục đối thoại.' },
    ]);
    expect(revisions(xml, 'del')).toEqual([{ author: 'French delegation', date: '2026-12-03T06:30:00Z', text: 'đồng ý' }]);
    // Vietnamese comes out as it went in (NFC, precomposed), around and inside the revisions.
    expect(xml).toContain('Các bên ');
    expect(xml).toContain(' hợp tác chặt chẽ.');
    expect(xml.normalize('NFC')).toBe(xml);
    // Word needs each revision id once.
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/gu)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the delegation in the reader’s language', async () => {
    const { exp, tracks } = fixture();
    const xml = documentXml(await renderDeclarationDocx(exp, { tracks, ui: 'vi' }));
    expect(revisions(xml, 'ins').map((r) => r.author)).toEqual(['Đoàn Pháp', 'Đoàn Pháp']);
  });

  it('is the authentic text alone by default', async () => {
    const { exp } = fixture();
    const xml = documentXml(await renderDeclarationDocx(exp));
    expect(revisions(xml, 'ins')).toEqual([]);
    expect(revisions(xml, 'del')).toEqual([]);
    expect(xml).toContain(VI);
    expect(xml).not.toContain('nhất trí');
    expect(xml).not.toContain('Tiếp tục');
  });

  it('shows them in a comparison’s DOCX beside Accord’s own changes', async () => {
    const { text, tracks } = fixture();
    const comparison = overlaySuggestions(compareTexts(text, text), text, tracks);
    const meta = {
      title: 'Hợp tác',
      fromLabel: 'v1',
      toLabel: 'live',
      languages: ['fr', 'vi'],
      revisionDate: '2026-12-03T07:00:00Z',
      authorLanguage: 'fr' as const,
    };
    const xml = documentXml(await renderComparisonDocx(comparison, meta));
    expect(revisions(xml, 'ins').map((r) => [r.author, r.text])).toEqual([
      ['Délégation française', 'nhất trí'],
      ['Délégation française', ' Tiếp tục đối thoại.'],
    ]);
    expect(revisions(xml, 'del').map((r) => [r.author, r.text])).toEqual([['Délégation française', 'đồng ý']]);
    const plain = documentXml(await renderComparisonDocx(compareTexts(text, text), meta));
    expect(revisions(plain, 'ins')).toEqual([]);
  });
});
