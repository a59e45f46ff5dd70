import { fillTemplate } from '../compare/labels.js';
import type { TextSpan } from '../compare/canonical.js';
import { escapeHtml } from '../compare/renderHtml.js';
import { raisedRuns } from '../text/raisedRuns.js';
import { authenticityStatements } from './authenticity.js';
import type { DeclarationExport, ExportRow } from './declarationExport.js';
import { formatDate } from './languageNames.js';
import { hasPublicationStrings, resolvePublicationStrings, type PublicationStrings, type PublicationUi } from './publicationLabels.js';
import { keyLabel } from './signature.js';
import type { SignatureCheck, VerificationReport } from './verify.js';

/** How the public page of a publication (`GET /p/<id>`) and its HTML download are rendered. */
export interface PublicationPageOptions {
  readonly ui: PublicationUi;
  readonly layout: 'side-by-side' | 'sequential';
  /** The server's verification of the export. */
  readonly report: VerificationReport;
  /** URLs of the other formats; absent in the HTML download. */
  readonly downloads?: { readonly json: string; readonly pdf: string; readonly docx: string; readonly xml: string; readonly html?: string };
  /** URLs of the two layouts, so switching needs no script. */
  readonly layoutLinks?: { readonly sideBySide: string; readonly sequential: string };
  readonly supersededBy?: { readonly id: string; readonly url: string; readonly title: string } | null;
  readonly replaces?: { readonly url: string; readonly title: string } | null;
  /** Same-origin module scripts (the in-browser verifier); absent in the HTML download. */
  readonly scripts?: readonly string[];
  readonly stylesheets?: readonly string[];
}

/** What a signature entry says about one language of the declaration. */
export type SignatureStatus = 'verified' | 'invalid' | 'unsigned';

/** What every part of the page needs to know. */
interface Page {
  readonly exp: DeclarationExport;
  readonly options: PublicationPageOptions;
  readonly strings: PublicationStrings;
}

