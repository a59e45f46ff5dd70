import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ALIGNMENT_MAP, ROW_STATE_MAP, readRowStates, type RowStatus, type StoredRow } from '../model/alignment.js';
import { plainText } from '../model/documentText.js';
import type { LanguageCode } from '../model/ids.js';
import {
  applyBracketStatuses,
  blockDelta,
  bracketedPids,
  countOpenBrackets,
  normalizeBracketAttrs,
  readBrackets,
  renderBracketsAsText,
  bracketAlternativesSuffix,
  rowStatusWithBrackets,
} from './brackets.js';

const LANGS = ['fr', 'vi'] as LanguageCode[];

type Run = string | [text: string, attributes: Record<string, unknown>];

const br = (id: string, options: string[] = []) => ({ bracket: { id, options } });

/** Appends a paragraph with the given pid whose text is written run by run, with formatting. */
function paragraph(doc: Y.Doc, lang: string, pid: string, runs: Run[]): Y.XmlElement {
  const el = new Y.XmlElement('paragraph');
  el.setAttribute('pid', pid);
  const fragment = doc.getXmlFragment(`text:${lang}`);
  fragment.insert(fragment.length, [el]);
  const text = new Y.XmlText();
  el.insert(0, [text]);
  for (const run of runs) {
    if (typeof run === 'string') text.insert(text.length, run, {});
    else text.insert(text.length, run[0], run[1]);
  }
  return el;
}

function textOf(el: Y.XmlElement): Y.XmlText {
  return el.get(0) as Y.XmlText;
}

function align(doc: Y.Doc, key: string, cells: Record<string, string[]>): void {
  doc.getMap(ALIGNMENT_MAP).set(key, { cells, origin: 'auto', score: 1, evidence: [] } satisfies StoredRow);
}

function statusOf(doc: Y.Doc, key: string): RowStatus | undefined {
  return readRowStates(doc).get(key)?.status;
}

