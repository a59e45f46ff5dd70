import { describe, expect, it } from 'vitest';
import { compareTexts } from '../../shared/compare/compare.js';
import { buildRow, buildText, raised } from '../../shared/compare/testing/build.js';
import { renderComparisonDocx } from './comparisonDocx.js';
import { readZip } from './testing/readZip.js';

const DATE = '2026-03-12T09:30:00Z';

async function sampleDocumentXml(): Promise<string> {
  const from = buildText(
    ['fr', 'vi'],
    [
      ['a', { fr: 'La crise s’amplifie.', vi: 'thiết lâp' }],
      ['b', { fr: 'Texte supprimé.', vi: 'Văn bản bị xóa.' }],
    ],
  );
  const to = buildText(
    ['fr', 'vi'],
    [['a', { fr: 'La crise s’accélère.', vi: 'thiết lập' }], buildRow('c', { fr: '<script>alert(1)</script> & Cie', vi: 'Mới.' })],
  );
  const bytes = await renderComparisonDocx(compareTexts(from, to), {
    title: 'Déclaration finale',
    fromLabel: 'v1',
    toLabel: 'v2',
    languages: ['fr', 'vi'],
    revisionDate: DATE,
  });
  expect(bytes).toBeInstanceOf(Uint8Array);
  const files = readZip(bytes);
  expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
  return files.get('word/document.xml')!.toString('utf8');
}

/** The text inside each `<w:ins>` or `<w:del>` of the document, in order. */
function revisionsOf(xml: string, element: 'w:ins' | 'w:del'): string[] {
  const texts: string[] = [];
  for (const match of xml.matchAll(new RegExp(`<${element} ([^>]*[^/])>(.*?)</${element}>`, 'gsu'))) {
    expect(match[1]).toContain('w:author="Accord"');
    expect(match[1]).toContain(`w:date="${DATE}"`);
    texts.push([...match[2]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/gu)].map((m) => m[1]).join(''));
  }
  return texts;
}

describe('comparison as DOCX with tracked changes', () => {
  it('is a valid zip whose document records insertions and deletions as Word revisions', async () => {
    const xml = await sampleDocumentXml();
    expect(revisionsOf(xml, 'w:ins')).toEqual(['s’accélère', 'lập', '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie', 'Mới.']);
    expect(revisionsOf(xml, 'w:del')).toEqual(['s’amplifie', 'lâp', 'Texte supprimé.', 'Văn bản bị xóa.']);
  });

  it('keeps deleted text in w:delText and unchanged text in plain runs', async () => {
    const xml = await sampleDocumentXml();
    expect(xml).toMatch(/<w:del [^>]*>.*?<w:delText[^>]*>lâp<\/w:delText>.*?<\/w:del>/su);
    expect(xml).toMatch(/<w:t[^>]*>thiết <\/w:t>/u);
  });

  it('lists a row changed in one language only as out of step', async () => {
    const from = buildText(['fr', 'vi'], [['a', { fr: 'Un.', vi: 'Một.' }]]);
    const to = buildText(['fr', 'vi'], [['a', { fr: 'Un !', vi: 'Một.' }]]);
    const bytes = await renderComparisonDocx(compareTexts(from, to), {
      title: 'T',
      fromLabel: 'v1',
      toLabel: 'v2',
      languages: ['fr', 'vi'],
      languageNames: { fr: 'Français' },
    });
    const xml = readZip(bytes).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('Row 1: changed in Français (fr), not in vi: translation may be out of date');
    expect(xml).toContain('⚠ translation may be out of date');
  });

  it('records an inserted paragraph break as an inserted paragraph mark, not as text', async () => {
    const from = buildText(['fr'], [['a', { fr: 'Premier.' }]]);
    const to = buildText(['fr'], [['a', { fr: ['Premier.', 'Second.'] }]]);
    const bytes = await renderComparisonDocx(compareTexts(from, to), { title: 'T', fromLabel: 'v1', toLabel: 'v2', languages: ['fr'], revisionDate: DATE });
    const xml = readZip(bytes).get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(
      /<w:p>(?:(?!<\/w:p>).)*<w:pPr><w:rPr><w:ins [^>]*w:author="Accord"[^>]*\/><\/w:rPr><\/w:pPr>(?:(?!<\/w:p>).)*Premier\.(?:(?!<\/w:p>).)*<\/w:p>/su,
    );
    expect(revisionsOf(xml, 'w:ins')).toEqual(['Second.']);
    expect(xml).not.toContain('¶');
  });

  it('gives every revision its own id', async () => {
    const xml = await sampleDocumentXml();
    const ids = [...xml.matchAll(/<w:(?:ins|del) [^>]*w:id="(\d+)"/gu)].map((m) => m[1]);
    expect(ids.length).toBe(8);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lays rows out in a table, one column per language, with the summary above', async () => {
    const xml = await sampleDocumentXml();
    const tables = xml.split('<w:tbl>').slice(1);
    expect(tables).toHaveLength(2);
    expect(xml.slice(0, xml.indexOf('<w:tbl>'))).toContain('Rows changed: 1');
    expect(xml).toContain('No row changed in one language only.');
    // Per-language counts: header plus fr and vi; rows: header plus changed, removed, added.
    expect(tables[0]!.match(/<w:tr>|<w:tr /gu)?.length).toBe(3);
    expect(tables[1]!.match(/<w:tr>|<w:tr /gu)?.length).toBe(4);
  });

  it('raises superscript letters as Word superscript runs, unchanged or tracked, and shows "1er" → "1ᵉʳ" as a change', async () => {
    const from = buildText(['fr'], [['a', { fr: raised('Les 12<sup>es</sup> Assises. Le 1er mai.') }]]);
    const to = buildText(['fr'], [['a', { fr: raised('Les 12<sup>es</sup> Assises. Le 1<sup>er</sup> mai.') }]]);
    const bytes = await renderComparisonDocx(compareTexts(from, to), { title: 'T', fromLabel: 'v1', toLabel: 'v2', languages: ['fr'], revisionDate: DATE });
    const xml = readZip(bytes).get('word/document.xml')!.toString('utf8');
    /** Each run's text and whether it is raised, with the revision it sits in. */
    const runs = [...xml.matchAll(/(<w:ins [^>]*>|<w:del [^>]*>)?<w:r>(.*?)<\/w:r>/gsu)].map((m) => ({
      revision: m[1]?.slice(1, 6).trim() ?? null,
      text: [...m[2]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/gu)].map((t) => t[1]).join(''),
      raised: m[2]!.includes('<w:vertAlign w:val="superscript"/>'),
    }));
    const cell = runs.slice(runs.findIndex((run) => run.text === 'Les 12'));
    expect(cell).toEqual([
      { revision: null, text: 'Les 12', raised: false },
      { revision: null, text: 'es', raised: true },
      { revision: null, text: ' Assises. Le ', raised: false },
      { revision: 'w:del', text: '1er', raised: false },
      { revision: 'w:ins', text: '1', raised: false },
      { revision: 'w:ins', text: 'er', raised: true },
      { revision: null, text: ' mai.', raised: false },
    ]);
    expect(revisionsOf(xml, 'w:ins')).toEqual(['1', 'er']);
    expect(revisionsOf(xml, 'w:del')).toEqual(['1er']);
  });
});
