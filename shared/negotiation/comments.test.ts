import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { PID_ATTRIBUTE } from '../model/paragraphIds.js';
import { plainText, readUnits } from '../model/documentText.js';
import { ALIGNMENT_MAP, readAlignment, rowsFromAlignment, type StoredRow } from '../model/alignment.js';
import type { LanguageCode, ParagraphId } from '../model/ids.js';
import type { Result } from '../model/result.js';
import { COMMENTS_MAP, MAX_COMMENT_LENGTH, type CommentAuthor, type Thread } from './commentModel.js';
import { addRangeComment, addRowComment, reopen, reply, resolve } from './comments.js';
import { countOpen, readThreadById, readThreads } from './commentThreads.js';
import { threadsByPid, threadsByRow } from './threadPlacement.js';

const AMINA: CommentAuthor = { name: 'Amina', delegation: 'fr' };
const LINH: CommentAuthor = { name: 'Linh', delegation: 'vi' };
const WORD = 'ZÉPHYR';
const RESERVED = new Set([...WORD]);

function paragraph(pid: string, text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.setAttribute(PID_ATTRIBUTE, pid);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function newDoc(clientID: number): Y.Doc {
  const d = new Y.Doc();
  d.clientID = clientID;
  return d;
}

/** Two languages, three paragraphs each; the commented word is in `p-a-2`. */
function seed(doc: Y.Doc): void {
  doc.transact(() => {
    doc
      .getXmlFragment('text:fr')
      .insert(0, [
        paragraph('p-a-1', 'Préambule des parties'),
        paragraph('p-a-2', `Les parties conviennent ${WORD} de coopérer`),
        paragraph('p-a-3', 'Fin du texte'),
      ]);
    doc.getXmlFragment('text:vi').insert(0, [paragraph('p-b-1', 'Lời mở đầu'), paragraph('p-b-2', 'các bên đồng ý hợp tác'), paragraph('p-b-3', 'kết thúc')]);
  });
}

function element(doc: Y.Doc, lang: string, pid: string): Y.XmlElement | null {
  for (const el of doc.getXmlFragment(`text:${lang}`).createTreeWalker((n) => n instanceof Y.XmlElement)) {
    if ((el as Y.XmlElement).getAttribute(PID_ATTRIBUTE) === pid) return el as Y.XmlElement;
  }
  return null;
}

function textNode(doc: Y.Doc, lang: string, pid: string): Y.XmlText {
  return element(doc, lang, pid)!.get(0) as Y.XmlText;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function syncAll(docs: readonly Y.Doc[]): void {
  for (let round = 0; round < 2; round++) for (const a of docs) for (const b of docs) if (a !== b) sync(a, b);
}

function rangeOnWord(doc: Y.Doc, id = 't-1') {
  const start = plainText(element(doc, 'fr', 'p-a-2')!).indexOf(WORD);
  return addRangeComment(doc, {
    id,
    lang: 'fr',
    from: { pid: 'p-a-2', offset: start },
    to: { pid: 'p-a-2', offset: start + WORD.length },
    author: AMINA,
    text: 'Ce mot est à revoir.',
    at: 1000,
    rowPids: ['p-b-2'],
  });
}

function only(doc: Y.Doc): Thread {
  const threads = readThreads(doc);
  expect(threads).toHaveLength(1);
  return threads[0]!;
}

// ---------------------------------------------------------------------------------------------

type Target = { lang: 'fr' | 'vi'; pid: string };
const TARGETS: Target[] = [
  { lang: 'fr', pid: 'p-a-2' },
  { lang: 'fr', pid: 'p-a-2' },
  { lang: 'fr', pid: 'p-a-2' },
  { lang: 'fr', pid: 'p-a-1' },
  { lang: 'fr', pid: 'p-a-3' },
  { lang: 'vi', pid: 'p-b-2' },
];

type Op =
  | { kind: 'insert'; client: number; target: number; at: number; near: boolean; text: string }
  | { kind: 'delete'; client: number; target: number; at: number; near: boolean; length: number }
  | { kind: 'format'; client: number; target: number; at: number; near: boolean; length: number }
  | { kind: 'deleteWord'; client: number; before: number; after: number }
  | { kind: 'paragraph'; client: number; at: number }
  | { kind: 'sync'; a: number; b: number };

const CLIENTS = 3;
const client = fc.nat(CLIENTS - 1);
const target = fc.nat(TARGETS.length - 1);
/** `near`: at an offset from the first commented character still there (edits near the word are the interesting ones). */
const at = fc.nat(60);
const near = fc.boolean();
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), client, target, at, near, text: fc.stringMatching(/^[a-z ]{1,4}$/) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), client, target, at, near, length: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('format' as const), client, target, at, near, length: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteWord' as const), client, before: fc.nat(2), after: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), client, at: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), a: client, b: client }) },
);

