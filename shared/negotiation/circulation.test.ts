import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LanguageCode } from '../model/ids.js';
import {
  CIRCULATION_MAP,
  MAX_OBJECTIONS_PER_DELEGATION,
  parseObjectionRequest,
  raiseObjection,
  readObjections,
  type Circulation,
  type Objection,
} from './circulation.js';

const LANGUAGES = ['fr', 'vi'] as LanguageCode[];

function circulated(deadline: number): Y.Doc {
  const doc = new Y.Doc();
  const c: Circulation = { id: 'c1', version: 1, deadline, startedAt: 0, by: 'Secrétariat', closedAt: null, outcome: null, objections: 0 };
  doc.getMap(CIRCULATION_MAP).set('c1', c);
  return doc;
}

const objection = (at: number, delegation = 'vi'): Objection => ({ circulationId: 'c1', rowKey: 'r', pids: {}, delegation, name: 'Đoàn', text: 'Không.', at });

describe('objections', () => {
  it('reads a request: trimmed NFC text of 1 to 5,000 characters, paragraph ids of the declaration’s languages', () => {
    expect(parseObjectionRequest({ circulationId: 'c1', rowKey: 'r', pids: { vi: ['p-a-1'] }, text: '  Khoa\u0302ng  ' }, LANGUAGES)).toEqual({
      ok: true,
      value: { circulationId: 'c1', rowKey: 'r', pids: { vi: ['p-a-1'] }, text: 'Khoâng' },
    });
    const bad = (body: object) => parseObjectionRequest({ circulationId: 'c1', rowKey: 'r', pids: {}, text: 'x', ...body }, LANGUAGES).ok;
    expect(bad({ text: ' ' })).toBe(false);
    expect(bad({ text: 'x'.repeat(5_001) })).toBe(false);
    expect(bad({ pids: { ja: ['p-a-1'] } })).toBe(false);
    expect(bad({ pids: { fr: ['not an id'] } })).toBe(false);
    expect(bad({ rowKey: '' })).toBe(false);
  });

  it('records an objection made before the deadline, refuses one at or after it, and caps each delegation', () => {
    const doc = circulated(1_000);
    expect(raiseObjection(doc, objection(999), null)).toEqual({ ok: true });
    expect(raiseObjection(doc, objection(1_000), null)).toMatchObject({ ok: false, code: 'closed' });
    expect(raiseObjection(doc, { ...objection(1), circulationId: 'c9' }, null)).toMatchObject({ ok: false, code: 'no-circulation' });
    for (let i = 1; i < MAX_OBJECTIONS_PER_DELEGATION; i++) raiseObjection(doc, objection(i), null);
    expect(raiseObjection(doc, objection(1), null)).toMatchObject({ ok: false, code: 'too-many' });
    expect(raiseObjection(doc, objection(1, 'fr'), null)).toEqual({ ok: true });
    expect(readObjections(doc, 'c1')).toHaveLength(MAX_OBJECTIONS_PER_DELEGATION + 1);
  });
});