describe('reading brackets from the Yjs text', () => {
  it('finds each bracket with its language, paragraph, text and options', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'p-a-1', ['Les États ', ['réaffirment', br('b1', ['réaffirment', 'rappellent'])], ' leur engagement.']);
    paragraph(doc, 'vi', 'p-b-1', ['Các quốc gia ', ['tái khẳng định', br('b2')], ' cam kết.']);
    expect(readBrackets(doc, LANGS)).toEqual([
      { id: 'b1', lang: 'fr', pid: 'p-a-1', text: 'réaffirment', options: ['réaffirment', 'rappellent'] },
      { id: 'b2', lang: 'vi', pid: 'p-b-1', text: 'tái khẳng định', options: [] },
    ]);
  });

  it('reads a bracket split into several runs by other formatting as one bracket', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'p-a-1', [
      'Avant ',
      ['un ', br('b1', ['deux'])],
      ['texte gras', { ...br('b1', ['deux']), bold: {} }],
      [' fin', br('b1', ['deux'])],
      ' après.',
    ]);
    expect(textOf(doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).toDelta().length).toBeGreaterThan(3);
    expect(readBrackets(doc, LANGS)).toEqual([{ id: 'b1', lang: 'fr', pid: 'p-a-1', text: 'un texte gras fin', options: ['deux'] }]);
    expect(countOpenBrackets(doc, LANGS)).toEqual({ fr: 1, vi: 0 });
  });

  it('tells apart two adjacent brackets with different ids', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'p-a-1', [
      ['un', br('b1')],
      ['deux', br('b2')],
    ]);
    expect(readBrackets(doc, LANGS).map((b) => [b.id, b.text])).toEqual([
      ['b1', 'un'],
      ['b2', 'deux'],
    ]);
  });

  it('recognises a bracket that formatting applied afterwards to existing text', () => {
    const doc = new Y.Doc();
    const el = paragraph(doc, 'fr', 'p-a-1', ['Les États réaffirment leur engagement.']);
    textOf(el).format(10, 11, br('b1'));
    expect(readBrackets(doc, LANGS).map((b) => b.text)).toEqual(['réaffirment']);
  });

  it('counts open brackets per language, a bracket across two paragraphs once', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'p-a-1', [['Un', br('b1')], ' et ', ['deux', br('b2')]]);
    paragraph(doc, 'fr', 'p-a-2', [['suite', br('b2')], ' fin.']);
    paragraph(doc, 'vi', 'p-b-1', ['Không có ngoặc.']);
    expect(countOpenBrackets(doc, LANGS)).toEqual({ fr: 2, vi: 0 });
    expect(
      readBrackets(doc, LANGS)
        .filter((b) => b.id === 'b2')
        .map((b) => b.pid),
    ).toEqual(['p-a-1', 'p-a-2']);
  });

  it('lists the paragraphs holding an open bracket, in every language', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'p-a-1', [['Un', br('b1')]]);
    paragraph(doc, 'fr', 'p-a-2', ['Deux']);
    paragraph(doc, 'vi', 'p-b-1', ['Một']);
    paragraph(doc, 'vi', 'p-b-2', [['Hai', br('b2')]]);
    expect(bracketedPids(doc, LANGS)).toEqual(new Set(['p-a-1', 'p-b-2']));
  });

  it('forgets a bracket once its formatting is removed (lifted)', () => {
    const doc = new Y.Doc();
    const el = paragraph(doc, 'fr', 'p-a-1', ['A ', ['B', br('b1')], ' C']);
    textOf(el).format(2, 1, { bracket: null });
    expect(readBrackets(doc, LANGS)).toEqual([]);
    expect(countOpenBrackets(doc, LANGS)).toEqual({ fr: 0, vi: 0 });
  });

  it('ignores a bracket value without an id, and reads one stored under a hashed mark name', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'p-a-1', [['sans id', { bracket: { options: ['x'] } }], ' ', ['haché', { 'bracket--AbCd1234': { id: 'h1', options: [] } }]]);
    expect(readBrackets(doc, LANGS).map((b) => [b.id, b.text])).toEqual([['h1', 'haché']]);
  });

  it('skips blocks without a valid pid, like the alignment does', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'fr', 'not-a-pid', [['Un', br('b1')]]);
    expect(readBrackets(doc, LANGS)).toEqual([]);
  });

  it('keeps a bracket whole across a hard break, which Yjs stores without marks', () => {
    const doc = new Y.Doc();
    const el = new Y.XmlElement('paragraph');
    el.setAttribute('pid', 'p-a-1');
    doc.getXmlFragment('text:fr').insert(0, [el]);
    const first = new Y.XmlText();
    const second = new Y.XmlText();
    el.insert(0, [first, new Y.XmlElement('hardBreak'), second]);
    first.insert(0, 'avant ', {});
    first.insert(6, 'ligne un', br('b1', ['autre']));
    second.insert(0, 'ligne deux', br('b1', ['autre']));
    second.insert(10, ' après', {}); // without `{}` Yjs would extend the formatting on the left
    expect(readBrackets(doc, LANGS).map((b) => b.text)).toEqual(['ligne un\nligne deux']);
    expect(renderBracketsAsText(blockDelta(el))).toBe('avant [ligne un\nligne deux / autre] après');
  });

  it('reads the paragraphs of a list item as one unit, separated by a space', () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement('bulletList');
    doc.getXmlFragment('text:fr').insert(0, [list]);
    const item = new Y.XmlElement('listItem');
    item.setAttribute('pid', 'p-a-1');
    list.insert(0, [item]);
    const [p1, p2] = [new Y.XmlElement('paragraph'), new Y.XmlElement('paragraph')];
    item.insert(0, [p1, p2]);
    const [t1, t2] = [new Y.XmlText(), new Y.XmlText()];
    p1.insert(0, [t1]);
    p2.insert(0, [t2]);
    t1.insert(0, 'un', br('b1'));
    t2.insert(0, 'deux', br('b1'));
    expect(readBrackets(doc, LANGS)).toEqual([{ id: 'b1', lang: 'fr', pid: 'p-a-1', text: 'un deux', options: [] }]);
    expect(renderBracketsAsText(blockDelta(item))).toBe('[un deux]');
  });
});

describe('the status rule of bracketed rows', () => {
  const table: [RowStatus, boolean, RowStatus][] = [
    ['draft', true, 'bracketed'],
    ['bracketed', true, 'bracketed'],
    ['agreed-ad-referendum', true, 'bracketed'],
    ['agreed', true, 'bracketed'],
    ['draft', false, 'draft'],
    ['bracketed', false, 'draft'],
    ['agreed-ad-referendum', false, 'agreed-ad-referendum'],
    ['agreed', false, 'agreed'],
  ];
  it.each(table)('a %s row with bracket=%s becomes %s', (current, hasBracket, expected) => {
    expect(rowStatusWithBrackets(current, hasBracket)).toBe(expected);
  });
});