// Statuses are told by a word and a symbol, never by colour alone.
const STATUS_SYMBOL: Readonly<Record<SignatureStatus, string>> = { verified: '✓', invalid: '✗', unsigned: '—' };

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1rem 2rem; max-width: 80rem; color: #111; background: #fff; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
a { color: #0645ad; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.skip-link { position: absolute; left: 1rem; top: -3rem; background: #fff; padding: 0.25rem 0.5rem; border: 2px solid currentColor; }
.skip-link:focus { top: 0.5rem; }
.notice { border: 2px solid currentColor; padding: 0.5rem 0.75rem; }
.notice.superseded { font-weight: bold; }
.layouts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.layouts a[aria-current] { font-weight: bold; text-decoration: none; color: inherit; }
table.side-by-side { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.side-by-side th, table.side-by-side td { border: 1px solid #999; padding: 0.4rem 0.6rem; vertical-align: top; text-align: start; }
table.side-by-side p, section.language p { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 0.6rem; }
.authenticity { margin-top: 1.5rem; font-style: italic; }
#fingerprint { overflow-wrap: anywhere; font-size: 0.95em; }
.signatures { padding-inline-start: 1.25rem; }
.signatures li { margin-bottom: 0.5rem; }
.status { font-weight: bold; }
li[data-status="verified"] .status { color: #0a5c0a; }
li[data-status="invalid"] .status, .mismatch { color: #a00000; }
footer { margin-top: 2rem; border-top: 1px solid #999; }
@media print {
  body { padding: 0; max-width: none; }
  .skip-link, nav, #browser-verification, .downloads { display: none; }
  table.side-by-side tr { break-inside: avoid; }
  section.language + section.language { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Renders a publication as one self-contained HTML page (inline CSS; scripts and links only from the options). */
export function renderPublicationPage(exp: DeclarationExport, options: PublicationPageOptions): string {
  const page: Page = { exp, options, strings: resolvePublicationStrings(options.ui) };
  const { strings } = page;
  const scripts = options.scripts ?? [];
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(strings.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(exp.title)}</title>`,
    `<style>${STYLE}</style>`,
    ...(options.stylesheets ?? []).map((url) => `<link rel="stylesheet" href="${escapeUrl(url)}">`),
    '</head>',
    '<body>',
    `<a class="skip-link" href="#text">${escapeHtml(strings.skipToText)}</a>`,
    renderHeader(page),
    '<main>',
    renderText(page),
    renderFingerprint(page),
    renderSignatures(page),
    renderDownloads(page),
    '</main>',
    `<footer><p lang="${strings.lang}">${escapeHtml(strings.equallyAuthentic)}</p></footer>`,
    // The export as data for the in-browser verifier: a JSON block is never executed, even under CSP.
    `<script type="application/json" id="declaration-data">${jsonForScriptElement(exp)}</script>`,
    ...scripts.map((url) => `<script type="module" src="${escapeUrl(url)}"></script>`),
    '</body>',
    '</html>',
  ]
    .filter((part) => part !== '')
    .join('\n')
    .concat('\n');
}

/** JSON that cannot end or confuse the `<script>` element it sits in: `<`, `>`, `&`, U+2028, U+2029 as `\uXXXX`. */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The status of one language's signature entry: every signature for it verifies, one does not, or there is none. */
export function signatureStatus(checks: readonly SignatureCheck[]): SignatureStatus {
  if (checks.length === 0) return 'unsigned';
  return checks.every((c) => c.valid) ? 'verified' : 'invalid';
}

function contentSecurityPolicy(options: PublicationPageOptions): string {
  const styles = (options.stylesheets ?? []).length > 0 ? "style-src 'self' 'unsafe-inline'" : "style-src 'unsafe-inline'";
  const scripts = (options.scripts ?? []).length > 0 ? "; script-src 'self'; connect-src 'self'" : '';
  return `default-src 'none'; ${styles}${scripts}`;
}

function renderHeader(page: Page): string {
  const { exp, options, strings } = page;
  const parts = ['<header>', `<h1 dir="auto">${escapeHtml(exp.title)}</h1>`];
  // The dates in the reader's language, then in each language of the text, each written as that language writes dates.
  for (const dated of dateLanguages(exp, options.ui)) {
    const dates = [
      ...(exp.date ? [fillHtml(dated.frozenOn, { date: renderDate(exp.date, dated.lang) })] : []),
      ...(exp.publication ? [fillHtml(dated.publishedOn, { date: renderDate(exp.publication.publishedAt, dated.lang) })] : []),
    ];
    if (dates.length > 0) parts.push(`<p class="dates" lang="${dated.lang}">${dates.join(' · ')}</p>`);
  }
  if (options.supersededBy) {
    const link = renderLink(options.supersededBy.url, options.supersededBy.title);
    const id = escapeHtml(options.supersededBy.id);
    parts.push(
      `<p class="notice superseded" lang="${strings.lang}" data-superseded-by="${id}"><span aria-hidden="true">⚠ </span>${fillHtml(strings.supersededBy, { link })}</p>`,
    );
  }
  if (options.replaces) {
    const link = renderLink(options.replaces.url, options.replaces.title);
    parts.push(`<p class="notice replaces" lang="${strings.lang}">${fillHtml(strings.replaces, { link })}</p>`);
  }
  if (options.layoutLinks) parts.push(renderLayoutSwitch(page, options.layoutLinks));
  parts.push('</header>');
  return parts.join('\n');
}

/** The reader's language first, then the text's languages that have the page's wording, each once. */
function dateLanguages(exp: DeclarationExport, ui: PublicationUi): PublicationStrings[] {
  const langs = [ui, ...exp.languages.filter(hasPublicationStrings)];
  return [...new Set(langs)].map(resolvePublicationStrings);
}

function renderLayoutSwitch(page: Page, links: NonNullable<PublicationPageOptions['layoutLinks']>): string {
  const { strings, options } = page;
  const item = (url: string, label: string, current: boolean): string =>
    `<li><a href="${escapeUrl(url)}"${current ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a></li>`;
  return [
    `<nav aria-label="${escapeHtml(strings.layoutHeading)}"><ul class="layouts">`,
    item(links.sideBySide, strings.sideBySide, options.layout === 'side-by-side'),
    item(links.sequential, strings.sequential, options.layout === 'sequential'),
    '</ul></nav>',
  ].join('');
}

function renderText(page: Page): string {
  const { exp, options, strings } = page;
  const body = options.layout === 'side-by-side' ? renderSideBySide(exp) : renderSequential(exp);
  const statements = authenticityStatements(exp.languages).map(({ lang, text }) => renderParagraph(lang, text));
  return [
    // tabindex lets the skip link move keyboard focus, not only the scroll position.
    '<section id="text" aria-labelledby="text-heading" tabindex="-1">',
    `<h2 id="text-heading" class="sr-only">${escapeHtml(strings.textHeading)}</h2>`,
    body,
    `<div class="authenticity">${statements.join('')}</div>`,
    '</section>',
  ].join('\n');
}

function renderSideBySide(exp: DeclarationExport): string {
  const head = exp.languages.map((lang) => `<th scope="col" lang="${escapeHtml(lang)}">${escapeHtml(nativeLanguageName(lang))}</th>`);
  const rows = exp.rows.map((row, k) => {
    const cells = exp.languages.map((lang) => `<td lang="${escapeHtml(lang)}">${renderCell(row, lang)}</td>`);
    return `<tr id="row-${k + 1}">${cells.join('')}</tr>`;
  });
  return `<table class="side-by-side">\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

// Each language's whole text in turn, as the 12th Assises declaration was published.
function renderSequential(exp: DeclarationExport): string {
  return exp.languages
    .map((lang, i) => {
      const attr = escapeHtml(lang);
      const paragraphs = exp.rows.map((row) => renderCell(row, lang)).filter((cell) => cell !== '');
      return `<section class="language" lang="${attr}" aria-labelledby="text-${i + 1}">\n<h3 id="text-${i + 1}">${escapeHtml(nativeLanguageName(lang))}</h3>\n${paragraphs.join('\n')}\n</section>`;
    })
    .join('\n');
}

function renderCell(row: ExportRow, lang: string): string {
  return (row.text[lang] ?? []).map((text, i) => renderParagraph(lang, text, row.superscripts?.[lang]?.[i])).join('');
}

// Every block of the text says its own language, so screen readers, hyphenation and fonts follow it.
function renderParagraph(lang: string, text: string, superscripts?: readonly TextSpan[]): string {
  const html = raisedRuns(text, superscripts)
    .map((run) => (run.superscript ? `<sup>${escapeHtml(run.text)}</sup>` : escapeHtml(run.text)))
    .join('');
  return `<p lang="${escapeHtml(lang)}" dir="auto">${html}</p>`;
}

function renderFingerprint(page: Page): string {
  const { exp, options, strings } = page;
  const mismatch = options.report.fingerprintMatches
    ? ''
    : `\n<p class="mismatch" lang="${strings.lang}"><span aria-hidden="true">✗ </span>${escapeHtml(strings.fingerprintMismatch)}</p>`;
  return [
    '<section aria-labelledby="fingerprint-heading">',
    `<h2 id="fingerprint-heading">${escapeHtml(strings.fingerprintHeading)}</h2>`,
    `<p lang="${strings.lang}"><code id="fingerprint">${escapeHtml(exp.sha256)}</code></p>${mismatch}`,
    '</section>',
  ].join('\n');
}

function renderSignatures(page: Page): string {
  const { exp, options, strings } = page;
  const items = exp.languages.map((lang) =>
    renderSignatureItem(
      page,
      lang,
      options.report.signatures.filter((c) => c.lang === lang),
    ),
  );
  const parts = [
    '<section aria-labelledby="signatures-heading">',
    `<h2 id="signatures-heading">${escapeHtml(strings.signaturesHeading)}</h2>`,
    `<ul class="signatures">\n${items.join('\n')}\n</ul>`,
  ];
  // The verifier script replaces this text; it finds its other two wordings on the element itself.
  if ((options.scripts ?? []).length > 0) {
    parts.push(
      `<p id="browser-verification" role="status" aria-live="polite" lang="${strings.lang}" data-verified="${escapeHtml(strings.browserVerified)}" data-failed="${escapeHtml(strings.browserFailed)}">${escapeHtml(strings.browserChecking)}</p>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function renderSignatureItem(page: Page, lang: string, checks: readonly SignatureCheck[]): string {
  const { strings, options } = page;
  const status = signatureStatus(checks);
  const language = uiLanguageName(lang, options.ui);
  const heading = `<strong>${fillHtml(strings.languageText, { language: escapeHtml(language) })}</strong>`;
  const signatures = checks.map((check) => {
    const signed = fillHtml(strings.signedBy, {
      signer: `<span dir="auto">${escapeHtml(check.signer || strings.unnamedSigner)}</span>`,
      language: escapeHtml(language),
      date: renderDate(check.signedAt, options.ui),
    });
    const key = fillHtml(strings.key, { key: `<code>${escapeHtml(keyLabel(check.publicKey))}</code>` });
    // With several signatures for one text, each says whether it is the one that fails.
    const own = checks.length > 1 ? ` ${renderStatus(strings, check.valid ? 'verified' : 'invalid')}` : '';
    return `<br><span class="signature">${signed} · ${key}${own}</span>`;
  });
  return `<li data-lang="${escapeHtml(lang)}" data-status="${status}">${heading} ${renderStatus(strings, status)}${signatures.join('')}</li>`;
}

function renderStatus(strings: PublicationStrings, status: SignatureStatus): string {
  const label = { verified: strings.verified, invalid: strings.invalid, unsigned: strings.unsigned }[status];
  return `<span class="status"><span aria-hidden="true">${STATUS_SYMBOL[status]} </span>${escapeHtml(label)}</span>`;
}

function renderDownloads(page: Page): string {
  const { options, strings } = page;
  const downloads = options.downloads;
  if (!downloads) return '';
  const links: [string | undefined, string][] = [
    [downloads.pdf, strings.pdf],
    [downloads.docx, strings.docx],
    [downloads.json, strings.json],
    [downloads.xml, strings.xml],
    [downloads.html, strings.html],
  ];
  const items = links.flatMap(([url, label]) => (url ? [`<li><a href="${escapeUrl(url)}" download>${escapeHtml(label)}</a></li>`] : []));
  return [
    '<section class="downloads" aria-labelledby="downloads-heading">',
    `<h2 id="downloads-heading">${escapeHtml(strings.downloadsHeading)}</h2>`,
    `<ul>${items.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function renderLink(url: string, title: string): string {
  return `<a href="${escapeUrl(url)}" dir="auto">${escapeHtml(title)}</a>`;
}

/** Fills `{name}` placeholders of an escaped template with values that are already HTML. */
function fillHtml(template: string, html: Readonly<Record<string, string>>): string {
  return fillTemplate(escapeHtml(template), html);
}

function renderDate(iso: string, ui: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatDate(iso, ui))}</time>`;
}

/** A language's name in that language (`Français`, `Tiếng Việt`), for the heading of its text; the code if unknown. */
function nativeLanguageName(lang: string): string {
  const name = languageName(lang, lang);
  return name === lang ? lang : name.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase(lang));
}

/** A language's name in the interface language, as it reads mid-sentence (`français`, `tiếng Pháp`). */
function uiLanguageName(lang: string, ui: string): string {
  const name = languageName(lang, ui);
  // Vietnamese names begin with "Tiếng", capitalised alone but not inside a sentence.
  return ui === 'vi' ? name.replace(/^Tiếng /u, 'tiếng ') : name;
}

function languageName(lang: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
  } catch {
    // Not a well-formed language tag: show it as it is (escaped by the caller).
    return lang;
  }
}

// URLs come from the server, built from ids; anything with another scheme is a bug, not data to link to.
function escapeUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/iu.test(url) && !/^https?:/iu.test(url)) throw new Error(`refusing to link to ${JSON.stringify(url)}`);
  return escapeHtml(url);
}
