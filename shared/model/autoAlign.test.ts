import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { applyAlignmentChanges, computeAlignmentChanges, readAlignmentInput, updateAutomaticAlignment } from './autoAlign.js';
import { COUNTERPART_ATTRIBUTE } from './counterparts.js';
import { readAlignment, readRowStates, rowsFromAlignment, staleLanguages } from './alignment.js';
import { appendBlocks, readUnits } from './documentText.js';
import { ensureParagraphIds } from './paragraphIds.js';
import { confirmRow, mergeRows } from './rowActions.js';
import type { LanguageCode } from './ids.js';
import type { Row } from './rows.js';

const paragraphs = (file: string) =>
  readFileSync(new URL(`../../test/fixtures/assises-12/${file}`, import.meta.url), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const FR = paragraphs('final-declaration.fr.txt');
const VI = paragraphs('final-declaration.vi.txt');
const LANGS = ['fr', 'vi'] as LanguageCode[];

function declaration(texts: Record<string, string[]>): Y.Doc {
  const doc = new Y.Doc();
  for (const [lang, ps] of Object.entries(texts))
    appendBlocks(
      doc.getXmlFragment(`text:${lang}`),
      ps.map((text) => ({ text })),
    );
  ensureParagraphIds(
    doc,
    Object.keys(texts).map((l) => `text:${l}`),
    null,
  );
  return doc;
}

function rows(doc: Y.Doc, langs: readonly string[] = LANGS): Row[] {
  return rowsFromAlignment(
    readAlignment(doc),
    langs.map((lang) => ({ lang: lang as LanguageCode, pids: readUnits(doc.getXmlFragment(`text:${lang}`)).map((u) => u.pid) })),
  );
}

/** Rows as paragraph indices per language, to compare with the gold. */
function shape(doc: Y.Doc, langs: readonly string[] = LANGS): number[][][] {
  const index = new Map<string, number>();
  for (const lang of langs) readUnits(doc.getXmlFragment(`text:${lang}`)).forEach((u, i) => index.set(u.pid, i));
  return rows(doc, langs).map((r) => langs.map((l) => (r.cells[l] ?? []).map((p) => index.get(p)!)));
}

const paragraph = (doc: Y.Doc, lang: string, n: number) => doc.getXmlFragment(`text:${lang}`).get(n) as Y.XmlElement;

describe('automatic alignment in the document', () => {
  it('aligns the 12th Assises declaration row for row', () => {
    const doc = declaration({ fr: FR, vi: VI });
    expect(updateAutomaticAlignment(doc, LANGS, null)).toBe(17);
    expect(shape(doc)).toEqual(FR.map((_, i) => [[i], [i]]));
  });

  it('never re-wires rows when text is edited', () => {
    const doc = declaration({ fr: FR, vi: VI });
    updateAutomaticAlignment(doc, LANGS, null);
    const before = JSON.stringify([...readAlignment(doc)]);
    (paragraph(doc, 'fr', 4).get(0) as Y.XmlText).insert(10, ' (texte très largement réécrit, beaucoup plus long que la version vietnamienne)'.repeat(3));
    (paragraph(doc, 'vi', 9).get(0) as Y.XmlText).delete(0, 40);
    expect(updateAutomaticAlignment(doc, LANGS, null)).toBe(0);
    expect(JSON.stringify([...readAlignment(doc)])).toBe(before);
  });

  it('gives a new paragraph a row of its own until its counterpart arrives, then pairs them', () => {
    const doc = declaration({ fr: FR, vi: VI });
    updateAutomaticAlignment(doc, LANGS, null);
    const add = (lang: string, at: number, text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      doc.getXmlFragment(`text:${lang}`).insert(at, [p]);
      ensureParagraphIds(doc, ['text:fr', 'text:vi'], null);
    };
    add('fr', 6, 'Nous saluons la signature de douze nouveaux accords de coopération en 2023.');
    updateAutomaticAlignment(doc, LANGS, null);
    expect(shape(doc)[6]).toEqual([[6], []]);
    expect(shape(doc)[7]).toEqual([[7], [6]]);
    add('vi', 6, 'Chúng tôi hoan nghênh việc ký kết mười hai thỏa thuận hợp tác mới trong năm 2023.');
    updateAutomaticAlignment(doc, LANGS, null);
    expect(shape(doc)[6]).toEqual([[6], [6]]);
    expect(shape(doc)).toHaveLength(18);
  });

  it('keeps rows drawn by hand and confirmed rows as they are', () => {
    const doc = declaration({ fr: FR.slice(0, 6), vi: VI.slice(0, 6) });
    updateAutomaticAlignment(doc, LANGS, null);
    const [r1, r2] = [rows(doc)[1]!, rows(doc)[2]!];
    mergeRows(doc, r1, r2, null);
    expect(updateAutomaticAlignment(doc, LANGS, null)).toBe(0);
    expect(shape(doc)[1]).toEqual([
      [1, 2],
      [1, 2],
    ]);
    // Removing the alignment's automatic rows does not touch the hand-made one.
    for (const [key, row] of readAlignment(doc)) if (row.origin === 'auto') doc.getMap('alignment').delete(key);
    updateAutomaticAlignment(doc, LANGS, null);
    expect(shape(doc)).toHaveLength(5);
    expect(shape(doc)[1]).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('flags a confirmed row stale in both directions when either side changes', () => {
    const doc = declaration({ fr: FR.slice(0, 3), vi: VI.slice(0, 3) });
    updateAutomaticAlignment(doc, LANGS, null);
    const row = rows(doc)[2]!;
    const texts = () =>
      Object.fromEntries(LANGS.map((l) => [l, (row.cells[l] ?? []).map((p) => readUnits(doc.getXmlFragment(`text:${l}`)).find((u) => u.pid === p)!.text)]));
    confirmRow(doc, row, texts(), 'Secrétariat', null);
    expect(staleLanguages(readRowStates(doc).get(row.key), texts())).toEqual([]);
    (paragraph(doc, 'vi', 2).get(0) as Y.XmlText).insert(0, 'Sửa: ');
    expect(staleLanguages(readRowStates(doc).get(row.key), texts())).toEqual(['vi']);
  });

  it('composes rows for three languages around the first', () => {
    const doc = declaration({
      fr: ['DÉCLARATION FINALE', 'Fait à Hanoï, le 15 avril 2023', 'Les collectivités vietnamiennes et françaises'],
      vi: ['TUYÊN BỐ CHUNG', 'Làm tại Hà Nội, ngày 15 tháng 4 năm 2023', 'Các chính quyền địa phương của Việt Nam và Pháp'],
      en: ['FINAL DECLARATION', 'Done in Hanoi, 15 April 2023', 'The Vietnamese and French local authorities'],
    });
    const langs = ['fr', 'vi', 'en'] as LanguageCode[];
    updateAutomaticAlignment(doc, langs, null);
    expect(shape(doc, langs)).toEqual([0, 1, 2].map((i) => [[i], [i], [i]]));
  });
});

/** The alignment in three steps, its input and result each copied as a message to a worker thread would be. */
function alignInSteps(doc: Y.Doc, langs: readonly LanguageCode[]): number {
  const input = readAlignmentInput(doc, langs);
  return input ? applyAlignmentChanges(doc, structuredClone(computeAlignmentChanges(structuredClone(input))), null) : 0;
}

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const stored = (doc: Y.Doc) => Object.fromEntries([...readAlignment(doc)].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('automatic alignment computed apart from the document', () => {
  it('writes exactly the rows the one-step alignment writes, through edits, hints, merged and confirmed rows', () => {
    const doc = declaration({ fr: FR, vi: VI });
    const expectSameAsOneStep = (langs: readonly LanguageCode[] = LANGS) => {
      const twin = copyOf(doc);
      const changed = updateAutomaticAlignment(doc, langs, null);
      expect(alignInSteps(twin, langs)).toBe(changed);
      expect(stored(twin)).toEqual(stored(doc));
      return changed;
    };
    expect(expectSameAsOneStep()).toBe(17);
    const add = (lang: string, at: number, text: string, counterpartOf?: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      if (counterpartOf) p.setAttribute(COUNTERPART_ATTRIBUTE, counterpartOf);
      doc.getXmlFragment(`text:${lang}`).insert(at, [p]);
      ensureParagraphIds(doc, ['text:fr', 'text:vi', 'text:en'], null);
      return p.getAttribute('pid') as string;
    };
    // A new paragraph, then its counterpart typed in its slot.
    const added = add('fr', 6, 'Nous saluons la signature de douze nouveaux accords de coopération en 2023.');
    expect(expectSameAsOneStep()).toBeGreaterThan(0);
    add('vi', 6, 'Chúng tôi hoan nghênh việc ký kết mười hai thỏa thuận hợp tác mới trong năm 2023.', added);
    expect(expectSameAsOneStep()).toBeGreaterThan(0);
    // Rows merged by hand and confirmed, then paragraphs removed around them.
    const [r1, r2] = [rows(doc)[1]!, rows(doc)[2]!];
    mergeRows(doc, r1, r2, null);
    confirmRow(doc, rows(doc)[4]!, { fr: ['x'], vi: ['y'] }, 'Secrétariat', null);
    expectSameAsOneStep();
    doc.getXmlFragment('text:vi').delete(3, 2);
    doc.getXmlFragment('text:fr').delete(9, 1);
    expect(expectSameAsOneStep()).toBeGreaterThan(0);
    // A third language.
    const langs = ['fr', 'vi', 'en'] as LanguageCode[];
    for (const [i, text] of ['FINAL DECLARATION', 'Done in Hanoi, 15 April 2023'].entries()) add('en', i, text);
    expect(expectSameAsOneStep(langs)).toBeGreaterThan(0);
    expect(expectSameAsOneStep(langs)).toBe(0);
  });

  it('has nothing to compute with a single language', () => {
    expect(readAlignmentInput(declaration({ fr: FR }), ['fr'] as LanguageCode[])).toBeNull();
  });
});
