import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { ensureParagraphIds, mayNeedParagraphIds, pidElements, PID_ATTRIBUTE } from './paragraphIds.js';

const FRAGMENTS = ['text:fr', 'text:vi'];
const FIX = Symbol('pid-fix');

/** Each client runs the fixer after its own edits and after receiving others', as the app does. */
function fix(doc: Y.Doc): void {
  ensureParagraphIds(doc, FRAGMENTS, FIX);
}

function pids(doc: Y.Doc): string[] {
  return FRAGMENTS.flatMap((f) => [...pidElements(doc.getXmlFragment(f))].map((e) => e.getAttribute(PID_ATTRIBUTE) as string));
}

/** pid of every live element, keyed by the element's own Yjs item id. */
function pidByItem(doc: Y.Doc): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of FRAGMENTS) {
    for (const e of pidElements(doc.getXmlFragment(f))) m.set(`${e._item!.id.client}:${e._item!.id.clock}`, e.getAttribute(PID_ATTRIBUTE) as string);
  }
  return m;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

type Op =
  | { kind: 'insert'; client: number; lang: number; at: number }
  | { kind: 'split'; client: number; lang: number; at: number }
  | { kind: 'paste-copy'; client: number; lang: number; at: number; from: number }
  | { kind: 'delete'; client: number; lang: number; at: number }
  | { kind: 'type'; client: number; lang: number; at: number; text: string }
  | { kind: 'sync'; a: number; b: number };

const CLIENTS = 3;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), client: fc.nat(CLIENTS - 1), lang: fc.nat(1), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('split' as const), client: fc.nat(CLIENTS - 1), lang: fc.nat(1), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('paste-copy' as const), client: fc.nat(CLIENTS - 1), lang: fc.nat(1), at: fc.nat(20), from: fc.nat(20) }),
  fc.record({ kind: fc.constant('delete' as const), client: fc.nat(CLIENTS - 1), lang: fc.nat(1), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('type' as const), client: fc.nat(CLIENTS - 1), lang: fc.nat(1), at: fc.nat(20), text: fc.string({ maxLength: 5 }) }),
  fc.record({ kind: fc.constant('sync' as const), a: fc.nat(CLIENTS - 1), b: fc.nat(CLIENTS - 1) }),
);

