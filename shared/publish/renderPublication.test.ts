import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { fingerprint, partDigests } from './canonicalForm.js';
import { EXPORT_FORMAT, type DeclarationExport, type SignatureRecord } from './declarationExport.js';
import { renderPublicationPage, type PublicationPageOptions } from './renderPublication.js';
import { signedMessage, toBase64Url } from './signature.js';
import { verifyExport } from './verify.js';

const HOSTILE = [`<script>alert(1)</script>`, `<img src=x onerror=alert(2)>`, `javascript:alert(3)`, `" onmouseover="x`, `' autofocus onfocus='alert(5)`];

const SAMPLE_ROWS: Record<string, string[]>[] = [
  { fr: ['Préambule.', 'Considérant la coopération.'], vi: ['Lời nói đầu.', 'Xét sự hợp tác.'] },
  { fr: ['Article premier.'], vi: ['Điều 1.'] },
  { fr: ['Article 2.'], vi: [] },
];

/** An export of these rows, fingerprinted as the server would, optionally signed. */
function buildExport(
  rows: readonly Record<string, string[]>[] = SAMPLE_ROWS,
  options: { title?: string; languages?: string[]; sign?: (exp: DeclarationExport) => SignatureRecord[] } = {},
): DeclarationExport {
  const languages = options.languages ?? ['fr', 'vi'];
  const content = {
    title: options.title ?? 'Déclaration des 12es Assises',
    languages,
    date: '2025-05-12',
    rows: rows.map((text, i) => ({ id: `r${i + 1}`, status: 'agreed', stale: false, text })),
  };
  const exp: DeclarationExport = {
    format: EXPORT_FORMAT,
    id: 'decl-1',
    version: 3,
    frozen: true,
    ...content,
    sha256: fingerprint(content),
    digests: partDigests(content),
    signatures: [],
    publication: { publishedAt: '2025-05-13T09:00:00Z', replaces: null },
  };
  return options.sign ? { ...exp, signatures: options.sign(exp) } : exp;
}

const SECRET_KEY = new Uint8Array(32).fill(7);

/** A signature by a fixed key over what the signatory of `lang` signs (or, if `forge`, over something else). */
function signFor(exp: DeclarationExport, lang: string, signer: string, forge = false): SignatureRecord {
  const message = signedMessage(exp.id, lang, forge ? '0'.repeat(64) : exp.sha256);
  return {
    lang,
    signer,
    publicKey: toBase64Url(ed25519.getPublicKey(SECRET_KEY)),
    signature: toBase64Url(ed25519.sign(message, SECRET_KEY)),
    signedAt: '2025-05-14T16:30:00Z',
  };
}

function render(exp: DeclarationExport, options: Partial<PublicationPageOptions> = {}): string {
  return renderPublicationPage(exp, { ui: 'en', layout: 'side-by-side', report: verifyExport(exp), ...options });
}

const ONLINE: Partial<PublicationPageOptions> = {
  scripts: ['/assets/verify-publication.js'],
  downloads: { json: '/p/decl-1.json', pdf: '/p/decl-1.pdf', docx: '/p/decl-1.docx', xml: '/p/decl-1.xml', html: '/p/decl-1.html' },
  layoutLinks: { sideBySide: '/p/decl-1?layout=side-by-side', sequential: '/p/decl-1?layout=sequential' },
};

/** Every start tag of the document with its attributes. */
function tagsOf(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/gu) ?? [];
}

