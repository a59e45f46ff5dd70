import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fingerprint, partDigests } from '../../../shared/publish/canonicalForm.js';
import { EXPORT_FORMAT, type DeclarationExport, type ExportRow, type SignatureRecord } from '../../../shared/publish/declarationExport.js';
import { signedMessage, toBase64Url } from '../../../shared/publish/signature.js';

/** The Japanese article of the sample (its only Japanese text). */
export const SAMPLE_JAPANESE = '第5条　ハノイ市とトゥールーズ市は協力を強化する。';

/** French typography the renderers must keep: NBSP inside « », NNBSP before ; and !. */
export const SAMPLE_TYPOGRAPHY = {
  fr: 'Article 6. Les parties retiennent le thème «\u00A0Coopération décentralisée\u00A0», moteur de la reprise\u202F; elles s’y engagent\u202F!',
  vi: 'Điều 6. Các bên thống nhất chủ đề «\u00A0Hợp tác địa phương\u00A0», động lực cho phục hồi; các bên cam kết thực hiện!',
  ja: '第6条　両当事者は「分権型協力」をテーマとする。',
} as const;

/** Text that must only ever come out as text: markup, an attribute break-out, a script URL. */
export const HOSTILE_TEXT = ['<script>alert(1)</script>', '" onmouseover="x', 'javascript:alert(1)'] as const;

/** Characters XML 1.0 forbids, which renderers must drop: a bell, an escape, a lone surrogate, U+FFFE. */
export const ILLEGAL_XML_CHARACTERS = '\u0007\u001B\uD800\uFFFE';

export interface SampleExportOptions {
  /** Add a Japanese column, empty except for one article (default true). */
  readonly japanese?: boolean;
  /** Add a row of hostile text in every language (default true). */
  readonly hostile?: boolean;
  /** Put XML-illegal characters into the hostile row (default false: a real export is NFC text). */
  readonly illegalCharacters?: boolean;
  /** Repeat the Assises rows until the export has at least this many rows. */
  readonly rows?: number;
  /** Rows appended at the end, per language. */
  readonly extraRows?: readonly Readonly<Record<string, readonly string[]>>[];
  /** Languages whose delegation has signed (default: the first language). */
  readonly signedLanguages?: readonly string[];
  /** Freeze date (default 2023-04-16). */
  readonly date?: string | null;
}

/**
 * A frozen export of the 12th Assises final declaration (French and Vietnamese, paired by
 * paragraph as the gold alignment does), with a real fingerprint and real Ed25519 signatures.
 */
export function sampleExport(options: SampleExportOptions = {}): DeclarationExport {
  const japanese = options.japanese ?? true;
  const languages = japanese ? ['fr', 'vi', 'ja'] : ['fr', 'vi'];
  const texts = assisesRows(options.rows ?? 0);
  texts.push(pick(SAMPLE_TYPOGRAPHY, languages));
  if (japanese)
    texts.push({
      fr: ['Article 5. Hanoï et Toulouse renforcent leur coopération.'],
      vi: ['Điều 5. Hà Nội và Toulouse tăng cường hợp tác.'],
      ja: [SAMPLE_JAPANESE],
    });
  if (options.hostile ?? true) {
    const hostile = HOSTILE_TEXT.join(' ') + (options.illegalCharacters ? ` ${ILLEGAL_XML_CHARACTERS} & 'quotes'` : " & 'quotes'");
    texts.push(Object.fromEntries(languages.map((lang) => [lang, [hostile]])));
  }
  texts.push(...(options.extraRows ?? []));
  const rows: ExportRow[] = texts.map((text, k) => ({
    id: `row-${k + 1}`,
    status: 'agreed',
    stale: false,
    text: Object.fromEntries(languages.map((lang) => [lang, text[lang] ?? []])),
  }));
  const content = {
    title: 'Déclaration finale — 12es Assises de la coopération décentralisée franco-vietnamienne',
    languages,
    date: options.date === undefined ? '2023-04-16' : options.date,
    rows,
  };
  const id = 'decl-assises-12';
  const sha = fingerprint(content);
  return {
    format: EXPORT_FORMAT,
    id,
    ...content,
    version: 7,
    frozen: content.date !== null,
    sha256: sha,
    digests: partDigests(content),
    signatures: (options.signedLanguages ?? languages.slice(0, 1)).map((lang) => sign(id, lang, sha)),
    publication: { publishedAt: '2023-04-17T08:00:00Z', replaces: null },
  };
}

function assisesRows(atLeast: number): Record<string, readonly string[]>[] {
  const fr = paragraphsOf('final-declaration.fr.txt');
  const vi = paragraphsOf('final-declaration.vi.txt');
  const links = (JSON.parse(readFixture('final-declaration.gold.json')) as { links: { source: number[]; target: number[] }[] }).links;
  const once = links.map((link) => ({ fr: link.source.map((i) => fr[i]!), vi: link.target.map((i) => vi[i]!) }));
  const rows = [...once];
  while (rows.length < atLeast) rows.push(...once);
  return rows;
}

function sign(id: string, lang: string, sha: string): SignatureRecord {
  // A key derived from the language, so the sample is the same on every run.
  const secret = sha256(utf8ToBytes(`accord-sample-signatory/${lang}`));
  return {
    lang,
    signer: SIGNERS[lang] ?? `Signatory (${lang})`,
    publicKey: toBase64Url(ed25519.getPublicKey(secret)),
    signature: toBase64Url(ed25519.sign(signedMessage(id, lang, sha), secret)),
    signedAt: '2023-04-16T10:30:00Z',
  };
}

const SIGNERS: Readonly<Record<string, string>> = { fr: 'Cités Unies France', vi: 'Ủy ban nhân dân thành phố Hà Nội', ja: '東京都' };

function pick(texts: Readonly<Record<string, string>>, languages: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(languages.map((lang) => [lang, texts[lang] === undefined ? [] : [texts[lang]!]]));
}

function paragraphsOf(name: string): string[] {
  return readFixture(name)
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter(Boolean);
}

function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../test/fixtures/assises-12/${name}`, import.meta.url)), 'utf8');
}
