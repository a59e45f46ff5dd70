import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { AnyType } from '../../shared/model/yTypes.js';
import { checkWrite } from './writePolicy.js';
import { canWriteRoot, type Role } from '../../shared/model/access.js';
import { FROZEN_WRITABLE_ROOTS } from '../../shared/model/freeze.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { craftUpdate, type CraftedContent, type CraftedPlacement, type CraftedStruct } from '../../test/helpers/craftUpdate.js';

// Client ids of the base document: the server (meta, rows), the French and the Vietnamese
// delegations (their texts, comments, objections), and one nobody has used yet.
const SERVER = 1000;
const FR = 2000;
const VI = 3000;
const FRESH = 4000;
const CLIENTS = [SERVER, FR, VI, FRESH] as const;
const ROOTS = ['text:fr', 'text:vi', 'meta', 'alignment', 'rowState', 'comments', 'objections', 'adoption', 'circulations', 'elsewhere'] as const;

/** A small declaration written by three clients, with multi-clock items to overlap and split. */
function baseState(): Uint8Array {
  const doc = new Y.Doc();
  const as = (client: number, fn: () => void) => {
    doc.clientID = client;
    doc.transact(fn);
  };
  for (const [client, lang, words] of [
    [FR, 'fr', ['Nous, collectivités', 'Article deux']],
    [VI, 'vi', ['Chúng tôi', 'Điều hai']],
  ] as const) {
    as(client, () => {
      const fragment = doc.getXmlFragment(`text:${lang}`);
      words.forEach((w, i) => {
        const p = new Y.XmlElement('paragraph');
        p.setAttribute('pid', `p-${lang}-${i}`);
        p.insert(0, [new Y.XmlText(w)]);
        fragment.insert(fragment.length, [p]);
      });
      doc.getMap('comments').set(`t-${lang}`, { body: `avis ${lang}` });
      doc.getArray('objections').push([{ by: lang }, { by: `${lang}2` }]);
    });
  }
  as(SERVER, () => {
    doc.getMap('meta').set('languages', ['fr', 'vi']);
    doc.getMap('alignment').set('r1', { fr: ['p-fr-0'], vi: ['p-vi-0'] });
    doc.getMap('rowState').set('r1', { status: 'agreed' });
    doc.getArray('adoption').push(['one', 'two', 'three']);
    doc.getMap('circulations').set('c1', { at: 1 });
    doc.getMap('meta').set('frozen', { at: 1, by: 's', date: '2026-01-01', sha256: 'x' });
  });
  // Typing in the French paragraph: a run of single characters by the same client.
  as(FR, () => ((doc.getXmlFragment('text:fr').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, 'xyz'));
  return Y.encodeStateAsUpdate(doc);
}

const BASE = baseState();

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  for (const root of ['text:fr', 'text:vi']) doc.getXmlFragment(root);
  for (const root of ['meta', 'alignment', 'rowState', 'comments', 'circulations']) doc.getMap(root);
  for (const root of ['objections', 'adoption']) doc.getArray(root);
  Y.applyUpdate(doc, BASE);
  return doc;
}

/**
 * Every root's visible content, read from the items themselves (what is linked where, not what
 * the types say of themselves): an item linked into a list it does not claim shows up here.
 */
function rootContents(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, type] of doc.share) {
    const described = JSON.stringify(describeType(type));
    // Decoding an update names its roots (Y.Doc.get): an empty root is no change.
    if (described !== EMPTY) out.set(name, described);
  }
  return out;
}

const EMPTY = JSON.stringify({ name: null, list: [], map: [] });

function describeType(type: AnyType): unknown {
  const list: unknown[] = [];
  for (let item = type._start; item; item = item.right) if (!item.deleted) list.push(describeItem(item));
  const map: [string, unknown][] = [];
  for (const [key, item] of [...type._map.entries()].sort(([a], [b]) => a.localeCompare(b))) if (!item.deleted) map.push([key, describeItem(item)]);
  return { name: type instanceof Y.XmlElement ? type.nodeName : null, list, map };
}

function describeItem(item: Y.Item): unknown {
  const content = item.content;
  if (content instanceof Y.ContentType) return describeType(content.type);
  return [item.id.client, item.id.clock, content.getContent()];
}

const BASE_CONTENTS = rootContents(freshDoc());
const BASE_STATE = Y.encodeStateAsUpdate(freshDoc());

const roles: [string, Role][] = [
  ['secretariat', { kind: 'secretariat' }],
  ['delegation fr', { kind: 'delegation', lang: 'fr' as LanguageCode }],
  ['delegation vi', { kind: 'delegation', lang: 'vi' as LanguageCode }],
  ['signatory fr', { kind: 'signatory', lang: 'fr' as LanguageCode }],
  ['observer', { kind: 'observer' }],
];

const STATE = (() => {
  const doc = freshDoc();
  return new Map<number, number>(CLIENTS.map((c) => [c, Y.getState(doc.store, c)]));
})();

/** An id near the end of what a client has (or just past it): where overlaps and gaps happen. */
const nearId = fc
  .record({ client: fc.constantFrom(...CLIENTS), back: fc.integer({ min: -1, max: 6 }) })
  .map(({ client, back }) => Y.createID(client, Math.max(0, STATE.get(client)! - 1 - back)));

const placement: fc.Arbitrary<CraftedPlacement> = fc.oneof(
  fc.record({ root: fc.constantFrom(...ROOTS), key: fc.option(fc.constantFrom('frozen', 'r1', 't-fr', 'pid', 'x'), { nil: undefined }) }),
  fc.record({ origin: fc.option(nearId, { nil: undefined }), rightOrigin: fc.option(nearId, { nil: undefined }) }).filter((p) => !!p.origin || !!p.rightOrigin),
  fc.record({ parent: nearId, key: fc.option(fc.constantFrom('pid', 'level', 'onclick'), { nil: undefined }) }),
);

