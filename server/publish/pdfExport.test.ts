import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticityStatements } from '../../shared/publish/authenticity.js';
import type { DeclarationExport } from '../../shared/publish/declarationExport.js';
import { keyLabel } from '../../shared/publish/signature.js';
import { renderDeclarationPdf } from './pdfExport.js';
import { HOSTILE_TEXT, SAMPLE_JAPANESE, SAMPLE_TYPOGRAPHY, sampleExport } from './testing/sampleExport.js';

// A row far taller than a page: forty numbered paragraphs in French, one line in Vietnamese.
const TALL_ROW = {
  fr: Array.from(
    { length: 40 },
    (_, k) => `Alinéa ${k + 1}. Les collectivités réaffirment leur engagement en faveur d’une coopération décentralisée durable, inclusive et solidaire.`,
  ),
  vi: ['Điều khoản dài.'],
};
const FOOTER = /^SHA-256 [0-9a-f]{16}… · \d+ \/ \d+$/u;

let dir: string;
let exp: DeclarationExport;
let bytes: Uint8Array;
let file: string;
/** `pdftotext -raw` of each page: text in drawing order, so each table cell comes out whole. */
let pages: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-pdf-'));
  exp = sampleExport({ extraRows: [TALL_ROW] });
  bytes = await renderDeclarationPdf(exp);
  file = join(dir, 'declaration.pdf');
  writeFileSync(file, bytes);
  const count = Number(/Pages:\s+(\d+)/u.exec(run('pdfinfo', [file]))![1]);
  pages = Array.from({ length: count }, (_, i) => run('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), file, '-']));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

/** Without any whitespace: pdftotext breaks lines inside columns (also after a hyphen) and turns NBSP into spaces. */
function squash(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** Whitespace runs (NBSP and line breaks included) as one space. */
function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function withoutFooters(text: string): string {
  return text
    .split('\n')
    .filter((line) => !FOOTER.test(line.trim()))
    .join('\n');
}

describe('renderDeclarationPdf', () => {
  it('keeps every French and Vietnamese paragraph whole, each row on one page', () => {
    const squashedPages = pages.map(squash);
    const paragraphs = exp.rows.slice(0, 17).flatMap((row) => [...row.text.fr!, ...row.text.vi!]);
    expect(paragraphs).toHaveLength(34);
    const missing = paragraphs.filter((p) => !squashedPages.some((page) => page.includes(squash(p))));
    expect(missing).toEqual([]);
    expect(pages.join('')).toContain('Tiếng Việt');
  });

  it('extracts French and Vietnamese typography intact: diacritics, « » held to their words', () => {
    const text = pages.join('\n');
    expect(collapse(text)).toContain(collapse(SAMPLE_TYPOGRAPHY.fr));
    expect(collapse(text)).toContain(collapse(SAMPLE_TYPOGRAPHY.vi));
    // No-break spaces: never a line break between the guillemets and their words.
    expect(text).toMatch(/«[ \u00A0]Coopération/u);
    expect(text).toMatch(/décentralisée[ \u00A0]»/u);
    expect(text).toMatch(/engagent[ \u00A0\u202F]!/u);
    expect(text).toMatch(/«[ \u00A0]Hợp tác/u);
  });

  it('extracts the Japanese text, the language names and the equal-authenticity statements', () => {
    const text = squash(pages.join(''));
    expect(text).toContain(squash(SAMPLE_JAPANESE));
    for (const name of ['Français', 'TiếngViệt', '日本語']) expect(text).toContain(name);
    const statements = authenticityStatements(exp.languages);
    expect(statements.map((s) => s.lang)).toEqual(['fr', 'vi', 'ja']);
    for (const { text: statement } of statements) expect(text).toContain(squash(statement));
  });

  it('prints the fingerprint and each language’s signature or its absence, in that language, dated as it writes dates', () => {
    const text = pages.join('\n');
    const flat = collapse(text);
    expect(text).toContain(exp.sha256);
    const fr = exp.signatures[0]!;
    expect(flat).toContain(`Français: Signé par ${fr.signer} pour le texte français le 16 avril 2023 — Clé : ${keyLabel(fr.publicKey)}`);
    expect(flat).toContain('Tiếng Việt: chưa ký');
    // No wording in Japanese yet: English stands in.
    expect(flat).toContain('日本語: not yet signed');
    expect(flat).toContain('Empreinte (SHA-256) · Mã băm (SHA-256) · Fingerprint (SHA-256)');
    expect(flat).toContain('Signatures · Chữ ký');
    // Every page carries the fingerprint and its number.
    pages.forEach((page, i) => expect(page).toContain(`SHA-256 ${exp.sha256.slice(0, 16)}… · ${i + 1} / ${pages.length}`));
  });

  it('dates the text in each of its languages, and shows no timestamp anywhere', () => {
    const flat = collapse(pages.join('\n'));
    expect(flat).toContain('Texte arrêté le 16 avril 2023 · Publié le 17 avril 2023');
    expect(flat).toContain('Văn bản được chốt ngày 16 tháng 4 năm 2023 · Công bố ngày 17 tháng 4 năm 2023');
    expect(flat).toContain('Frozen on April 16, 2023 · Published on April 17, 2023');
    expect(flat).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
  });

  it('flows a row taller than a page across pages, full width, losing nothing', () => {
    const pageOf = (paragraph: string): number => pages.findIndex((page) => squash(page).includes(squash(paragraph)));
    expect(pageOf(TALL_ROW.fr[0]!)).toBeGreaterThanOrEqual(0);
    expect(pageOf(TALL_ROW.fr.at(-1)!)).toBeGreaterThan(pageOf(TALL_ROW.fr[0]!));
    const text = squash(withoutFooters(pages.join('\n')));
    expect(text).toContain(squash(TALL_ROW.fr.join('')));
    expect(text).toContain(squash(`Tiếng Việt ${TALL_ROW.vi[0]}`));
  });

  it('draws hostile text as text: no links, actions or scripts', () => {
    expect(squash(pages.join(''))).toContain(squash(HOSTILE_TEXT.join(' ')));
    const raw = Buffer.from(bytes).toString('latin1');
    for (const marker of ['/Annots', '/URI', '/JavaScript', '/JS', '/OpenAction', '/Launch']) expect(raw).not.toContain(marker);
  });

  it('skips control characters and lone surrogates instead of failing', async () => {
    const pdf = await renderDeclarationPdf(sampleExport({ illegalCharacters: true }));
    const path = join(dir, 'controls.pdf');
    writeFileSync(path, pdf);
    const text = run('pdftotext', ['-raw', path, '-']);
    expect(squash(text)).toContain(squash(`${HOSTILE_TEXT.join(' ')} & 'quotes'`));
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F]/u);
  });

  it('embeds only a subset of Noto Sans JP, regular and bold', () => {
    const fonts = run('pdffonts', [file])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(fonts).toHaveLength(2);
    expect(fonts.map((line) => line.split(/\s+/u)[0]!.replace(/^[A-Z]{6}\+/u, '')).sort()).toEqual(['NotoSansJP-Bold', 'NotoSansJP-Regular']);
    // Columns: emb, sub, uni.
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\s+\d+\s+\d+\s*$/u);
    expect(bytes.length).toBeLessThan(300_000); // the regular face alone is 5 MB
  });

  it('tags each paragraph with its language and sets title, language and creation date', () => {
    const info = run('pdfinfo', ['-isodates', file]);
    expect(info).toContain(`Title:           ${exp.title}`);
    expect(info).toContain('CreationDate:    2023-04-16T00:00:00Z');
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/u);
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toContain('/Lang (fr)');
    const content = contentStreams(bytes).join('\n');
    for (const lang of ['fr', 'vi', 'ja']) expect(content).toMatch(new RegExp(`/Span <<\\s*/Lang \\(${lang}\\)\\s*>> BDC`, 'u'));
  });

  it('gives the same bytes for the same export, and other bytes for another', async () => {
    const again = await renderDeclarationPdf(exp);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const other = await renderDeclarationPdf(sampleExport({ extraRows: [TALL_ROW], date: '2023-04-17' }));
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
    expect(trailerId(other)).not.toBe(trailerId(bytes));
  });

  it('renders a 300-row declaration', async () => {
    const big = sampleExport({ rows: 300 });
    const started = performance.now();
    const pdf = await renderDeclarationPdf(big);
    const ms = performance.now() - started;
    console.log(`300-row PDF: ${big.rows.length} rows, ${pdf.length} bytes, ${ms.toFixed(0)} ms`);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});

/** The inflated streams of a PDF (page contents among them). */
function contentStreams(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf);
  const streams: string[] = [];
  let at = 0;
  for (;;) {
    const start = raw.indexOf('stream\n', at);
    if (start < 0) return streams;
    const end = raw.indexOf('\nendstream', start);
    try {
      streams.push(inflateSync(raw.subarray(start + 7, end)).toString('latin1'));
    } catch {
      // not deflated
    }
    at = end + 10;
  }
}