/** Where the reserved (commented) characters are in a client's own copy of `p-a-2`. */
function reservedPositions(doc: Y.Doc): number[] {
  const text = plainText(element(doc, 'fr', 'p-a-2')!);
  return [...text].flatMap((c, i) => (RESERVED.has(c) ? [i] : []));
}

describe('range comments', () => {
  it('a range comment follows its text through concurrent edits by three clients', () => {
    fc.assert(
      fc.property(client, fc.array(op, { minLength: 1, maxLength: 40 }), (creator, ops) => {
        const docs = Array.from({ length: CLIENTS }, (_, i) => newDoc(i + 1));
        seed(docs[0]!);
        syncAll(docs);
        expect(rangeOnWord(docs[creator]!).ok).toBe(true);
        let deletedReserved = false;
        let insertedInside = false;
        let paragraphsAdded = 0;
        for (const o of ops) {
          if (o.kind === 'sync') {
            sync(docs[o.a]!, docs[o.b]!);
            continue;
          }
          const doc = docs[o.client]!;
          if (o.kind === 'paragraph') {
            const fr = doc.getXmlFragment('text:fr');
            fr.insert(o.at % (fr.length + 1), [paragraph(`p-n-${o.client}${paragraphsAdded++}`, 'nouveau paragraphe')]);
            continue;
          }
          if (o.kind === 'deleteWord') {
            // What is left of the word locally, and a little around it.
            const reserved = reservedPositions(doc);
            if (reserved.length === 0) continue;
            const text = textNode(doc, 'fr', 'p-a-2');
            const from = Math.max(0, reserved[0]! - o.before);
            const to = Math.min(text.length, reserved[reserved.length - 1]! + 1 + o.after);
            deletedReserved = true;
            text.delete(from, to - from);
            continue;
          }
          const { lang, pid } = TARGETS[o.target]!;
          const text = textNode(doc, lang, pid);
          const watched = lang === 'fr' && pid === 'p-a-2';
          const reserved = watched ? reservedPositions(doc) : [];
          const origin = o.near && reserved.length > 0 ? Math.max(0, reserved[0]! - 2) : 0;
          if (o.kind === 'insert') {
            const at = (origin + (o.near ? o.at % 10 : o.at)) % (text.length + 1);
            if (reserved.length > 0 && reserved[0]! < at && at <= reserved[reserved.length - 1]!) insertedInside = true;
            text.insert(at, o.text);
          } else {
            if (text.length === 0) continue;
            const at = (origin + (o.near ? o.at % 10 : o.at)) % text.length;
            const length = Math.min(o.length, text.length - at);
            if (o.kind === 'delete') {
              if (reserved.some((p) => p >= at && p < at + length)) deletedReserved = true;
              text.delete(at, length);
            } else {
              text.format(at, length, { bold: {} });
            }
          }
        }
        syncAll(docs);

        // Everyone resolves the same thread, the same way.
        const threads = docs.map((d) => readThreads(d));
        for (const t of threads) expect(t).toEqual(threads[0]);
        const thread = only(docs[0]!);
        const final = plainText(element(docs[0]!, 'fr', 'p-a-2')!);
        const survivors = [...final].filter((c) => RESERVED.has(c)).join('');
        const anchor = thread.anchor;
        if (anchor.kind === 'range') {
          expect(anchor.pid).toBe('p-a-2');
          expect(anchor.lang).toBe('fr');
          expect(final.slice(anchor.from, anchor.to)).toBe(anchor.quote);
          // Every surviving commented character is still inside the range.
          expect([...anchor.quote].filter((c) => RESERVED.has(c)).join('')).toBe(survivors);
          if (!deletedReserved && !insertedInside) expect(anchor.quote).toBe(WORD);
        } else {
          expect(anchor.kind).toBe('detached');
          expect(survivors).toBe('');
          if (anchor.kind === 'detached') {
            expect(anchor.pids).toEqual(['p-a-2', 'p-b-2']);
            expect(anchor.lastQuote).toBe(WORD);
          }
          expect(
            threadsByPid(docs[0]!)
              .get('p-a-2' as ParagraphId)
              ?.map((t) => t.id),
          ).toEqual(['t-1']);
        }
        if (survivors !== '') expect(anchor.kind).toBe('range');
        if (survivors === '' && !insertedInside) expect(anchor.kind).toBe('detached');
      }),
      { numRuns: 300, seed: 20_240_611 },
    );
  });

  it('resolves offsets, quote and paragraph id, and keeps text typed at its edges outside', () => {
    const doc = newDoc(1);
    seed(doc);
    const created = rangeOnWord(doc);
    expect(created).toEqual({ ok: true, value: { id: 't-1', quote: WORD } });
    const text = textNode(doc, 'fr', 'p-a-2');
    const start = text.toString().indexOf(WORD);
    text.insert(start + WORD.length, 'xx'); // right after the word
    text.insert(start, 'yy'); // right before it
    text.insert(0, '« ');
    const anchor = only(doc).anchor;
    expect(anchor).toMatchObject({ kind: 'range', lang: 'fr', pid: 'p-a-2', quote: WORD, from: start + 4, to: start + 4 + WORD.length });
    text.insert(start + 4 + 2, 'ii'); // inside
    expect(only(doc).anchor).toMatchObject({ kind: 'range', quote: 'ZÉiiPHYR' });
  });

  it('a deleted range is detached, keeps its thread, and is found again by its paragraph id', () => {
    const doc = newDoc(1);
    seed(doc);
    expect(rangeOnWord(doc).ok).toBe(true);
    const text = textNode(doc, 'fr', 'p-a-2');
    text.delete(text.toString().indexOf(WORD), WORD.length);
    const thread = only(doc);
    expect(thread.anchor).toEqual({ kind: 'detached', lang: 'fr', pids: ['p-a-2', 'p-b-2'], lastQuote: WORD });
    expect(thread.messages.map((m) => m.text)).toEqual(['Ce mot est à revoir.']);
    expect(
      threadsByPid(doc)
        .get('p-a-2' as ParagraphId)
        ?.map((t) => t.id),
    ).toEqual(['t-1']);
    expect(countOpen(doc)).toBe(1);
    // Replying and resolving still work on a detached thread.
    expect(reply(doc, 't-1', { id: 'r-1', author: LINH, text: 'Supprimé, donc réglé.', at: 1100 }).ok).toBe(true);
    expect(resolve(doc, 't-1', { by: LINH, at: 1200 }).ok).toBe(true);
    expect(countOpen(doc)).toBe(0);
  });

  it('a range whose whole paragraph is deleted stays on its row through the recorded row pids', () => {
    const doc = newDoc(1);
    seed(doc);
    expect(rangeOnWord(doc).ok).toBe(true);
    doc.getXmlFragment('text:fr').delete(1, 1);
    const thread = only(doc);
    expect(thread.anchor).toEqual({ kind: 'detached', lang: 'fr', pids: ['p-b-2'], lastQuote: WORD });
    const units = (lang: string) => readUnits(doc.getXmlFragment(`text:${lang}`)).map((u) => u.pid);
    const rows = rowsFromAlignment(new Map(), [
      { lang: 'fr' as LanguageCode, pids: units('fr') },
      { lang: 'vi' as LanguageCode, pids: units('vi') },
    ]);
    const byRow = threadsByRow(readThreads(doc), rows);
    expect([...byRow.keys()]).toEqual(['u:p-b-2']);
  });

  it('an undone deletion brings the range back', () => {
    const doc = newDoc(1);
    seed(doc);
    const fr = doc.getXmlFragment('text:fr');
    const undo = new Y.UndoManager(fr, { captureTimeout: 0 });
    expect(rangeOnWord(doc).ok).toBe(true);
    const text = textNode(doc, 'fr', 'p-a-2');
    text.delete(text.toString().indexOf('conviennent'), `conviennent ${WORD} de`.length);
    expect(only(doc).anchor.kind).toBe('detached');
    undo.undo();
    expect(only(doc).anchor).toMatchObject({ kind: 'range', pid: 'p-a-2', quote: WORD });
  });

  it('maps offsets across hard breaks and list items, and stores the list item as the paragraph', () => {
    const doc = newDoc(1);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    item.setAttribute(PID_ATTRIBUTE, 'p-l-1');
    const inner = new Y.XmlElement('paragraph');
    inner.setAttribute(PID_ATTRIBUTE, 'p-l-2');
    const br = new Y.XmlElement('hardBreak');
    inner.insert(0, [new Y.XmlText('alpha'), br, new Y.XmlText('beta')]);
    const second = new Y.XmlElement('paragraph');
    second.setAttribute(PID_ATTRIBUTE, 'p-l-3');
    second.insert(0, [new Y.XmlText('gamma')]);
    item.insert(0, [inner, second]);
    list.insert(0, [item]);
    doc.getXmlFragment('text:fr').insert(0, [list]);
    expect(plainText(item)).toBe('alpha\nbeta gamma');

    // "pha\nbe", given against the inner paragraph.
    const r = addRangeComment(doc, {
      id: 't-br',
      lang: 'fr',
      from: { pid: 'p-l-2', offset: 2 },
      to: { pid: 'p-l-2', offset: 8 },
      author: AMINA,
      text: 'x',
      at: 1,
    });
    expect(r).toEqual({ ok: true, value: { id: 't-br', quote: 'pha\nbe' } });
    // "\nbeta gamma\n…" — the separator and the break at the ends are trimmed.
    const s = addRangeComment(doc, {
      id: 't-sp',
      lang: 'fr',
      from: { pid: 'p-l-1', offset: 5 },
      to: { pid: 'p-l-1', offset: 11 },
      author: AMINA,
      text: 'y',
      at: 2,
    });
    expect(s).toEqual({ ok: true, value: { id: 't-sp', quote: 'beta' } });
    const t = addRangeComment(doc, {
      id: 't-li',
      lang: 'fr',
      from: { pid: 'p-l-1', offset: 8 },
      to: { pid: 'p-l-1', offset: 13 },
      author: AMINA,
      text: 'z',
      at: 3,
    });
    expect(t).toEqual({ ok: true, value: { id: 't-li', quote: 'ta ga' } });

    (inner.get(0) as Y.XmlText).insert(0, 'AB');
    (second.get(0) as Y.XmlText).format(0, 2, { italic: {} });
    const [br1, sp, li] = readThreads(doc).map((x) => x.anchor);
    expect(br1).toMatchObject({ kind: 'range', pid: 'p-l-1', from: 4, to: 10, quote: 'pha\nbe' });
    expect(sp).toMatchObject({ kind: 'range', pid: 'p-l-1', quote: 'beta' });
    expect(li).toMatchObject({ kind: 'range', pid: 'p-l-1', quote: 'ta ga' });
    expect(readThreadById(doc, 't-li')?.anchor).toEqual(li);
  });

  it('refuses bad input with a reason', () => {
    const doc = newDoc(1);
    seed(doc);
    const base = { id: 't-x', lang: 'fr', from: { pid: 'p-a-1', offset: 0 }, to: { pid: 'p-a-1', offset: 4 }, author: AMINA, text: 'ok', at: 1 };
    const reason = (r: Result<unknown>) => (r.ok ? 'ok' : r.reason);
    expect(reason(addRangeComment(doc, { ...base, text: '   ' }))).toMatch(/empty/);
    expect(reason(addRangeComment(doc, { ...base, text: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }))).toMatch(/longer/);
    expect(reason(addRangeComment(doc, { ...base, to: { pid: 'p-a-3', offset: 2 } }))).toMatch(/one paragraph/);
    expect(reason(addRangeComment(doc, { ...base, to: { pid: 'p-a-1', offset: 0 } }))).toMatch(/from < to/);
    expect(reason(addRangeComment(doc, { ...base, to: { pid: 'p-a-1', offset: 999 } }))).toMatch(/characters/);
    expect(reason(addRangeComment(doc, { ...base, from: { pid: 'p-b-1', offset: 0 }, to: { pid: 'p-b-1', offset: 2 } }))).toMatch(/no paragraph/);
    expect(reason(addRangeComment(doc, { ...base, lang: 'de' }))).toMatch(/language/);
    expect(reason(addRangeComment(doc, { ...base, id: 'has space' }))).toMatch(/thread id/);
    expect(reason(addRangeComment(doc, { ...base, author: { name: ' ', delegation: 'fr' } }))).toMatch(/name/);
    expect(reason(addRangeComment(doc, { ...base, at: Number.NaN }))).toMatch(/timestamp/);
    expect(reason(addRowComment(doc, { id: 't-r', pids: ['p-z-9'], author: AMINA, text: 'x', at: 1 }))).toMatch(/none/);
    expect(reason(addRowComment(doc, { id: 't-r', pids: ['nope'], author: AMINA, text: 'x', at: 1 }))).toMatch(/not a paragraph id/);
    expect(reason(reply(doc, 'missing', { id: 'r', author: AMINA, text: 'x', at: 1 }))).toMatch(/no such thread/);
    expect(readThreads(doc)).toEqual([]);

    // Decomposed input is stored composed, trimmed.
    expect(addRangeComment(doc, { ...base, text: '  Ce\u0301dric a raison \n' }).ok).toBe(true);
    expect(reason(addRangeComment(doc, base))).toMatch(/exists/);
    expect(only(doc).messages[0]).toEqual({ id: 't-x', author: AMINA, at: 1, text: 'C\u00e9dric a raison' });
    expect(reason(reply(doc, 't-x', { id: 'r-1', author: LINH, text: 'x'.repeat(MAX_COMMENT_LENGTH), at: 2 }))).toBe('ok');
    expect(reason(reply(doc, 't-x', { id: 'r-1', author: LINH, text: 'again', at: 3 }))).toMatch(/exists/);
  });

  it('skips damaged threads a peer might have written', () => {
    const doc = newDoc(1);
    seed(doc);
    expect(rangeOnWord(doc).ok).toBe(true);
    const comments = doc.getMap(COMMENTS_MAP);
    comments.set('junk', 'not a map' as never);
    const bad = new Y.Map<unknown>();
    comments.set('bad', bad as never);
    bad.set('anchor', { kind: 'range', lang: 'fr', pid: 'p-a-1', start: { item: { client: 99, clock: 5 } }, end: { tname: 'text:xx' }, quote: 'q' });
    const worse = new Y.Map<unknown>();
    comments.set('worse', worse as never);
    worse.set('anchor', { kind: 'moon' });
    expect(readThreads(doc).map((t) => t.id)).toEqual(['t-1']);
    expect(countOpen(doc)).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('row comments', () => {
  function setRows(doc: Y.Doc, rows: Record<string, Record<string, string[]>>): void {
    doc.transact(() => {
      const map = doc.getMap(ALIGNMENT_MAP);
      for (const key of [...map.keys()]) map.delete(key);
      for (const [key, cells] of Object.entries(rows)) map.set(key, { cells, origin: 'auto', score: 1, evidence: [] } satisfies StoredRow);
    });
  }
  function rows(doc: Y.Doc) {
    const columns = (['fr', 'vi'] as LanguageCode[]).map((lang) => ({ lang, pids: readUnits(doc.getXmlFragment(`text:${lang}`)).map((u) => u.pid) }));
    return rowsFromAlignment(readAlignment(doc), columns);
  }

  it('row comments survive regrouping of rows (pids)', () => {
    const doc = newDoc(1);
    seed(doc);
    setRows(doc, { r1: { fr: ['p-a-1'], vi: ['p-b-1'] }, r2: { fr: ['p-a-2'], vi: ['p-b-2'] }, r3: { fr: ['p-a-3'], vi: ['p-b-3'] } });
    expect(addRowComment(doc, { id: 't-row', pids: ['p-a-2', 'p-b-2'], author: LINH, text: 'Hàng này chưa khớp.', at: 5 }).ok).toBe(true);
    expect([...threadsByRow(readThreads(doc), rows(doc)).keys()]).toEqual(['r2']);

    // The aligner merges rows 1 and 2 under a new key.
    setRows(doc, { m: { fr: ['p-a-1', 'p-a-2'], vi: ['p-b-1', 'p-b-2'] }, r3: { fr: ['p-a-3'], vi: ['p-b-3'] } });
    expect([...threadsByRow(readThreads(doc), rows(doc)).keys()]).toEqual(['m']);

    // Then splits them crosswise: the thread goes to one row only, the earliest on a tie.
    setRows(doc, { s1: { fr: ['p-a-1', 'p-a-2'], vi: ['p-b-1'] }, s2: { fr: [], vi: ['p-b-2'] }, r3: { fr: ['p-a-3'], vi: ['p-b-3'] } });
    const byRow = threadsByRow(readThreads(doc), rows(doc));
    expect([...byRow.keys()]).toEqual(['s1']);

    // The French paragraph goes: the Vietnamese one still holds the thread.
    doc.getXmlFragment('text:fr').delete(1, 1);
    const thread = only(doc);
    expect(thread.anchor).toEqual({ kind: 'row', pids: ['p-b-2'] });
    expect([...threadsByRow(readThreads(doc), rows(doc)).keys()]).toEqual(['s2']);
    expect(
      threadsByPid(doc)
        .get('p-b-2' as ParagraphId)
        ?.map((t) => t.id),
    ).toEqual(['t-row']);

    // Everything gone: the thread is kept, with no pids to show against.
    doc.getXmlFragment('text:vi').delete(1, 1);
    expect(only(doc).anchor).toEqual({ kind: 'row', pids: [] });
    expect(threadsByRow(readThreads(doc), rows(doc)).size).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

type ThreadOp =
  | { kind: 'reply'; client: number; thread: number; text: string }
  | { kind: 'resolve'; client: number; thread: number }
  | { kind: 'reopen'; client: number; thread: number }
  | { kind: 'sync'; a: number; b: number };

const threadOp: fc.Arbitrary<ThreadOp> = fc.oneof(
  fc.record({ kind: fc.constant('reply' as const), client, thread: fc.nat(1), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('resolve' as const), client, thread: fc.nat(1) }),
  fc.record({ kind: fc.constant('reopen' as const), client, thread: fc.nat(1) }),
  fc.record({ kind: fc.constant('sync' as const), a: client, b: client }),
);

describe('threads', () => {
  it('replies/resolve/reopen converge under concurrency', () => {
    fc.assert(
      fc.property(fc.array(threadOp, { maxLength: 40 }), (ops) => {
        const docs = Array.from({ length: CLIENTS }, (_, i) => newDoc(i + 1));
        seed(docs[0]!);
        syncAll(docs);
        expect(rangeOnWord(docs[1]!, 't-a').ok).toBe(true);
        expect(addRowComment(docs[2]!, { id: 't-b', pids: ['p-a-1', 'p-b-1'], author: LINH, text: 'Hàng này', at: 2000 }).ok).toBe(true);
        syncAll(docs);
        const sent = new Set<string>();
        let n = 0;
        let lastStatus: (string | null)[] = [null, null];
        for (const o of ops) {
          if (o.kind === 'sync') {
            sync(docs[o.a]!, docs[o.b]!);
            continue;
          }
          const doc = docs[o.client]!;
          const id = ['t-a', 't-b'][o.thread]!;
          const author = o.client === 0 ? AMINA : LINH;
          if (o.kind === 'reply') {
            const r = reply(doc, id, { id: `r-${n++}`, author, text: o.text, at: 3000 + n });
            if (r.ok) sent.add(r.value.id);
            else expect(o.text.trim()).toBe('');
          } else if (o.kind === 'resolve') expect(resolve(doc, id, { by: author, at: 4000 }).ok).toBe(true);
          else expect(reopen(doc, id).ok).toBe(true);
          if (o.kind !== 'reply') lastStatus = lastStatus.map((s, i) => (i === o.thread ? o.kind : s));
        }
        syncAll(docs);
        const all = docs.map((d) => readThreads(d));
        for (const t of all) expect(t).toEqual(all[0]);
        const threads = all[0]!;
        expect(threads.map((t) => t.id)).toEqual(['t-a', 't-b']);
        expect(threads.map((t) => t.messages[0]!.id)).toEqual(['t-a', 't-b']);
        const replies = threads.flatMap((t) => t.messages.slice(1).map((m) => m.id));
        expect(new Set(replies)).toEqual(sent);
        expect(replies).toHaveLength(sent.size);
        for (const t of threads) {
          expect(t.resolution === null).toBe(t.status === 'open');
          // Concurrent status changes may settle either way, but the same on every client (above).
          if (lastStatus[t.id === 't-a' ? 0 : 1] === null) expect(t.status).toBe('open');
        }
        expect(countOpen(docs[0]!)).toBe(threads.filter((t) => t.status === 'open').length);
      }),
      { numRuns: 200, seed: 7_041_962 },
    );
  });

  it('a status change after a full sync wins on every client', () => {
    const docs = [newDoc(1), newDoc(2)];
    seed(docs[0]!);
    syncAll(docs);
    expect(rangeOnWord(docs[0]!).ok).toBe(true);
    syncAll(docs);
    resolve(docs[1]!, 't-1', { by: LINH, at: 10 });
    syncAll(docs);
    expect(only(docs[0]!)).toMatchObject({ status: 'resolved', resolution: { by: LINH, at: 10 } });
    reopen(docs[0]!, 't-1');
    syncAll(docs);
    expect(only(docs[1]!)).toMatchObject({ status: 'open', resolution: null });
  });

  it('survives encode/decode of the whole doc (a server restart)', () => {
    const doc = newDoc(1);
    seed(doc);
    expect(rangeOnWord(doc, 't-range').ok).toBe(true);
    expect(addRowComment(doc, { id: 't-row', pids: ['p-a-3', 'p-b-3'], author: LINH, text: 'Hàng cuối', at: 1500 }).ok).toBe(true);
    expect(reply(doc, 't-range', { id: 'r-1', author: LINH, text: 'Đồng ý', at: 1600 }).ok).toBe(true);
    expect(resolve(doc, 't-row', { by: AMINA, at: 1700 }).ok).toBe(true);
    textNode(doc, 'fr', 'p-a-2').insert(0, 'Ainsi, ');
    const before = readThreads(doc);

    const restarted = newDoc(9);
    Y.applyUpdate(restarted, Y.encodeStateAsUpdate(doc));
    // Nothing touched the text fragments of the fresh document yet.
    expect(readThreads(restarted)).toEqual(before);
    expect(countOpen(restarted)).toBe(1);

    // Edits after the restart still move the range, on both sides.
    textNode(restarted, 'fr', 'p-a-2').insert(0, '« ');
    sync(restarted, doc);
    expect(readThreads(doc)).toEqual(readThreads(restarted));
    expect(readThreads(doc)[0]!.anchor).toMatchObject({ kind: 'range', quote: WORD });
  });
});
