import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { checkWrite } from './writePolicy.js';
import { MAX_SUGGESTION_ITEMS_PER_UPDATE } from './suggestionPolicy.js';
import type { Role } from '../../shared/model/access.js';
import type { LanguageCode } from '../../shared/model/ids.js';
import { FROZEN_REFUSAL } from '../../shared/model/freeze.js';
import { PID_ATTRIBUTE } from '../../shared/model/paragraphIds.js';
import { readUnits } from '../../shared/model/documentText.js';
import { commentAuthorFor } from '../../shared/negotiation/commentRules.js';
import { appliedKey, voteKey, type StoredSuggestion } from '../../shared/negotiation/suggestionModel.js';
import { createSuggestion, reviseSuggestion, voteOnSuggestion, withdrawSuggestion } from '../../shared/negotiation/suggestions.js';
import { readSuggestion, suggestionsMap, votesMap } from '../../shared/negotiation/suggestionState.js';

const FR: Role = { kind: 'delegation', lang: 'fr' as LanguageCode };
const VI: Role = { kind: 'signatory', lang: 'vi' as LanguageCode };
type Person = { readonly role: Role; readonly name: string };
const AMINA: Person = { role: FR, name: 'Amina Diallo' };
const LINH: Person = { role: VI, name: 'Nguyễn Linh' };
const SEC: Person = { role: { kind: 'secretariat' }, name: 'Secrétariat' };
const OBSERVER: Person = { role: { kind: 'observer' }, name: 'Observateur' };
const authorOf = (p: Person) => commentAuthorFor(p.role, p.name);
const VI_TEXT = 'các bên đồng ý hợp tác';

/** The server's document: a paragraph per language, and Amina's suggestion `s-amina` in the Vietnamese column. */
function setup(options: { consent?: boolean } = {}): Y.Doc {
  const server = new Y.Doc();
  for (const [lang, pid, text] of [
    ['fr', 'p-fr-1', 'Les parties conviennent de coopérer'],
    ['vi', 'p-vi-1', VI_TEXT],
  ] as const) {
    const p = new Y.XmlElement('paragraph');
    p.setAttribute(PID_ATTRIBUTE, pid);
    p.insert(0, [new Y.XmlText(text)]);
    server.getXmlFragment(`text:${lang}`).insert(0, [p]);
  }
  accept(server, AMINA, (d) => suggest(d, AMINA, 's-amina', options.consent));
  return server;
}

function suggest(doc: Y.Doc, who: Person, id: string, consent = false, lang = 'vi') {
  return createSuggestion(doc, {
    id,
    lang,
    pid: lang === 'vi' ? 'p-vi-1' : 'p-fr-1',
    from: 0,
    to: 0,
    text: 'Hôm nay, ',
    author: authorOf(who),
    at: 1,
    consent,
  });
}

/** What `fn` changes in a fresh copy of the server's document, as one update. */
function edit(server: Y.Doc, fn: (doc: Y.Doc) => unknown): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  fn(client);
  return Y.encodeStateAsUpdate(client, before);
}

const verdict = (server: Y.Doc, who: Person, update: Uint8Array, frozen = false) => checkWrite(server, update, who.role, { writerName: who.name, frozen });

function accept(server: Y.Doc, who: Person, fn: (doc: Y.Doc) => unknown): void {
  const update = edit(server, fn);
  expect(verdict(server, who, update)).toMatchObject({ ok: true });
  Y.applyUpdate(server, update);
}

function refused(server: Y.Doc, who: Person, fn: (doc: Y.Doc) => unknown, frozen = false): string {
  const v = verdict(server, who, edit(server, fn), frozen);
  expect(v).toMatchObject({ ok: false, malformed: false });
  return v.ok ? '' : v.reason;
}

const viText = (doc: Y.Doc) => readUnits(doc.getXmlFragment('text:vi'))[0]!.text;
const stored = (doc: Y.Doc, id = 's-amina') => suggestionsMap(doc).get(id) as StoredSuggestion;
const vote = (who: Person, decision: 'accept' | 'reject' = 'accept') => ({ decision, by: authorOf(who), at: 2 });

