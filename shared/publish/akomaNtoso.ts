import type { TextSpan } from '../compare/canonical.js';
import { raisedRuns } from '../text/raisedRuns.js';
import type { DeclarationExport } from './declarationExport.js';

/**
 * The declaration as Akoma Ntoso 3.0 (OASIS LegalDocML), for legal-information systems: one
 * `documentCollection` whose components are the language expressions of one statement. Every
 * expression numbers its paragraphs `para_<row>`, so the same eId names the same row in every
 * language: that shared id is the alignment, in a form other tools understand.
 */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** Namespace of Accord's own metadata (fingerprint, signatures) inside `<proprietary>`. */
export const ACCORD_NAMESPACE = 'urn:accord:declaration:1';

/** ISO 639-3 codes of the languages a declaration is likely to use; others keep their own code. */
const ISO_639_3: Readonly<Record<string, string>> = {
  ar: 'ara',
  de: 'deu',
  en: 'eng',
  es: 'spa',
  fr: 'fra',
  id: 'ind',
  it: 'ita',
  ja: 'jpn',
  km: 'khm',
  ko: 'kor',
  lo: 'lao',
  ms: 'msa',
  nl: 'nld',
  pl: 'pol',
  pt: 'por',
  ru: 'rus',
  th: 'tha',
  vi: 'vie',
  zh: 'zho',
};

/** The ISO 639-3 code Akoma Ntoso wants for a BCP 47 tag (`fr-CA` → `fra`), or the tag itself. */
export function iso639_3(lang: string): string {
  return ISO_639_3[lang.split('-')[0]!.toLowerCase()] ?? lang;
}

/** Renders a declaration export as one Akoma Ntoso document (a string of XML 1.0). */
export function renderAkomaNtoso(exp: DeclarationExport): string {
  const work = `/akn/int/statement/${exp.date ?? 'draft'}/${encodeURIComponent(exp.id)}`;
  const collection = `/akn/int/documentCollection/${exp.date ?? 'draft'}/${encodeURIComponent(exp.id)}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<akomaNtoso xmlns="${AKN_NAMESPACE}" xmlns:accord="${ACCORD_NAMESPACE}">`,
    '  <documentCollection name="declaration">',
    ...indent(4, collectionMeta(exp, collection)),
    ...indent(4, preface(exp.title)),
    '    <collectionBody>',
    ...exp.languages.flatMap((lang) => indent(6, component(exp, lang, work))),
    '    </collectionBody>',
    '  </documentCollection>',
    '</akomaNtoso>',
  ];
  return lines.join('\n') + '\n';
}

function collectionMeta(exp: DeclarationExport, uri: string): string[] {
  const expression = `${uri}/mul@`;
  return [
    '<meta>',
    '  <identification source="#accord">',
    ...indent(4, frbr('FRBRWork', `${uri}/main`, uri, exp, [`<FRBRcountry value="int"/>`])),
    ...indent(4, frbr('FRBRExpression', `${expression}/main`, expression, exp, exp.languages.map(languageElement))),
    ...indent(4, frbr('FRBRManifestation', `${expression}/main.xml`, `${expression}.akn`, exp, [])),
    '  </identification>',
    ...indent(2, references()),
    '  <proprietary source="#accord">',
    `    <accord:fingerprint algorithm="sha256">${escapeXml(exp.sha256)}</accord:fingerprint>`,
    ...exp.signatures.map(
      (s) =>
        `    <accord:signature lang="${escapeXml(s.lang)}" signer="${escapeXml(s.signer)}" publicKey="${escapeXml(s.publicKey)}" signature="${escapeXml(s.signature)}" signedAt="${escapeXml(s.signedAt)}"/>`,
    ),
    '  </proprietary>',
    '</meta>',
  ];
}

function component(exp: DeclarationExport, lang: string, work: string): string[] {
  const expression = `${work}/${iso639_3(lang)}@`;
  return [
    `<component eId="cmp_${escapeXml(lang)}">`,
    `  <statement name="declaration" xml:lang="${escapeXml(lang)}">`,
    '    <meta>',
    '      <identification source="#accord">',
    ...indent(8, frbr('FRBRWork', `${work}/main`, work, exp, [`<FRBRcountry value="int"/>`])),
    ...indent(8, frbr('FRBRExpression', `${expression}/main`, expression, exp, [languageElement(lang)])),
    ...indent(8, frbr('FRBRManifestation', `${expression}/main.xml`, `${expression}.akn`, exp, [])),
    '      </identification>',
    ...indent(6, references()),
    '      <proprietary source="#accord">',
    `        <accord:fingerprint algorithm="sha256">${escapeXml(exp.sha256)}</accord:fingerprint>`,
    '      </proprietary>',
    '    </meta>',
    ...indent(4, preface(exp.title)),
    '    <mainBody>',
    ...exp.rows.flatMap((row, k) => indent(6, paragraph(k + 1, row.text[lang] ?? [], row.superscripts?.[lang]))),
    '    </mainBody>',
    '  </statement>',
    '</component>',
  ];
}

function frbr(element: string, self: string, uri: string, exp: DeclarationExport, extra: string[]): string[] {
  // A draft has no freeze date; the schema still wants one, so it carries the epoch, named "draft".
  const date = exp.date === null ? '<FRBRdate date="1970-01-01" name="draft"/>' : `<FRBRdate date="${escapeXml(exp.date)}" name="freeze"/>`;
  return [
    `<${element}>`,
    `  <FRBRthis value="${escapeXml(self)}"/>`,
    `  <FRBRuri value="${escapeXml(uri)}"/>`,
    `  ${date}`,
    '  <FRBRauthor href="#accord"/>',
    ...extra.map((line) => `  ${line}`),
    `</${element}>`,
  ];
}

function languageElement(lang: string): string {
  return `<FRBRlanguage language="${escapeXml(iso639_3(lang))}"/>`;
}

function references(): string[] {
  return ['<references source="#accord">', '  <TLCOrganization eId="accord" href="/ontology/organization/accord" showAs="Accord"/>', '</references>'];
}

function preface(title: string): string[] {
  return ['<preface>', `  <p class="title"><docTitle>${escapeXml(title)}</docTitle></p>`, '</preface>'];
}

function paragraph(number: number, paragraphs: readonly string[], superscripts?: readonly (readonly TextSpan[])[]): string[] {
  const body = paragraphs.length === 0 ? ['    <p/>'] : paragraphs.map((p, i) => `    <p>${inlineXml(p, superscripts?.[i])}</p>`);
  return [`<paragraph eId="para_${number}">`, '  <content>', ...body, '  </content>', '</paragraph>'];
}

/** A paragraph's text with its superscripts as Akoma Ntoso's inline <sup>. */
function inlineXml(text: string, superscripts: readonly TextSpan[] | undefined): string {
  return raisedRuns(text, superscripts)
    .map((run) => (run.superscript ? `<sup>${escapeXml(run.text)}</sup>` : escapeXml(run.text)))
    .join('');
}

function indent(spaces: number, lines: string[]): string[] {
  const pad = ' '.repeat(spaces);
  return lines.map((line) => pad + line);
}

// XML 1.0 allows tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF; with the `u`
// flag a lone surrogate is its own code point, outside every range, so it goes too.
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops the characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF). */
export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Text safe in XML content and in attribute values of either quote. */
export function escapeXml(text: string): string {
  return stripXmlIllegal(text).replace(/[&<>"']/gu, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
