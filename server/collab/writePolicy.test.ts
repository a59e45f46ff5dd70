import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkWrite } from './writePolicy.js';
import type { Role } from '../../shared/model/access.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { MAX_TEXT_DEPTH } from '../../shared/model/editorSchema.js';

const fr = 'fr' as LanguageCode;
const frDelegation: Role = { kind: 'delegation', lang: fr };

/** A server doc with one paragraph in each language, and a client that has synced it. */
function setup() {
  const server = new Y.Doc();
  for (const lang of ['fr', 'vi']) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`texte ${lang}`)]);
    server.getXmlFragment(`text:${lang}`).insert(0, [p]);
  }
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function edit(client: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  fn(client);
  return Y.encodeStateAsUpdate(client, before);
}

const firstText = (doc: Y.Doc, lang: string) => (doc.getXmlFragment(`text:${lang}`).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('write policy', () => {
  it('lets the secretariat write anywhere', () => {
    const { server, client } = setup();
    const u = edit(client, (d) => firstText(d, 'vi').insert(0, 'x'));
    expect(checkWrite(server, u, { kind: 'secretariat' }).ok).toBe(true);
  });

  it('lets a delegation edit its own language, nested in paragraphs', () => {
    const { server, client } = setup();
    const u = edit(client, (d) => {
      firstText(d, 'fr').insert(0, 'Nous, ');
      d.getXmlFragment('text:fr').insert(1, [new Y.XmlElement('paragraph')]);
    });
    const verdict = checkWrite(server, u, frDelegation);
    expect(verdict.ok && [...verdict.roots]).toEqual(['text:fr']);
  });

  it('refuses a delegation that inserts into, or deletes from, another language', () => {
    const { server, client } = setup();
    const insert = edit(client, (d) => firstText(d, 'vi').insert(0, 'x'));
    expect(checkWrite(server, insert, frDelegation)).toMatchObject({ ok: false, malformed: false });
    const del = edit(client, (d) => firstText(d, 'vi').delete(0, 2));
    expect(checkWrite(server, del, frDelegation)).toMatchObject({ ok: false, malformed: false });
  });

  it('refuses the whole update when only part of it is allowed', () => {
    const { server, client } = setup();
    const u = edit(client, (d) =>
      d.transact(() => {
        firstText(d, 'fr').insert(0, 'ok');
        firstText(d, 'vi').insert(0, 'no');
      }),
    );
    expect(checkWrite(server, u, frDelegation).ok).toBe(false);
  });

  it('refuses any write by an observer and any new root by a delegation', () => {
    const { server, client } = setup();
    const u = edit(client, (d) => d.getMap('alignment').set('x', 1));
    expect(checkWrite(server, u, { kind: 'observer' }).ok).toBe(false);
    expect(checkWrite(server, u, frDelegation).ok).toBe(false);
  });

  it('accepts a delete set that only repeats deletions the server already has', () => {
    const { server, client } = setup();
    // The Vietnamese delegation deletes; the French client receives it, then re-sends its
    // whole delete set in sync step 2 after a reconnect.
    const viDeletion = edit(client, (d) => firstText(d, 'vi').delete(0, 3));
    Y.applyUpdate(server, viDeletion);
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(checkWrite(server, step2, frDelegation).ok).toBe(true);
  });

  it('lets a delegation write what its editor renders: headings, lists, marks, links', () => {
    const { server, client } = setup();
    const u = edit(client, (d) => {
      const fragment = d.getXmlFragment('text:fr');
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 2 as unknown as string);
      heading.insert(0, [new Y.XmlText('Titre')]);
      const list = new Y.XmlElement('orderedList');
      const item = new Y.XmlElement('listItem');
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      p.insert(0, [text]);
      item.insert(0, [p]);
      list.insert(0, [item]);
      fragment.insert(1, [heading, list]);
      text.insert(0, 'gras', { bold: {} });
      text.insert(4, ' lien', { link: { href: 'https://example.org', target: null, rel: null, class: null, title: null } });
    });
    expect(checkWrite(server, u, frDelegation)).toMatchObject({ ok: true });
  });

  it('lets the secretariat and a delegation write a superscript (12es Assises)', () => {
    for (const role of [frDelegation, { kind: 'secretariat' } as const]) {
      const { server, client } = setup();
      const u = edit(client, (d) => firstText(d, 'fr').insert(0, '12es', { superscript: {} }));
      expect(checkWrite(server, u, role)).toMatchObject({ ok: true });
    }
  });

  it('refuses elements, attributes and marks the editor does not know, and nesting deeper than it holds', () => {
    const { server, client } = setup();
    const script = edit(client, (d) => d.getXmlFragment('text:fr').insert(1, [new Y.XmlElement('script')]));
    expect(checkWrite(server, script, frDelegation)).toMatchObject({ ok: false, malformed: true });
    expect(checkWrite(server, script, { kind: 'secretariat' })).toMatchObject({ ok: false, malformed: true });
    const { server: s2, client: c2 } = setup();
    const attribute = edit(c2, (d) => (d.getXmlFragment('text:fr').get(0) as Y.XmlElement).setAttribute('onclick', 'x'));
    expect(checkWrite(s2, attribute, frDelegation)).toMatchObject({ ok: false, malformed: true });
    const { server: s3, client: c3 } = setup();
    const mark = edit(c3, (d) => firstText(d, 'fr').format(0, 2, { blink: {} }));
    expect(checkWrite(s3, mark, frDelegation)).toMatchObject({ ok: false, malformed: true });
    const nest = (levels: number) => {
      const { server: s, client: c } = setup();
      const u = edit(c, (d) =>
        d.transact(() => {
          let parent: Y.XmlFragment | Y.XmlElement = d.getXmlFragment('text:fr');
          for (let i = 0; i < levels; i++) {
            const child: Y.XmlElement = new Y.XmlElement(i % 2 === 0 ? 'bulletList' : 'listItem');
            parent.insert(parent.length, [child]);
            parent = child;
          }
        }),
      );
      return checkWrite(s, u, frDelegation);
    };
    expect(nest(MAX_TEXT_DEPTH)).toMatchObject({ ok: true });
    expect(nest(MAX_TEXT_DEPTH + 1)).toMatchObject({ ok: false, malformed: true });
    expect(nest(30_000)).toMatchObject({ ok: false, malformed: true });
  });

  it('calls bytes that do not decode malformed', () => {
    const { server } = setup();
    expect(checkWrite(server, new Uint8Array([1, 2, 3, 200, 200]), { kind: 'secretariat' })).toMatchObject({ ok: false, malformed: true });
  });
});