describe('suggestions: who may write what', () => {
  it('lets a delegation suggest in another column, and that column’s delegation accept it with the edit', () => {
    const server = setup();
    expect(readSuggestion(server, 's-amina')).toMatchObject({ status: 'pending', author: authorOf(AMINA) });
    accept(server, LINH, (d) => expect(voteOnSuggestion(d, 's-amina', vote(LINH))).toEqual({ ok: true, value: { applied: true } }));
    expect(viText(server)).toBe(`Hôm nay, ${VI_TEXT}`);
    expect(readSuggestion(server, 's-amina')).toMatchObject({ status: 'accepted', applied: { by: authorOf(LINH) } });
  });

  it('lets the secretariat accept or reject, and the column’s delegation reject', () => {
    const server = setup();
    accept(server, LINH, (d) => voteOnSuggestion(d, 's-amina', vote(LINH, 'reject')));
    expect(readSuggestion(server, 's-amina')!.status).toBe('rejected');
    accept(server, AMINA, (d) => suggest(d, AMINA, 's-2'));
    accept(server, SEC, (d) => voteOnSuggestion(d, 's-2', vote(SEC)));
    expect(readSuggestion(server, 's-2')!.status).toBe('accepted');
    expect(viText(server)).toBe(`Hôm nay, ${VI_TEXT}`);
  });

  it('lets the author revise and withdraw, in one update or several, offline included', () => {
    const server = setup();
    accept(server, AMINA, (d) => reviseSuggestion(d, 's-amina', { text: 'Nay, ', by: authorOf(AMINA) }));
    expect(stored(server)).toMatchObject({ text: 'Nay, ', revision: 2 });
    accept(server, AMINA, (d) => {
      suggest(d, AMINA, 's-offline');
      reviseSuggestion(d, 's-offline', { text: 'Hôm qua, ', by: authorOf(AMINA) });
      reviseSuggestion(d, 's-offline', { text: 'Hôm kia, ', by: authorOf(AMINA) });
      withdrawSuggestion(d, 's-amina', { by: authorOf(AMINA) });
    });
    expect(readSuggestion(server, 's-offline')).toMatchObject({ text: 'Hôm kia, ', revision: 3, status: 'pending' });
    expect(readSuggestion(server, 's-amina')!.status).toBe('withdrawn');
  });

  it('refuses a vote for another side, and a vote or an edit the French delegation has no say in', () => {
    const server = setup();
    const forged = { decision: 'accept', by: authorOf(AMINA), at: 2, revision: 1 };
    expect(refused(server, AMINA, (d) => votesMap(d).set(voteKey('s-amina', 'vi'), forged))).toMatch(/side "vi", which is not the writer's/);
    expect(refused(server, AMINA, (d) => votesMap(d).set(voteKey('s-amina', 'fr'), forged))).toMatch(/does not decide/);
    expect(refused(server, AMINA, (d) => votesMap(d).set(appliedKey('s-amina'), { by: authorOf(AMINA), at: 2, revision: 1 }))).toMatch(/not the writer's/);
    // Accepting as the Vietnamese signatory would also write text:vi: refused by the root rules first.
    expect(refused(server, AMINA, (d) => voteOnSuggestion(d, 's-amina', vote(LINH)))).toMatch(/writes to "text:vi"/);
    expect(refused(server, LINH, (d) => votesMap(d).set(voteKey('s-amina', 'vi'), { ...forged, by: authorOf(AMINA) }))).toMatch(/writer's name/);
    expect(refused(server, LINH, (d) => votesMap(d).set(voteKey('nothing', 'vi'), { ...forged, by: authorOf(LINH) }))).toMatch(/does not exist/);
    expect(readSuggestion(server, 's-amina')!.votes).toEqual([]);
  });

  it('lets a side take back its own vote, and the column’s owner an application (undo of an accept), nobody else', () => {
    const server = setup();
    accept(server, LINH, (d) => voteOnSuggestion(d, 's-amina', vote(LINH)));
    expect(readSuggestion(server, 's-amina')!.status).toBe('accepted');
    // Others may not remove the Vietnamese vote or the application.
    expect(refused(server, AMINA, (d) => votesMap(d).delete(voteKey('s-amina', 'vi')))).toMatch(/not the writer's/);
    expect(refused(server, AMINA, (d) => votesMap(d).delete(appliedKey('s-amina')))).toMatch(/takes back the application/);
    // The Vietnamese side undoes its accept: vote and application go, with the words.
    accept(server, LINH, (d) => {
      d.transact(() => {
        votesMap(d).delete(voteKey('s-amina', 'vi'));
        votesMap(d).delete(appliedKey('s-amina'));
      });
    });
    expect(readSuggestion(server, 's-amina')!.votes).toEqual([]);
  });

  it('keeps the application of a consent suggestion, which is the server’s', () => {
    const server = setup({ consent: true });
    votesMap(server).set(appliedKey('s-amina'), { by: authorOf(LINH), at: 3, revision: 1 });
    expect(refused(server, LINH, (d) => votesMap(d).delete(appliedKey('s-amina')))).toMatch(/takes back the application/);
  });

  it('refuses anyone but the author changing or removing a suggestion', () => {
    const server = setup();
    expect(refused(server, LINH, (d) => reviseSuggestion(d, 's-amina', { text: 'Xấu', by: authorOf(AMINA) }))).toMatch(/someone else's/);
    expect(refused(server, SEC, (d) => withdrawSuggestion(d, 's-amina', { by: authorOf(AMINA) }))).toMatch(/someone else's/);
    expect(refused(server, LINH, (d) => suggestionsMap(d).delete('s-amina'))).toMatch(/removes a suggestion/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).delete('s-amina'))).toMatch(/removes a suggestion/);
    expect(refused(server, LINH, (d) => suggestionsMap(d).set('s-amina', { ...stored(d), author: authorOf(LINH), revision: 2 }))).toMatch(/someone else's/);
    expect(stored(server)).toMatchObject({ text: 'Hôm nay, ', revision: 1, withdrawn: false });
  });

  it('refuses the author moving a suggestion, taking back a withdrawal or rewriting without a new revision', () => {
    const server = setup();
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-amina', { ...stored(d), lang: 'fr', pid: 'p-fr-1', revision: 2 }))).toMatch(
      /rewrites the lang/,
    );
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-amina', { ...stored(d), consent: true, revision: 2 }))).toMatch(/rewrites the consent/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-amina', { ...stored(d), text: 'Khác' }))).toMatch(/without a new revision/);
    accept(server, AMINA, (d) => withdrawSuggestion(d, 's-amina', { by: authorOf(AMINA) }));
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-amina', { ...stored(d), withdrawn: false, revision: 3 }))).toMatch(/withdrawal/);
  });

  it('refuses suggestions in someone else’s name, in a language the declaration lacks, or of another shape', () => {
    const server = setup();
    expect(refused(server, LINH, (d) => suggest(d, AMINA, 's-x'))).toMatch(/writer's name/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-x', { ...stored(d), lang: 'de' }))).toMatch(/language the declaration does not have/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('bad id!', stored(d)))).toMatch(/suggestion id/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-x', { ...stored(d), extra: 1 }))).toMatch(/well-formed/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-x', new Y.Map()))).toMatch(/plain value/);
    expect(refused(server, AMINA, (d) => suggestionsMap(d).set('s-x', { ...stored(d), text: 'x'.repeat(5_001) }))).toMatch(/well-formed/);
    expect(refused(server, OBSERVER, (d) => suggest(d, OBSERVER, 's-x'))).toMatch(/writes to "suggestions"/);
    expect(refused(server, AMINA, (d) => votesMap(d).set('s-amina', { by: authorOf(AMINA) }))).toMatch(/vote key/);
  });

  it('refuses more suggestion items than the cap in one update', () => {
    const server = setup();
    const reason = refused(server, AMINA, (d) => {
      for (let i = 0; i <= MAX_SUGGESTION_ITEMS_PER_UPDATE; i++) suggest(d, AMINA, `flood-${i}`);
    });
    expect(reason).toMatch(/more than 2000 suggestion items/);
  });

  it('lets nobody but the server apply a consent suggestion, and nobody apply twice', () => {
    const server = setup({ consent: true });
    // Linh may vote (the column's delegation), but the applied mark and its edit are the server's.
    accept(server, LINH, (d) => voteOnSuggestion(d, 's-amina', vote(LINH)));
    expect(readSuggestion(server, 's-amina')).toMatchObject({ status: 'pending', readyToApply: true });
    expect(refused(server, LINH, (d) => votesMap(d).set(appliedKey('s-amina'), { by: authorOf(LINH), at: 3, revision: 1 }))).toMatch(/the server applies/);
    expect(refused(server, SEC, (d) => votesMap(d).set(appliedKey('s-amina'), { by: authorOf(SEC), at: 3, revision: 1 }))).toMatch(/the server applies/);
    // An ordinary one, applied once.
    accept(server, AMINA, (d) => suggest(d, AMINA, 's-2'));
    accept(server, LINH, (d) => voteOnSuggestion(d, 's-2', vote(LINH)));
    expect(refused(server, SEC, (d) => votesMap(d).set(appliedKey('s-2'), { by: authorOf(SEC), at: 3, revision: 1 }))).toMatch(/already applied/);
  });

  it('refuses suggestions and votes once the declaration is frozen', () => {
    const server = setup();
    expect(refused(server, AMINA, (d) => suggest(d, AMINA, 's-late'), true)).toBe(`frozen: ${FROZEN_REFUSAL}`);
    expect(refused(server, LINH, (d) => voteOnSuggestion(d, 's-amina', vote(LINH, 'reject')), true)).toBe(`frozen: ${FROZEN_REFUSAL}`);
  });

  it('never lets a suggestion through that breaks a rule, whatever is mutated (property)', () => {
    const server = setup();
    const base: Record<string, unknown> & StoredSuggestion = { ...stored(server) };
    const mutations: fc.Arbitrary<[string, Record<string, unknown>]>[] = [
      fc
        .string({ minLength: 1, maxLength: 30 })
        .filter((n) => n.trim().normalize('NFC') !== AMINA.name)
        .map((name) => ['s-m', { ...base, author: { name, delegation: 'fr' } }]),
      fc.constantFrom('vi', 'secretariat', 'observer', '').map((delegation) => ['s-m', { ...base, author: { ...base.author, delegation } }]),
      fc.constantFrom('de', 'xx', '', 'text:vi').map((lang) => ['s-m', { ...base, lang }]),
      fc
        .string({ maxLength: 80 })
        .filter((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id))
        .map((id) => [id, base]),
      fc.constantFrom('revision', 'withdrawn', 'consent', 'start', 'at').map((field) => ['s-m', { ...base, [field]: 'x' }]),
      fc.string({ minLength: 1, maxLength: 10 }).map((field) => ['s-m', { ...base, [`_${field}`]: 1 }]),
    ];
    fc.assert(
      fc.property(fc.oneof(...mutations), fc.constantFrom(AMINA, LINH, SEC), ([key, value], who) => {
        const v = verdict(
          server,
          who,
          edit(server, (d) => suggestionsMap(d).set(key, value)),
        );
        expect(v.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('decides every vote key by the table: writer × side × consent', () => {
    // Amina's suggestion in the Vietnamese column; expected: who may write which key.
    const table: Record<'ordinary' | 'consent', Record<string, Record<string, boolean>>> = {
      ordinary: {
        'Amina Diallo': { fr: false, vi: false, secretariat: false, applied: false, xx: false },
        'Nguyễn Linh': { fr: false, vi: true, secretariat: false, applied: true, xx: false },
        Secrétariat: { fr: false, vi: false, secretariat: true, applied: true, xx: false },
      },
      consent: {
        'Amina Diallo': { fr: false, vi: false, secretariat: false, applied: false, xx: false },
        'Nguyễn Linh': { fr: false, vi: true, secretariat: false, applied: false, xx: false },
        Secrétariat: { fr: false, vi: false, secretariat: true, applied: false, xx: false },
      },
    };
    for (const kind of ['ordinary', 'consent'] as const) {
      const server = setup({ consent: kind === 'consent' });
      for (const who of [AMINA, LINH, SEC]) {
        for (const [side, allowed] of Object.entries(table[kind][who.name]!)) {
          const value = side === 'applied' ? { by: authorOf(who), at: 2, revision: 1 } : { decision: 'accept', by: authorOf(who), at: 2, revision: 1 };
          const v = verdict(
            server,
            who,
            edit(server, (d) => votesMap(d).set(side === 'applied' ? appliedKey('s-amina') : voteKey('s-amina', side), value)),
          );
          expect({ kind, who: who.name, side, ok: v.ok }).toEqual({ kind, who: who.name, side, ok: allowed });
        }
      }
    }
  });
});