describe('applying bracket statuses to rows', () => {
  function declaration() {
    const doc = new Y.Doc();
    const fr1 = paragraph(doc, 'fr', 'p-a-1', ['Les États réaffirment leur engagement.']);
    paragraph(doc, 'fr', 'p-a-2', ['Deuxième paragraphe.']);
    paragraph(doc, 'vi', 'p-b-1', ['Các quốc gia tái khẳng định cam kết.']);
    const vi2 = paragraph(doc, 'vi', 'p-b-2', ['Đoạn thứ hai.']);
    align(doc, 'r1', { fr: ['p-a-1'], vi: ['p-b-1'] });
    align(doc, 'r2', { fr: ['p-a-2'], vi: ['p-b-2'] });
    return { doc, fr1, vi2 };
  }

  it('marks a row bracketed when one of its languages has a bracket, then draft when it is lifted', () => {
    const { doc, fr1 } = declaration();
    textOf(fr1).format(10, 11, br('b1', ['rappellent']));
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(1);
    expect(statusOf(doc, 'r1')).toBe('bracketed');
    expect(statusOf(doc, 'r2')).toBeUndefined();
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(0);

    textOf(fr1).format(10, 11, { bracket: null });
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(1);
    expect(statusOf(doc, 'r1')).toBe('draft');
  });

  it('keeps a row bracketed while another bracket remains in it', () => {
    const { doc, fr1 } = declaration();
    textOf(fr1).format(0, 3, br('b1'));
    textOf(fr1).format(10, 11, br('b2'));
    applyBracketStatuses(doc, LANGS, null);
    textOf(fr1).format(0, 3, { bracket: null });
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(0);
    expect(statusOf(doc, 'r1')).toBe('bracketed');
  });

  it('never touches an agreed row without brackets', () => {
    const { doc } = declaration();
    const confirmed = { fingerprints: { fr: 'x', vi: 'y' }, by: 'Secrétariat', at: 5 };
    doc.getMap(ROW_STATE_MAP).set('r2', { status: 'agreed', confirmed });
    const before = Y.encodeStateVector(doc);
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(doc.getMap(ROW_STATE_MAP).get('r2')).toEqual({ status: 'agreed', confirmed });
  });

  it('brackets an agreed row that gets a bracket, keeping its other fields', () => {
    const { doc, vi2 } = declaration();
    const confirmed = { fingerprints: { fr: 'x', vi: 'y' }, by: 'Secrétariat', at: 5 };
    doc.getMap(ROW_STATE_MAP).set('r2', { status: 'agreed', confirmed, note: 'kept' });
    textOf(vi2).format(0, 4, br('b1'));
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(1);
    expect(doc.getMap(ROW_STATE_MAP).get('r2')).toEqual({ status: 'bracketed', confirmed, note: 'kept' });
  });

  it('writes all changed rows in one transaction with the given origin', () => {
    const { doc, fr1, vi2 } = declaration();
    textOf(fr1).format(0, 3, br('b1'));
    textOf(vi2).format(0, 4, br('b2'));
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const ORIGIN = Symbol('brackets');
    expect(applyBracketStatuses(doc, LANGS, ORIGIN)).toBe(2);
    expect(origins).toEqual([ORIGIN]);
    expect([statusOf(doc, 'r1'), statusOf(doc, 'r2')]).toEqual(['bracketed', 'bracketed']);
  });

  it('uses the row key of a paragraph not aligned yet', () => {
    const { doc } = declaration();
    paragraph(doc, 'vi', 'p-b-3', [['Mới', br('b9')]]);
    expect(applyBracketStatuses(doc, LANGS, null)).toBe(1);
    expect(statusOf(doc, 'u:p-b-3')).toBe('bracketed');
  });

  it('gives the same result on two replicas that exchanged their edits', () => {
    const { doc: a, fr1 } = declaration();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    textOf(fr1).format(0, 3, br('b1'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyBracketStatuses(a, LANGS, null);
    applyBracketStatuses(b, LANGS, null);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readRowStates(a)).toEqual(readRowStates(b));
    expect(statusOf(a, 'r1')).toBe('bracketed');
  });
});

describe('rendering brackets as text for exports', () => {
  it('shows a plain bracket between square brackets', () => {
    expect(renderBracketsAsText([{ insert: 'Les États ' }, { insert: 'réaffirment', attributes: br('b1') }, { insert: ' tout.' }])).toBe(
      'Les États [réaffirment] tout.',
    );
  });

  it('lists the options that differ from the text, separated by slashes', () => {
    const delta = [{ insert: 'Ils ' }, { insert: 'réaffirment', attributes: br('b1', ['réaffirment', 'rappellent', 'notent']) }, { insert: '.' }];
    expect(renderBracketsAsText(delta)).toBe('Ils [réaffirment / rappellent / notent].');
  });

  it('renders one pair of brackets for a bracket split by other formatting', () => {
    const delta = [
      { insert: 'un ', attributes: br('b1', ['x']) },
      { insert: 'gras', attributes: { ...br('b1', ['x']), bold: {} } },
      { insert: ' puis', attributes: br('b2') },
    ];
    expect(renderBracketsAsText(delta)).toBe('[un gras / x][ puis]');
  });

  it('puts the options after the last piece of a bracket that other text interrupts', () => {
    const delta = [{ insert: 'a', attributes: br('b1', ['z']) }, { insert: ' milieu ' }, { insert: 'b', attributes: br('b1', ['z']) }];
    expect(renderBracketsAsText(delta)).toBe('[a] milieu [b / z]');
  });

  it('leaves text without brackets as it is and skips embeds', () => {
    expect(renderBracketsAsText([{ insert: 'Rien ' }, { insert: { image: 'x' } }, { insert: 'ici', attributes: { bold: {} } }])).toBe('Rien ici');
    expect(renderBracketsAsText([])).toBe('');
  });

  it('gives back the plain text of the paragraph once the brackets are taken out', () => {
    const doc = new Y.Doc();
    const el = paragraph(doc, 'fr', 'p-a-1', ['Avant ', ['milieu', br('b1', ['autre'])], ' après']);
    const rendered = renderBracketsAsText(blockDelta(el));
    expect(rendered).toBe('Avant [milieu / autre] après');
    expect(renderBracketsAsText(blockDelta(el).map((r) => ({ insert: r.insert })))).toBe(plainText(el));
  });
});

describe('NFC', () => {
  const decomposed = 'tái khẳng định'.normalize('NFD');
  it('reads bracket text and options composed', () => {
    const doc = new Y.Doc();
    paragraph(doc, 'vi', 'p-b-1', [[decomposed, br('b1', ['khẳng định lại'.normalize('NFD')])]]);
    const [bracket] = readBrackets(doc, LANGS);
    expect(bracket!.text).toBe('tái khẳng định');
    expect(bracket!.options).toEqual(['khẳng định lại']);
  });

  it('renders composed, and omits an option equal to the text once both are composed', () => {
    const delta = [{ insert: decomposed, attributes: br('b1', ['tái khẳng định', 'nhắc lại'.normalize('NFD')]) }];
    const out = renderBracketsAsText(delta);
    expect(out).toBe('[tái khẳng định / nhắc lại]');
    expect(out).toBe(out.normalize('NFC'));
  });

  it('cleans mark attributes: blank and repeated options dropped, options composed', () => {
    expect(normalizeBracketAttrs({ id: 'b', options: ['a', ' ', '', 'a', 3, 'é'.normalize('NFD')] })).toEqual({ id: 'b', options: ['a', 'é'] });
    expect(normalizeBracketAttrs({ id: '', options: [] })).toBeNull();
    expect(normalizeBracketAttrs(null)).toBeNull();
    expect(normalizeBracketAttrs({ id: 'b' })).toEqual({ id: 'b', options: [] });
  });
});

describe('bracket alternatives', () => {
  it('reads [A / B]: the options besides the text, each once, in order, composed', () => {
    expect(bracketAlternativesSuffix('renforcerons', ['renforcerons', 'développerons'])).toBe(' / développerons');
    expect(bracketAlternativesSuffix('tăng cường', ['tăng cường', 'phát triển', 'mở rộng'])).toBe(' / phát triển / mở rộng');
    expect(bracketAlternativesSuffix('tăng cu\u031bo\u031b\u0300ng', ['tăng cường', 'phát triển'])).toBe(' / phát triển');
    expect(bracketAlternativesSuffix('x', [])).toBe('');
  });
});