const content: fc.Arbitrary<CraftedContent> = fc.oneof(
  fc.record({ string: fc.constantFrom('a', 'bc', 'déf') }),
  fc.record({ any: fc.constantFrom([1], ['x', 'y'], [{ at: 0 }, null, true]) }),
  fc.record({ element: fc.constantFrom('paragraph', 'script', 'heading') }),
  fc.constant({ xmlText: true as const }),
  fc.constant({ map: true as const }),
  fc.record({ format: fc.record({ key: fc.constantFrom('bold', 'evil'), value: fc.constantFrom({}, null) }) }),
  fc.record({ deleted: fc.integer({ min: 1, max: 3 }) }),
);

const struct: fc.Arbitrary<CraftedStruct> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ item: content, at: placement }) },
  { weight: 1, arbitrary: fc.record({ gc: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ skip: fc.integer({ min: 1, max: 3 }) }) },
);

/** Sections start around each client's state: re-sent (wholly known), overlapping, exact or past a gap. */
const section = fc.record({
  client: fc.constantFrom(...CLIENTS),
  back: fc.integer({ min: -1, max: 5 }),
  structs: fc.array(struct, { minLength: 1, maxLength: 3 }),
});

const deletion = fc.record({
  client: fc.constantFrom(...CLIENTS),
  back: fc.integer({ min: -2, max: 8 }),
  len: fc.integer({ min: 1, max: 3 }),
});

const craftedUpdate = fc
  .record({ sections: fc.uniqueArray(section, { minLength: 0, maxLength: 3, selector: (s) => s.client }), deletes: fc.array(deletion, { maxLength: 2 }) })
  .map(({ sections, deletes }) =>
    craftUpdate(
      sections.map((s) => ({ client: s.client, clock: Math.max(0, STATE.get(s.client)! - s.back), structs: s.structs })),
      deletes.map((d) => ({ client: d.client, clock: Math.max(0, STATE.get(d.client)! - d.back), len: d.len })),
    ),
  )
  .filter((u) => u.length > 2);

function mayChange(role: Role, root: string, frozen: boolean): boolean {
  return canWriteRoot(role, root) && (!frozen || FROZEN_WRITABLE_ROOTS.has(root));
}

describe('write policy against hand-crafted structs (property)', () => {
  it('whatever it accepts changes only roots the role may write, and applies without error', () => {
    let accepted = 0;
    let refused = 0;
    let partial = 0;
    fc.assert(
      fc.property(craftedUpdate, (update) => {
        const judged = freshDoc();
        const overlaps = Y.decodeUpdate(update).structs.some((s) => s.id.clock < STATE.get(s.id.client)! && s.id.clock + s.length > STATE.get(s.id.client)!);
        for (const frozen of [false, true]) {
          for (const [, role] of roles) {
            const verdict = checkWrite(judged, update, role, { frozen });
            if (!verdict.ok) {
              refused++;
              continue;
            }
            accepted++;
            if (overlaps) partial++;
            const doc = freshDoc();
            Y.applyUpdate(doc, update);
            const after = rootContents(doc);
            for (const root of new Set([...BASE_CONTENTS.keys(), ...after.keys()])) {
              if (BASE_CONTENTS.get(root) === after.get(root)) continue;
              if (!mayChange(role, root, frozen)) {
                throw new Error(`${role.kind}${'lang' in role ? ` ${role.lang}` : ''}${frozen ? ' (frozen)' : ''} changed "${root}" with an accepted update`);
              }
            }
            // Nothing waits to be integrated later, unchecked (only an unfrozen secretariat may leave gaps).
            if (role.kind !== 'secretariat' || frozen) expect(doc.store.pendingStructs).toBeNull();
          }
        }
        // Judging an update never changes the document.
        expect(Y.encodeStateAsUpdate(judged)).toEqual(BASE_STATE);
      }),
      { numRuns: 300, seed: 2121 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
    expect(partial).toBeGreaterThan(0);
  });

  it('judges structs that split or repeat what the server holds as Yjs integrates them', () => {
    // Re-sending the base state whole (a reconnecting client's step 2) is accepted by everyone who writes.
    const doc = freshDoc();
    expect(checkWrite(doc, BASE, { kind: 'delegation', lang: 'fr' as LanguageCode }).ok).toBe(true);
    // A French run "xyz" split: the tail re-sent from its middle, beside its own first half, is fine.
    const frState = STATE.get(FR)!;
    const tail = craftUpdate([{ client: FR, clock: frState - 2, structs: [{ item: { string: 'yzw' }, at: { origin: Y.createID(FR, frState - 3) } }] }]);
    expect(checkWrite(doc, tail, { kind: 'delegation', lang: 'fr' as LanguageCode })).toMatchObject({ ok: true });
    // The same overlap naming the comments map: refused, it would be linked into the French text.
    const lying = craftUpdate([{ client: FR, clock: frState - 1, structs: [{ item: { any: ['a', 'b'] }, at: { root: 'comments', key: 'k' } }] }]);
    expect(checkWrite(doc, lying, { kind: 'delegation', lang: 'fr' as LanguageCode })).toMatchObject({ ok: false, malformed: false });
    // The attack of issue 21: an overlap at the server's last clock (meta.frozen), declaring comments.
    const serverState = STATE.get(SERVER)!;
    const attack = craftUpdate([
      { client: SERVER, clock: serverState - 1, structs: [{ item: { any: [{ x: 1 }, { x: 2 }] }, at: { root: 'comments', key: 'k' } }] },
    ]);
    for (const [, role] of roles) expect(checkWrite(doc, attack, role).ok).toBe(false);
  });
});