function trailerId(pdf: Uint8Array): string {
  return /\/ID \[<([0-9a-f]+)>/u.exec(Buffer.from(pdf).toString('latin1'))![1]!;
}

describe('renderDeclarationPdf with superscripts', () => {
  it('draws 12es and XXIe with a smaller, raised "es" and "e", lines spaced as without them', async () => {
    const sample = sampleExport({ japanese: false, hostile: false });
    const text = 'Les 12es Assises de la coopération décentralisée, au XXIe siècle, réunies à Hanoï, affirment leur engagement commun.';
    const row = {
      id: 'row-sup',
      status: 'agreed',
      stale: false,
      text: { fr: [text], vi: ['Hội nghị lần thứ 12.'] },
      superscripts: {
        fr: [
          [
            { from: 6, to: 8 },
            { from: 56, to: 57 },
          ],
        ],
        vi: [[]],
      },
    };
    const pdf = join(dir, 'superscripts.pdf');
    writeFileSync(pdf, await renderDeclarationPdf({ ...sample, rows: [row] }));
    expect(squash(run('pdftotext', ['-raw', pdf, '-']))).toContain(squash(text));
    const words = [...run('pdftotext', ['-bbox', pdf, '-']).matchAll(/<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">([^<]*)<\/word>/gu)].map(
      (m) => ({
        top: Number(m[1]),
        bottom: Number(m[2]),
        text: m[3]!,
      }),
    );
    const word = (w: string) => words.find((candidate) => candidate.text === w)!;
    // Same top as the line, a shorter box: smaller and raised.
    expect(word('es').top).toBeCloseTo(word('12').top, 1);
    expect(word('es').bottom).toBeLessThan(word('12').bottom - 3);
    expect(word('e').bottom).toBeLessThan(word('XXI').bottom - 3);
    // The line after a superscript starts as far below as any other line.
    const lineTops = [...new Set(words.filter((w) => ['Les', 'XXI', 'engagement'].includes(w.text) || w.text.startsWith('réunies')).map((w) => w.top))];
    const steps = lineTops.slice(1).map((top, i) => top - lineTops[i]!);
    expect(steps.every((step) => Math.abs(step - steps[0]!) < 0.01)).toBe(true);
  });
});