function paragraph(pid: string | null, text = ''): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (pid !== null) p.setAttribute(PID_ATTRIBUTE, pid);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** Applies one op the way the editor would produce it; `fixes`: the client fixes ids itself afterwards. */
function apply(docs: Y.Doc[], o: Op, fixes = true): void {
  if (o.kind === 'sync') {
    sync(docs[o.a]!, docs[o.b]!);
    if (!fixes) return;
    fix(docs[o.a]!);
    fix(docs[o.b]!);
    return;
  }
  const doc = docs[o.client]!;
  const fragment = doc.getXmlFragment(FRAGMENTS[o.lang]!);
  const n = fragment.length;
  const at = n === 0 ? 0 : o.at % n;
  switch (o.kind) {
    case 'insert':
      fragment.insert(Math.min(o.at, n), [paragraph(null)]); // a new block arrives without an id
      break;
    case 'split': {
      if (n === 0) return;
      const source = fragment.get(at) as Y.XmlElement;
      // y-prosemirror creates the second half as a new element carrying the same attributes
      fragment.insert(at + 1, [paragraph(source.getAttribute(PID_ATTRIBUTE) ?? null, 'second half')]);
      break;
    }
    case 'paste-copy': {
      if (n === 0) return;
      const source = fragment.get(o.from % n) as Y.XmlElement;
      fragment.insert(at, [paragraph(source.getAttribute(PID_ATTRIBUTE) ?? null, 'copy')]);
      break;
    }
    case 'delete':
      if (n > 0) fragment.delete(at, 1);
      break;
    case 'type': {
      if (n === 0) return;
      const text = (fragment.get(at) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(0, o.text);
      break;
    }
  }
  if (fixes) fix(doc);
}

describe('paragraph ids', () => {
  it('stay unique and stable under random concurrent edits from three clients', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const docs = Array.from({ length: CLIENTS }, (_, i) => {
          const d = new Y.Doc();
          d.clientID = i + 1;
          return d;
        });
        // Ids that each element had once fixed and unique everywhere must never change after.
        for (const o of ops) apply(docs, o);
        const before = pidByItem(docs[0]!);
        const beforeCounts = new Map<string, number>();
        for (const pid of before.values()) beforeCounts.set(pid, (beforeCounts.get(pid) ?? 0) + 1);
        // Bring everyone together; the fixes themselves must settle.
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < CLIENTS; i++) for (let j = 0; j < CLIENTS; j++) if (i !== j) apply(docs, { kind: 'sync', a: i, b: j });
        }
        const final = pids(docs[0]!);
        for (const d of docs) expect(pids(d)).toEqual(final);
        expect(new Set(final).size).toBe(final.length);
        for (const pid of final) expect(pid).toMatch(/^p-/);
        // Stability: an element of client 0 whose id was unique there keeps it, unless another
        // client's concurrent copy is the one the id was made for.
        const after = pidByItem(docs[0]!);
        for (const [item, pid] of before) {
          if (!after.has(item) || beforeCounts.get(pid) !== 1) continue;
          const madeFor = `p-${Number(item.split(':')[0]).toString(36)}-${Number(item.split(':')[1]).toString(36)}`;
          if (pid === madeFor) expect(after.get(item)).toBe(pid);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('needs no pass over the whole text after an update that added no block and wrote no id', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(CLIENTS - 1), { minLength: 1, maxLength: 60 }), (ops, senders) => {
        const docs = Array.from({ length: CLIENTS }, (_, i) => {
          const d = new Y.Doc();
          d.clientID = i + 1;
          return d;
        });
        // The server takes each client's news in turn, as a room does, and fixes ids only when told
        // to; the clients fix nothing (a stock client), so the server's fixes are all there is.
        const server = new Y.Doc();
        server.clientID = 100;
        let needed = false;
        server.on('afterTransaction', (tr: Y.Transaction) => {
          if (tr.origin === 'peer') needed ||= mayNeedParagraphIds(tr);
        });
        ops.forEach((o, k) => {
          apply(docs, o, false);
          const sender = docs[senders[k % senders.length]!]!;
          Y.applyUpdate(server, Y.encodeStateAsUpdate(sender, Y.encodeStateVector(server)), 'peer');
          const fixed = ensureParagraphIds(server, FRAGMENTS, FIX);
          if (!needed) expect(fixed).toBe(0);
          needed = false;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('needs a pass after an id is removed, and none after typing or deleting a block', () => {
    const doc = new Y.Doc();
    const fr = doc.getXmlFragment('text:fr');
    fr.insert(0, [paragraph(null, 'un'), paragraph(null, 'deux')]);
    fix(doc);
    const needs = (change: () => void) => {
      let needed: boolean | null = null;
      const listen = (tr: Y.Transaction) => (needed = mayNeedParagraphIds(tr));
      doc.on('afterTransaction', listen);
      doc.transact(change);
      doc.off('afterTransaction', listen);
      return needed;
    };
    expect(needs(() => ((fr.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x'))).toBe(false);
    expect(needs(() => fr.delete(1, 1))).toBe(false);
    expect(needs(() => (fr.get(0) as Y.XmlElement).removeAttribute(PID_ATTRIBUTE))).toBe(true);
  });

  it('keeps the id on the first half of a split paragraph and gives the second a new one', () => {
    const doc = new Y.Doc();
    const fr = doc.getXmlFragment('text:fr');
    fr.insert(0, [paragraph(null, 'Nous, collectivités territoriales')]);
    fix(doc);
    const original = (fr.get(0) as Y.XmlElement).getAttribute(PID_ATTRIBUTE);
    fr.insert(1, [paragraph(original ?? null, 'second half')]);
    fix(doc);
    expect((fr.get(0) as Y.XmlElement).getAttribute(PID_ATTRIBUTE)).toBe(original);
    expect((fr.get(1) as Y.XmlElement).getAttribute(PID_ATTRIBUTE)).not.toBe(original);
  });

  it('gives a copy pasted above the original a new id, not the original', () => {
    const doc = new Y.Doc();
    const vi = doc.getXmlFragment('text:vi');
    vi.insert(0, [paragraph(null, 'Tuyên bố chung')]);
    fix(doc);
    const original = (vi.get(0) as Y.XmlElement).getAttribute(PID_ATTRIBUTE)!;
    vi.insert(0, [paragraph(original, 'Tuyên bố chung')]);
    fix(doc);
    expect((vi.get(1) as Y.XmlElement).getAttribute(PID_ATTRIBUTE)).toBe(original);
    expect((vi.get(0) as Y.XmlElement).getAttribute(PID_ATTRIBUTE)).not.toBe(original);
  });

  it('fixes the same duplicate to the same id on two clients that fix it independently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const fr = a.getXmlFragment('text:fr');
    fr.insert(0, [paragraph('p-x-1', 'un'), paragraph('p-x-1', 'deux')]);
    sync(a, b);
    fix(a);
    fix(b);
    sync(a, b);
    expect(pids(a)).toEqual(pids(b));
    expect(new Set(pids(a)).size).toBe(2);
  });
});