/** The attribute names of a start tag: quoted values are skipped, so escaped text inside them cannot pass for an attribute. */
function attributeNames(tag: string): string[] {
  return [...tag.matchAll(/\s([^\s="'>/]+)(?:="[^"]*")?/gu)].map((m) => m[1]!.toLowerCase());
}

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

/** The part of the document from the first `start` to the next `end`, both included. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return html.slice(from, html.indexOf(end, from) + end.length);
}

function embeddedExport(html: string): unknown {
  const match = /<script type="application\/json" id="declaration-data">([\s\S]*?)<\/script>/u.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!);
}

function paragraphCount(rows: readonly Record<string, string[]>[], lang: string): number {
  return rows.reduce((n, row) => n + (row[lang]?.length ?? 0), 0);
}

describe('public page of a publication', () => {
  it('is one complete document with the language, viewport, title and a strict CSP', () => {
    const html = render(buildExport());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Déclaration des 12es Assises</title>');
    expect(html).toContain(`content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;"`);
    expect(html).toMatch(/<header>[\s\S]*<h1[^>]*>Déclaration des 12es Assises<\/h1>[\s\S]*<\/header>\n<main>[\s\S]*<\/main>\n<footer>/u);
    expect(html).toContain('Frozen on <time datetime="2025-05-12">May 12, 2025</time>');
    expect(html).toContain('All language versions are equally authentic.');
  });

  it('puts one column per language, named in its own language, and marks every paragraph with its language', () => {
    const html = render(buildExport());
    const table = between(html, '<table', '</table>');
    expect(table).toContain('<th scope="col" lang="fr">Français</th><th scope="col" lang="vi">Tiếng Việt</th>');
    expect(count(table, '<tr id="row-')).toBe(SAMPLE_ROWS.length);
    expect(count(table, '<p lang="fr"')).toBe(paragraphCount(SAMPLE_ROWS, 'fr'));
    expect(count(table, '<p lang="vi"')).toBe(paragraphCount(SAMPLE_ROWS, 'vi'));
    expect(count(table, '<p')).toBe(paragraphCount(SAMPLE_ROWS, 'fr') + paragraphCount(SAMPLE_ROWS, 'vi'));
    for (const tag of tagsOf(html)) if (/^<p[\s>]/u.test(tag)) expect(tag).toMatch(/\slang="[^"]+"/u);
    expect(html).toContain('<p lang="vi" dir="auto">Lời nói đầu.</p>');
  });

  it('states equal authenticity once per language, in that language', () => {
    const html = render(buildExport());
    const statements = between(html, '<div class="authenticity">', '</div>');
    expect(statements).toContain('<p lang="fr" dir="auto">Toutes les versions linguistiques du présent texte font également foi.</p>');
    expect(statements).toContain('<p lang="vi" dir="auto">Các văn bản bằng các ngôn ngữ của văn kiện này có giá trị như nhau.</p>');
  });

  it('lays the languages out one after the other, each in its own section, in the declaration’s order', () => {
    const rows = SAMPLE_ROWS.map((row) => ({ ...row, en: [`EN ${row.fr![0]}`] }));
    const exp = buildExport(rows, { languages: ['vi', 'fr', 'en'] });
    const html = render(exp, { layout: 'sequential' });
    expect(html).not.toContain('<table');
    const sections = [...html.matchAll(/<section class="language" lang="([^"]+)"[^>]*>\n<h3[^>]*>([^<]*)<\/h3>\n([\s\S]*?)<\/section>/gu)];
    expect(sections.map((s) => s[1])).toEqual(['vi', 'fr', 'en']);
    expect(sections.map((s) => s[2])).toEqual(['Tiếng Việt', 'Français', 'English']);
    for (const [, lang, , body] of sections) {
      expect(count(body!, `<p lang="${lang}"`)).toBe(paragraphCount(rows, lang!));
      expect(count(body!, '<p ')).toBe(paragraphCount(rows, lang!));
    }
  });

  it('keeps hostile text inert wherever it appears', () => {
    const rows = [{ fr: HOSTILE, vi: [HOSTILE.join(' ')] }];
    const exp = buildExport(rows, { title: HOSTILE.join(' '), sign: (e) => [signFor(e, 'fr', HOSTILE.join(' '))] });
    const html = render(exp, {
      ...ONLINE,
      replaces: { url: '/p/decl-0', title: HOSTILE.join(' ') },
      supersededBy: { id: HOSTILE[3]!, url: '/p/decl-2', title: HOSTILE[0]! },
    });
    expect(html).toContain('<p lang="fr" dir="auto">&#60;script&#62;alert(1)&#60;/script&#62;</p>');
    expect(html).toContain('<p lang="fr" dir="auto">&#60;img src=x onerror=alert(2)&#62;</p>');
    expect(html).toContain('<p lang="fr" dir="auto">javascript:alert(3)</p>');
    expect(html).toContain('<p lang="fr" dir="auto">&#34; onmouseover=&#34;x</p>');
    expect(html).not.toMatch(/<img/iu);
    for (const tag of tagsOf(html)) {
      for (const name of attributeNames(tag)) expect(name).not.toMatch(/^on|^autofocus$|^style$/u);
      expect(tag).not.toMatch(/(?:href|src)="javascript:/iu);
    }
    // The only scripts are the data block and the verifier the server named.
    expect(tagsOf(html).filter((tag) => /^<script/iu.test(tag))).toEqual([
      '<script type="application/json" id="declaration-data">',
      '<script type="module" src="/assets/verify-publication.js">',
    ]);
    // Every link and source came from the options.
    const urls = tagsOf(html).flatMap((tag) => [...tag.matchAll(/\s(?:href|src)="([^"]*)"/gu)].map((m) => m[1]));
    const allowed = [
      '#text',
      '/p/decl-0',
      '/p/decl-2',
      '/assets/verify-publication.js',
      ...Object.values(ONLINE.downloads!),
      ...Object.values(ONLINE.layoutLinks!),
    ];
    for (const url of urls) expect(allowed).toContain(url);
  });

  it('embeds the export as data that parses back to the same export, whatever its text contains', () => {
    const rows = [{ fr: ['</script><script>alert(1)</script>', 'ligne\u2028séparée\u2029ici', '<!-- & -->'], vi: ['</SCRIPT >'] }];
    const exp = buildExport(rows, { title: '</script>' });
    const html = render(exp, ONLINE);
    expect(embeddedExport(html)).toEqual(exp);
    const block = between(html, '<script type="application/json"', '</script>');
    expect(block).not.toMatch(/[\u2028\u2029]|<\/script>.*<\/script>|<!--/u);
    expect(count(html, '</script>')).toBe(2);
  });

  it('shows each language’s signature status from the report, in words and symbols', () => {
    const rows = SAMPLE_ROWS.map((row) => ({ ...row, en: ['Text.'] }));
    const exp = buildExport(rows, { languages: ['fr', 'vi', 'en'], sign: (e) => [signFor(e, 'fr', 'Marie Curie'), signFor(e, 'vi', 'Nguyễn Văn A', true)] });
    const html = render(exp);
    const items = [...html.matchAll(/<li data-lang="([^"]+)" data-status="([^"]+)">([\s\S]*?)<\/li>/gu)].map((m) => [m[1], m[2], m[3]] as const);
    expect(items.map(([lang, status]) => [lang, status])).toEqual([
      ['fr', 'verified'],
      ['vi', 'invalid'],
      ['en', 'unsigned'],
    ]);
    const [fr, vi, en] = items.map((item) => item[2]);
    expect(fr).toContain('Signed by <span dir="auto">Marie Curie</span> for the French text on <time datetime="2025-05-14T16:30:00Z">May 14, 2025</time>');
    expect(fr).toMatch(/Key: <code>\S{8}…\S{4}<\/code>/u);
    expect(fr).toContain('✓ </span>verified');
    expect(vi).toContain('✗ </span>does not verify');
    expect(vi).toContain('Nguyễn Văn A');
    expect(en).toContain('English text');
    expect(en).toContain('— </span>not yet signed');
  });

  it('counts a text as not verifying when one of its several signatures does not, and says which', () => {
    const exp = buildExport(SAMPLE_ROWS, { sign: (e) => [signFor(e, 'fr', 'Marie Curie'), signFor(e, 'fr', 'Pierre Curie', true)] });
    const item = between(render(exp), '<li data-lang="fr"', '</li>');
    expect(item).toContain('data-status="invalid"');
    expect(item).toMatch(/Marie Curie[\s\S]*✓ <\/span>verified[\s\S]*Pierre Curie[\s\S]*✗ <\/span>does not verify/u);
  });

  it('takes the statuses from the report it is given, not from its own checks', () => {
    const exp = buildExport(SAMPLE_ROWS, { sign: (e) => [signFor(e, 'fr', 'Marie Curie')] });
    const report = verifyExport(exp);
    const html = render(exp, { report: { ...report, signatures: report.signatures.map((s) => ({ ...s, valid: false })) } });
    expect(html).toContain('<li data-lang="fr" data-status="invalid">');
  });

  it('shows the fingerprint and says when the text no longer matches it', () => {
    const exp = buildExport();
    expect(render(exp)).toContain(`<code id="fingerprint">${exp.sha256}</code>`);
    expect(render(exp)).not.toContain('does not match its fingerprint');
    const tampered = { ...exp, rows: [{ ...exp.rows[0]!, text: { fr: ['Autre.'], vi: ['Khác.'] } }, ...exp.rows.slice(1)] };
    expect(render(tampered)).toContain('✗ </span>This text does not match its fingerprint.');
  });

  it('lets the browser check the text only when the server gives a verifier script', () => {
    const online = render(buildExport(), ONLINE);
    expect(online).toContain(`script-src &#39;self&#39;; connect-src &#39;self&#39;`);
    expect(online).toMatch(/<p id="browser-verification" role="status" aria-live="polite"[^>]*>Checking in your browser…<\/p>/u);
    expect(online).toContain('data-verified="Verified in your browser" data-failed="Could not verify in this browser"');

    const download = render(buildExport());
    expect(download).not.toContain('script-src');
    expect(download).not.toContain('connect-src');
    expect(download).not.toContain('id="browser-verification"');
    expect(download).not.toContain('<script type="module"');
  });

  it('lists the downloads and the other layout, and leaves them out of the HTML download', () => {
    const html = render(buildExport(), ONLINE);
    const downloads = between(html, '<section class="downloads"', '</section>');
    expect(downloads).toContain('<h2 id="downloads-heading">Downloads</h2>');
    for (const [url, label] of [
      ['/p/decl-1.pdf', 'PDF'],
      ['/p/decl-1.docx', 'Word (DOCX)'],
      ['/p/decl-1.json', 'JSON (canonical, with signatures)'],
      ['/p/decl-1.xml', 'Akoma Ntoso XML'],
    ]) {
      expect(downloads).toContain(`<a href="${url}" download>${label}</a>`);
    }
    expect(html).toContain('<a href="/p/decl-1?layout=side-by-side" aria-current="page">Side by side</a>');
    expect(html).toContain('<a href="/p/decl-1?layout=sequential">One language after the other</a>');

    const download = render(buildExport());
    expect(download).not.toContain('Downloads');
    expect(download).not.toContain('<nav');
  });

  it('links a correction to the text it replaces, and a replaced text to its correction', () => {
    const html = render(buildExport(), {
      replaces: { url: '/p/old', title: 'Première version' },
      supersededBy: { id: 'decl-9', url: '/p/decl-9', title: 'Texte corrigé' },
    });
    expect(html).toContain('This publication replaces <a href="/p/old" dir="auto">Première version</a>.');
    expect(html).toContain('A corrected text replaces this publication: <a href="/p/decl-9" dir="auto">Texte corrigé</a>');
  });

  it('refuses to link to a URL with a scheme other than http(s)', () => {
    expect(() => render(buildExport(), { replaces: { url: 'javascript:alert(1)', title: 'x' } })).toThrow();
    expect(() => render(buildExport(), { scripts: ['data:text/javascript,alert(1)'] })).toThrow();
  });

  it('speaks French when the interface is French', () => {
    const exp = buildExport(SAMPLE_ROWS, { sign: (e) => [signFor(e, 'vi', 'Nguyễn Văn A')] });
    const html = render(exp, {
      ...ONLINE,
      ui: 'fr',
      replaces: { url: '/p/old', title: 'Première version' },
      supersededBy: { id: 'decl-9', url: '/p/decl-9', title: 'Texte corrigé' },
    });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Texte arrêté le <time datetime="2025-05-12">12 mai 2025</time>');
    expect(html).toContain('Empreinte (SHA-256)');
    expect(html).toContain(
      'Signé par <span dir="auto">Nguyễn Văn A</span> pour le texte vietnamien le <time datetime="2025-05-14T16:30:00Z">14 mai 2025</time>',
    );
    expect(html).toContain('Texte français');
    expect(html).toContain('Une langue après l’autre');
    expect(html).toContain('Téléchargements');
    // French typography: no-break spaces before the colon and inside the guillemets.
    expect(html).toContain('Clé\u00A0: <code>');
    expect(html).toContain('Cette publication remplace «\u00A0<a href="/p/old" dir="auto">Première version</a>\u00A0».');
    expect(html).toContain('Un texte corrigé remplace cette publication\u00A0: <a');
    expect(html).toContain('Vérification dans votre navigateur…');
    expect(html).toContain('<th scope="col" lang="vi">Tiếng Việt</th>');
  });

  it('speaks Vietnamese when the interface is Vietnamese', () => {
    const exp = buildExport(SAMPLE_ROWS, { sign: (e) => [signFor(e, 'fr', 'Marie Curie')] });
    const html = render(exp, { ...ONLINE, ui: 'vi', layout: 'sequential' });
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Văn bản được chốt ngày <time datetime="2025-05-12">12 tháng 5 năm 2025</time>');
    expect(html).toContain('Mã băm (SHA-256)');
    expect(html).toContain('Chữ ký');
    expect(html).toContain('<span dir="auto">Marie Curie</span> đã ký văn bản tiếng Pháp ngày');
    expect(html).toContain('chữ ký đã được xác minh');
    expect(html).toContain('Văn bản tiếng Việt');
    expect(html).toContain('chưa ký');
    expect(html).toContain('Lần lượt từng ngôn ngữ');
    expect(html).toContain('Đang xác minh trong trình duyệt của bạn…');
    expect(html).toContain('Chuyển đến văn bản');
  });

  it('keeps composed Vietnamese text composed', () => {
    const text = 'Tuyên bố chung về hợp tác Việt – Pháp'.normalize('NFC');
    const html = render(buildExport([{ fr: ['Déclaration commune.'], vi: [text] }]));
    expect(html).toContain(`<p lang="vi" dir="auto">${text}</p>`);
    expect(html).not.toContain(text.normalize('NFD'));
    expect(html.normalize('NFC')).toBe(html);
  });

  it('keeps each side-by-side row on one page when printed', () => {
    expect(render(buildExport())).toMatch(/@media print \{[\s\S]*tr \{ break-inside: avoid; \}/u);
  });

  it('gives the freeze and publication dates in the reader’s language and in each language of the text, never as a timestamp', () => {
    const exp = buildExport(SAMPLE_ROWS, { sign: (e) => [signFor(e, 'fr', 'Marie Curie')] });
    const html = render(exp, { ui: 'en' });
    expect(html).toContain(
      '<p class="dates" lang="en">Frozen on <time datetime="2025-05-12">May 12, 2025</time> · Published on <time datetime="2025-05-13T09:00:00Z">May 13, 2025</time></p>',
    );
    expect(html).toContain(
      '<p class="dates" lang="fr">Texte arrêté le <time datetime="2025-05-12">12 mai 2025</time> · Publié le <time datetime="2025-05-13T09:00:00Z">13 mai 2025</time></p>',
    );
    expect(html).toContain(
      '<p class="dates" lang="vi">Văn bản được chốt ngày <time datetime="2025-05-12">12 tháng 5 năm 2025</time> · Công bố ngày <time datetime="2025-05-13T09:00:00Z">13 tháng 5 năm 2025</time></p>',
    );
    // The reader's language comes first and is not repeated.
    expect(count(render(exp, { ui: 'fr' }), 'class="dates" lang="fr"')).toBe(1);
    expect(render(exp, { ui: 'fr' }).indexOf('class="dates" lang="fr"')).toBeLessThan(render(exp, { ui: 'fr' }).indexOf('class="dates" lang="vi"'));
    // Timestamps stay in machine-readable attributes only, never in the text a person reads.
    const visible = html.replace(/<script[\s\S]*?<\/script>/gu, '').replace(/<[^>]*>/gu, ' ');
    expect(visible).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
  });

  it('carries the declaration’s title as its heading and page title', () => {
    const html = render(buildExport(SAMPLE_ROWS, { title: 'Déclaration finale / Tuyên bố chung' }));
    expect(html).toContain('<h1 dir="auto">Déclaration finale / Tuyên bố chung</h1>');
    expect(html).toContain('<title>Déclaration finale / Tuyên bố chung</title>');
  });
});

describe('superscripts in a publication', () => {
  const raised = (() => {
    const exp = buildExport([{ fr: ['Les 12es Assises <b>', 'Au XXIe siècle.'], vi: ['Hội nghị lần thứ 12.'] }]);
    const row = { ...exp.rows[0]!, superscripts: { fr: [[{ from: 6, to: 8 }], [{ from: 6, to: 7 }]], vi: [[]] } };
    return { ...exp, rows: [row] };
  })();

  it('raises 12es and XXIe with <sup>, in both layouts, and keeps the rest escaped', () => {
    for (const layout of ['side-by-side', 'sequential'] as const) {
      const html = render(raised, { layout });
      expect(html).toContain('<p lang="fr" dir="auto">Les 12<sup>es</sup> Assises &#60;b&#62;</p>');
      expect(html).toContain('<p lang="fr" dir="auto">Au XXI<sup>e</sup> siècle.</p>');
      expect(html).toContain('<p lang="vi" dir="auto">Hội nghị lần thứ 12.</p>');
    }
  });

  it('is typography: the fingerprint, and so every signature, is the same with or without it', () => {
    const plain = buildExport([{ fr: ['Les 12es Assises <b>', 'Au XXIe siècle.'], vi: ['Hội nghị lần thứ 12.'] }]);
    expect(verifyExport(raised)).toEqual(verifyExport(plain));
    expect(render(plain)).not.toContain('<sup>');
  });
});
