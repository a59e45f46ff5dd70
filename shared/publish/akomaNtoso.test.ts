import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AKN_NAMESPACE, renderAkomaNtoso, stripXmlIllegal } from './akomaNtoso.js';
import { fingerprint, partDigests } from './canonicalForm.js';
import { EXPORT_FORMAT, type DeclarationExport } from './declarationExport.js';

const FIXTURES = new URL('../../test/fixtures/assises-12/', import.meta.url);
const HOSTILE = `<script>alert(1)</script> " onmouseover="x javascript:alert(1) & 'it' ]]> \u0007\u001B\uD800\uFFFF\uFFFE end`;
const JAPANESE = '第5条　ハノイ市とトゥールーズ市は協力を強化する。';

function paragraphsOf(name: string): string[] {
  return readFileSync(new URL(name, FIXTURES), 'utf8')
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The Assises declaration (paired by paragraph), a Japanese article and a hostile row, fingerprinted. */
function assisesExport(date: string | null = '2023-04-16'): DeclarationExport {
  const fr = paragraphsOf('final-declaration.fr.txt');
  const vi = paragraphsOf('final-declaration.vi.txt');
  const texts: Record<string, string[]>[] = fr.map((p, k) => ({ fr: [p], vi: [vi[k]!], ja: [] }));
  texts.push({ fr: ['Article 5.', 'Hanoï et Toulouse renforcent leur coopération.'], vi: ['Điều 5. Hà Nội và Toulouse tăng cường hợp tác.'], ja: [JAPANESE] });
  texts.push({ fr: [HOSTILE], vi: [HOSTILE], ja: [HOSTILE] });
  const rows = texts.map((text, k) => ({ id: `r${k}`, status: 'agreed', stale: false, text }));
  const content = { title: 'Déclaration finale <12es> « Assises » & co', languages: ['fr', 'vi', 'ja'], date, rows };
  return {
    format: EXPORT_FORMAT,
    id: 'decl 12/assises',
    ...content,
    version: 3,
    frozen: date !== null,
    sha256: fingerprint(content),
    digests: partDigests(content),
    signatures: [{ lang: 'fr', signer: 'Cités Unies France <CUF>', publicKey: 'pk_fr', signature: 'sig_fr', signedAt: '2023-04-16T10:30:00Z' }],
    publication: null,
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['component', 'paragraph', 'p', 'FRBRlanguage', 'accord:signature'].includes(name),
});

// biome-ignore lint/suspicious/noExplicitAny: parsed XML, walked by element name in the assertions
type Node = Record<string, any>;

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Node;
}

/** A `<p>`'s text as the parser gives it (an empty `<p/>` is ''). */
function textOf(p: unknown): string {
  return typeof p === 'string' ? p : ((p as Node)['#text'] ?? '');
}

