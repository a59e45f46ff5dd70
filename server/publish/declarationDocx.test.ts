import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticityStatements } from '../../shared/publish/authenticity.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';
import { keyLabel } from '../../shared/publish/signature.js';
import { readZip } from '../compareExport/testing/readZip.js';
import { renderDeclarationDocx } from './declarationDocx.js';
import { HOSTILE_TEXT, SAMPLE_JAPANESE, SAMPLE_TYPOGRAPHY, sampleExport } from './testing/sampleExport.js';

/** One `<w:r>`: its text (entities decoded) and the language it is tagged with. */
interface Run {
  readonly text: string;
  readonly lang: string | undefined;
  readonly eastAsia: string | undefined;
}

let exp: DeclarationExport;
let files: Map<string, Buffer>;
let xml: string;

beforeAll(async () => {
  exp = sampleExport({ illegalCharacters: true });
  const bytes = await renderDeclarationDocx(exp);
  expect(bytes).toBeInstanceOf(Uint8Array);
  files = readZip(bytes);
  xml = files.get('word/document.xml')!.toString('utf8');
});

function decode(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/gu, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
}

function runsOf(part: string): Run[] {
  return [...part.matchAll(/<w:r>(.*?)<\/w:r>/gsu)].map((m) => ({
    text: [...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((t) => decode(t[1]!)).join(''),
    lang: /<w:lang [^>]*w:val="([^"]*)"/u.exec(m[1]!)?.[1],
    eastAsia: /<w:lang [^>]*w:eastAsia="([^"]*)"/u.exec(m[1]!)?.[1],
  }));
}

/** The text of each `<w:p>`, in order. */
function paragraphsOf(part: string): string[] {
  return [...part.matchAll(/<w:p(?: [^>]*)?>(.*?)<\/w:p>|<w:p\/>/gsu)].map((m) =>
    runsOf(m[1] ?? '')
      .map((r) => r.text)
      .join(''),
  );
}

describe('renderDeclarationDocx', () => {
  it('writes a well-formed document.xml in a well-formed zip', () => {
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('lays the languages out as table columns, one table row per export row', () => {
    const tables = [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gsu)];
    expect(tables).toHaveLength(1);
    const rows = [...tables[0]![1]!.matchAll(/<w:tr>(.*?)<\/w:tr>/gsu)].map((m) => m[1]!);
    expect(rows).toHaveLength(exp.rows.length + 1);
    for (const row of rows) expect(row.match(/<w:tc>/gu)).toHaveLength(3);
    expect(paragraphsOf(rows[0]!)).toEqual(['Français', 'Tiếng Việt', '日本語']);
    // Row 2 is the Assises' second paragraph, in French then Vietnamese; the Japanese cell is empty.
    expect(paragraphsOf(rows[2]!)).toEqual([exp.rows[1]!.text.fr![0]!, exp.rows[1]!.text.vi![0]!, '']);
  });

  it('keeps every paragraph intact and tags each run with its language', () => {
    const runs = runsOf(xml);
    const paragraphs = paragraphsOf(xml);
    for (const lang of ['fr', 'vi', 'ja']) {
      const texts = exp.rows.flatMap((row) => row.text[lang] ?? []).filter((text) => !text.includes('<script>'));
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        expect(paragraphs).toContain(text);
        expect(runs.filter((r) => r.text === text).map((r) => [r.lang, r.eastAsia])).toContainEqual([lang, lang]);
      }
    }
    expect(paragraphs).toContain(SAMPLE_JAPANESE);
    expect(paragraphs).toContain(SAMPLE_TYPOGRAPHY.fr); // NBSP and NNBSP kept as they are
  });

  it('adds the equal-authenticity statements, the fingerprint and the signatures', () => {
    const paragraphs = paragraphsOf(xml);
    for (const { lang, text } of authenticityStatements(exp.languages)) {
      expect(paragraphs).toContain(text);
      expect(runsOf(xml).find((r) => r.text === text)?.lang).toBe(lang);
    }
    expect(paragraphs).toContain(exp.sha256);
    const fr = exp.signatures[0]!;
    expect(paragraphs).toContain(`Français: Signé par ${fr.signer} pour le texte français le 16 avril 2023 — Clé\u00A0: ${keyLabel(fr.publicKey)}`);
    expect(paragraphs).toContain('Tiếng Việt: chưa ký');
    expect(paragraphs).toContain('日本語: not yet signed');
    // Dates in each language's words, never as a timestamp.
    expect(paragraphs).toContain('Texte arrêté le 16 avril 2023 · Publié le 17 avril 2023');
    expect(paragraphs).toContain('Văn bản được chốt ngày 16 tháng 4 năm 2023 · Công bố ngày 17 tháng 4 năm 2023');
    expect(paragraphs.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
  });

  it('writes hostile text only as escaped text, never as links', () => {
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('" onmouseover="');
    expect(xml).not.toContain('<w:hyperlink');
    expect(xml).not.toMatch(/HYPERLINK/u);
    const hostile = paragraphsOf(xml).filter((p) => p.startsWith(HOSTILE_TEXT[0]));
    expect(hostile).toHaveLength(3);
    for (const p of hostile) expect(p).toBe(`${HOSTILE_TEXT.join(' ')}  & 'quotes'`);
    for (const [name, content] of files) {
      if (!name.endsWith('.rels')) continue;
      expect(content.toString('utf8')).not.toMatch(/javascript:|TargetMode="External"/iu);
    }
  });

  it('drops the characters XML cannot carry', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD\uFFFE\uFFFF]/u);
  });
});

describe('renderDeclarationDocx with superscripts', () => {
  it('raises 12es and XXIe as Word superscript runs, the rest on the line', async () => {
    const sample = sampleExport({ japanese: false, hostile: false });
    const row = {
      id: 'row-sup',
      status: 'agreed',
      stale: false,
      text: { fr: ['Les 12es Assises, au XXIe siècle.'], vi: ['Hội nghị lần thứ 12.'] },
      superscripts: {
        fr: [
          [
            { from: 6, to: 8 },
            { from: 24, to: 25 },
          ],
        ],
        vi: [[]],
      },
    };
    const document = readZip(await renderDeclarationDocx({ ...sample, rows: [row] }))
      .get('word/document.xml')!
      .toString('utf8');
    const runs = [...document.matchAll(/<w:r>(.*?)<\/w:r>/gsu)].map((m) => ({
      text: runsOf(m[0])[0]!.text,
      raised: m[1]!.includes('<w:vertAlign w:val="superscript"/>'),
    }));
    expect(runs.filter((r) => r.raised).map((r) => r.text)).toEqual(['es', 'e']);
    expect(paragraphsOf(document)).toContain('Les 12es Assises, au XXIe siècle.');
    expect(runs.find((r) => r.text === 'Hội nghị lần thứ 12.')?.raised).toBe(false);
  });
});
