import { describe, expect, it } from 'vitest';
import { compareTexts } from './compare.js';
import { renderComparisonHtml } from './renderHtml.js';
import { COMPARISON_STRINGS_FR } from './labels.js';
import { buildRow, buildText, raised, type ParagraphText } from './testing/build.js';

const HOSTILE = [
  `<script>alert(1)</script>`,
  `" onmouseover="alert(2)`,
  `javascript:alert(3)`,
  `<img src=x onerror=alert(4)>`,
  `' autofocus onfocus='alert(5)`,
];

function sampleHtml(overrides: { title?: string; fromLabel?: string; languageName?: string } = {}): string {
  const from = buildText(
    ['fr', 'vi'],
    [
      ['a', { fr: 'La crise s’amplifie.', vi: 'thiết lâp' }],
      ['b', { fr: 'Texte supprimé.', vi: 'Văn bản bị xóa.' }],
    ],
  );
  const to = buildText(['fr', 'vi'], [['a', { fr: 'La crise s’accélère.', vi: 'thiết lâp' }], buildRow('c', { fr: HOSTILE.join(' '), vi: HOSTILE.join(' ') })]);
  return renderComparisonHtml(compareTexts(from, to), {
    title: overrides.title ?? 'Déclaration finale',
    fromLabel: overrides.fromLabel ?? 'v1 — atelier 1',
    toLabel: 'v2',
    languages: ['fr', 'vi'],
    languageNames: { fr: overrides.languageName ?? 'Français', vi: 'Tiếng Việt' },
  });
}

/** Every start tag of the document with its attributes, e.g. `<td class="text" lang="fr">`. */
function tagsOf(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/gu) ?? [];
}

describe('comparison as HTML', () => {
  it('is one self-contained document: no script, nothing fetched, links only within the page', () => {
    const html = sampleHtml();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|@import|url\(/iu);
    for (const tag of tagsOf(html)) {
      expect(tag).not.toMatch(/\ssrc=/iu);
      const href = /\shref="([^"]*)"/u.exec(tag);
      if (href) expect(href[1]).toMatch(/^#row-\d+$/u);
    }
  });

  it('escapes hostile paragraph text so that it stays text', () => {
    const html = sampleHtml();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // No tag carries an event handler or a javascript: URL: the hostile text never became markup.
    for (const tag of tagsOf(html)) {
      expect(tag).not.toMatch(/\son\w+=/iu);
      expect(tag).not.toMatch(/javascript:/iu);
      expect(tag).not.toMatch(/autofocus/iu);
    }
    expect(html).toContain('&#34; onmouseover=&#34;alert(2)');
  });

  it('escapes hostile titles, version labels and language names too', () => {
    const html = sampleHtml({ title: HOSTILE[0]!, fromLabel: HOSTILE[1]!, languageName: HOSTILE[3]! });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    for (const tag of tagsOf(html)) expect(tag).not.toMatch(/\son\w+=/iu);
  });

  it('marks insertions and deletions by element, decoration and spoken marker, not colour alone', () => {
    const html = sampleHtml();
    expect(html).toContain('<del><span class="sr-only">− </span>s’amplifie</del><ins><span class="sr-only">+ </span>s’accélère</ins>');
    expect(html).toMatch(/ins \{[^}]*text-decoration: underline/u);
    expect(html).toMatch(/del \{[^}]*text-decoration: line-through/u);
    expect(html).toMatch(/\.sr-only \{[^}]*clip/u);
  });

  it('gives every language block its lang attribute and shows rows side by side', () => {
    const html = sampleHtml();
    const row = /<tr id="row-1"[^>]*>.*?<\/tr>/su.exec(html)![0];
    expect(row).toMatch(/<td class="text" lang="fr"[^>]*>La crise /u);
    expect(row).toMatch(/<td class="text" lang="vi"[^>]*>thiết lâp<\/td>/u);
    expect(html).toContain('<th scope="col" lang="vi">Tiếng Việt (vi)</th>');
  });

  it('summarises at the top, out-of-step rows included', () => {
    const html = sampleHtml();
    const summary = html.slice(0, html.indexOf('<table class="rows">'));
    expect(summary).toContain('<dt>Rows changed</dt><dd>1</dd>');
    expect(summary).toContain('<dt>Rows added</dt><dd>1</dd>');
    expect(summary).toContain('<dt>Rows removed</dt><dd>1</dd>');
    expect(summary).toContain('Row 1: changed in Français (fr), not in Tiếng Việt (vi): translation may be out of date');
    expect(summary).toContain('href="#row-1"');
  });

  it('speaks the caller’s interface language when given its strings', () => {
    const from = buildText(['fr'], [['a', { fr: 'Un.' }]]);
    const html = renderComparisonHtml(compareTexts(from, from), {
      title: 'T',
      fromLabel: 'v1',
      toLabel: 'v2',
      languages: ['fr'],
      uiStrings: { lang: 'fr', versions: 'Modifications de {from} à {to}', changes: { equal: 'Inchangée' } as never },
    });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Modifications de v1 à v2');
    expect(html).toContain('1. Inchangée');
  });
});

describe('comparison as HTML, superscripts', () => {
  /** The one row's French cell of a comparison from `before` to `after`. */
  function cellOf(before: ParagraphText, after: ParagraphText, ui = {}): string {
    const from = buildText(['fr'], [['a', { fr: before }]]);
    const to = buildText(['fr'], [['a', { fr: after }]]);
    const html = renderComparisonHtml(compareTexts(from, to), { title: 'T', fromLabel: 'v1', toLabel: 'v2', languages: ['fr'], uiStrings: ui });
    return /<td class="text" lang="fr"[^>]*>(.*?)<\/td>/su.exec(html)![1]!;
  }

  it('raises superscript letters in unchanged, inserted and deleted text alike', () => {
    expect(cellOf(raised('Les 12<sup>es</sup> Assises de 2021'), raised('Les 12<sup>es</sup> Assises, XXI<sup>e</sup> siècle'))).toBe(
      'Les 12<sup>es</sup> Assises' +
        '<del><span class="sr-only">− </span> de 2021</del>' +
        '<ins><span class="sr-only">+ </span>, XXI<sup>e</sup> siècle</ins>',
    );
  });

  it('shows a word only raised since ("1er" → "1ᵉʳ") as changed, and says so to a screen reader', () => {
    expect(cellOf('Le 1er mai.', raised('Le 1<sup>er</sup> mai.'), COMPARISON_STRINGS_FR)).toBe(
      'Le <del><span class="sr-only">− (exposant modifié) </span>1er</del><ins><span class="sr-only">+ (exposant modifié) </span>1<sup>er</sup></ins> mai.',
    );
  });

  it('keeps hostile text next to a superscript escaped, raised or not', () => {
    const hostile = raised('<script>alert(1)</script>1<sup>er<img src=x onerror=alert(4)></sup> & Cie');
    const cell = cellOf('<script>alert(1)</script>1er', hostile);
    expect(cell).not.toContain('<script');
    expect(cell).not.toContain('<img');
    expect(cell).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(cell).toContain('1<sup>er&#60;img src=x onerror=alert(4)&#62;</sup>');
    expect(tagsOf(cell).every((tag) => /^<(ins|del|sup|span class="sr-only")>$/u.test(tag))).toBe(true);
  });
});