describe('renderAkomaNtoso', () => {
  const exp = assisesExport();
  const xml = renderAkomaNtoso(exp);
  const root = parse(xml).akomaNtoso as Node;
  const components = root.documentCollection.collectionBody.component as Node[];

  it('writes well-formed Akoma Ntoso 3.0 with one component per language', () => {
    expect(root['@_xmlns']).toBe(AKN_NAMESPACE);
    expect(root.documentCollection['@_name']).toBe('declaration');
    expect(components.map((c) => c['@_eId'])).toEqual(['cmp_fr', 'cmp_vi', 'cmp_ja']);
    expect(components.map((c) => c.statement['@_xml:lang'])).toEqual(['fr', 'vi', 'ja']);
    expect(components.map((c) => c.statement['@_name'])).toEqual(['declaration', 'declaration', 'declaration']);
  });

  it('numbers paragraphs by row, with the same eIds in every language', () => {
    const expected = exp.rows.map((_, k) => `para_${k + 1}`);
    for (const component of components) {
      expect((component.statement.mainBody.paragraph as Node[]).map((p) => p['@_eId'])).toEqual(expected);
    }
  });

  it('keeps every paragraph of every language, in order, exactly (NFC, diacritics, markup as text)', () => {
    components.forEach((component, c) => {
      const lang = exp.languages[c]!;
      const paragraphs = component.statement.mainBody.paragraph as Node[];
      paragraphs.forEach((paragraph, k) => {
        const texts = (paragraph.content.p as unknown[]).map(textOf);
        const source = exp.rows[k]!.text[lang]!;
        expect(texts).toEqual(source.length === 0 ? [''] : source.map(stripXmlIllegal));
      });
    });
    expect(xml).toContain(JAPANESE);
    expect(xml.normalize('NFC')).toBe(xml);
    expect(xml).toContain('Hội nghị hợp tác giữa các địa phương Việt Nam - Pháp lần thứ 12');
  });

  it('writes an empty <p/> for a language with no text in a row', () => {
    const ja = components[2]!.statement.mainBody.paragraph as Node[];
    expect(ja[0]!.content.p).toEqual(['']);
    expect(xml).toMatch(/<paragraph eId="para_1">\s*<content>\s*<p\/>\s*<\/content>/u);
  });

  it('escapes hostile text so it stays text', () => {
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('" onmouseover="');
    expect(xml).toContain('&quot; onmouseover=&quot;x');
    expect(xml).toContain('&amp; &apos;it&apos; ]]&gt;');
    expect(xml).toContain('<docTitle>Déclaration finale &lt;12es&gt; « Assises » &amp; co</docTitle>');
    expect(xml).toContain('signer="Cités Unies France &lt;CUF&gt;"');
  });

  it('removes the characters XML 1.0 forbids, and only those', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
    expect(stripXmlIllegal('a\u0000b\tc\nd\re\uD83D\uDE00f\uDE00g\uFFFDh')).toBe('ab\tc\nd\re\uD83D\uDE00fg\uFFFDh');
    expect(xml).toContain('javascript:alert(1) &amp; &apos;it&apos; ]]&gt;  end');
  });

  it('identifies each expression by its ISO 639-3 language under one work', () => {
    const langs = components.map((c) => (c.statement.meta.identification.FRBRExpression.FRBRlanguage as Node[]).map((l) => l['@_language']));
    expect(langs).toEqual([['fra'], ['vie'], ['jpn']]);
    const works = components.map((c) => c.statement.meta.identification.FRBRWork.FRBRthis['@_value']);
    expect(new Set(works)).toEqual(new Set(['/akn/int/statement/2023-04-16/decl%2012%2Fassises/main']));
    expect(components.map((c) => c.statement.meta.identification.FRBRExpression.FRBRuri['@_value'])).toEqual([
      '/akn/int/statement/2023-04-16/decl%2012%2Fassises/fra@',
      '/akn/int/statement/2023-04-16/decl%2012%2Fassises/vie@',
      '/akn/int/statement/2023-04-16/decl%2012%2Fassises/jpn@',
    ]);
    const work = components[0]!.statement.meta.identification.FRBRWork;
    expect(work.FRBRdate['@_date']).toBe('2023-04-16');
    expect(work.FRBRauthor['@_href']).toBe('#accord');
    expect(work.FRBRcountry['@_value']).toBe('int');
    const collectionLangs = (root.documentCollection.meta.identification.FRBRExpression.FRBRlanguage as Node[]).map((l) => l['@_language']);
    expect(collectionLangs).toEqual(['fra', 'vie', 'jpn']);
  });

  it('carries the fingerprint in every expression and the signatures in the collection', () => {
    for (const c of components) expect(c.statement.meta.proprietary['accord:fingerprint']['#text']).toBe(exp.sha256);
    expect(components[0]!.statement.meta.references.TLCOrganization['@_eId']).toBe('accord');
    const signatures = root.documentCollection.meta.proprietary['accord:signature'] as Node[];
    expect(signatures.map((s) => [s['@_lang'], s['@_signer'], s['@_publicKey'], s['@_signature']])).toEqual([
      ['fr', 'Cités Unies France <CUF>', 'pk_fr', 'sig_fr'],
    ]);
  });

  it('repeats the title in every expression', () => {
    for (const c of components) expect(c.statement.preface.p[0].docTitle).toBe(exp.title);
  });

  it('names a draft by "draft" in its URIs', () => {
    const draft = renderAkomaNtoso(assisesExport(null));
    expect(XMLValidator.validate(draft)).toBe(true);
    expect(draft).toContain('<FRBRuri value="/akn/int/statement/draft/decl%2012%2Fassises/fra@"/>');
    expect(draft).not.toContain('statement/2023-04-16');
    expect(draft).toContain('<FRBRdate date="1970-01-01" name="draft"/>');
  });
});

describe('renderAkomaNtoso with superscripts', () => {
  it('writes them as inline <sup>, well-formed, the words unchanged', () => {
    const exp = assisesExport();
    const raised = {
      ...exp.rows[0]!,
      text: { fr: ['Les 12es Assises <b>'], vi: ['Lần thứ 12'], ja: [] },
      superscripts: { fr: [[{ from: 6, to: 8 }]], vi: [[]], ja: [] },
    };
    const xml = renderAkomaNtoso({ ...exp, rows: [raised] });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<p>Les 12<sup>es</sup> Assises &lt;b&gt;</p>');
    expect(xml).toContain('<p>Lần thứ 12</p>');
  });
});
