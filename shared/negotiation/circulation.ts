import type * as Y from 'yjs';
import type { LanguageCode } from '../model/ids.js';
import { isParagraphId } from '../model/paragraphIds.js';
import { fail, ok, type Result } from '../model/result.js';
import { toNfc } from '../text/nfc.js';
import { MAX_ANCHOR_PIDS } from './commentModel.js';

/** The Yjs map with the declaration's circulations (id → `Circulation`), written by the server. */
export const CIRCULATION_MAP = 'circulations';
/**
 * The Yjs array of objections (`Objection`), written by the server only: a delegation raises one
 * through `POST /api/declarations/:id/objections`, which records its delegation and the time.
 */
export const OBJECTIONS = 'objections';

export type CirculationOutcome = 'adopted-by-silence' | 'objected';

/** A version sent to the delegations with a deadline (silence procedure). */
export interface Circulation {
  readonly id: string;
  readonly version: number;
  readonly deadline: number;
  readonly startedAt: number;
  readonly by: string;
  readonly closedAt: number | null;
  readonly outcome: CirculationOutcome | null;
  /** The objections that counted (those made before the deadline). */
  readonly objections: number;
}

/** A delegation's objection to a row of a circulated version. */
export interface Objection {
  readonly circulationId: string;
  readonly rowKey: string;
  readonly pids: Readonly<Record<string, readonly string[]>>;
  readonly delegation: string;
  readonly name: string;
  readonly text: string;
  readonly at: number;
}

export function readCirculations(doc: Y.Doc): Circulation[] {
  const list: Circulation[] = [];
  doc.getMap(CIRCULATION_MAP).forEach((value) => {
    const c = value as Circulation | null;
    if (c && typeof c.id === 'string' && typeof c.deadline === 'number') list.push(c);
  });
  return list.sort((a, b) => a.startedAt - b.startedAt);
}

/** The circulation still open at `now`, if any. */
export function openCirculation(doc: Y.Doc, now: number): Circulation | null {
  return readCirculations(doc).find((c) => c.closedAt === null && now < c.deadline) ?? null;
}

export function readObjections(doc: Y.Doc, circulationId: string): Objection[] {
  return doc
    .getArray<Objection>(OBJECTIONS)
    .toArray()
    .filter((o) => o?.circulationId === circulationId && typeof o.text === 'string');
}

export const MAX_OBJECTION_LENGTH = 5_000;
/** Most objections one delegation raises in one circulation: one per row of a long declaration, and a stop to floods. */
export const MAX_OBJECTIONS_PER_DELEGATION = 500;
const MAX_ROW_KEY_LENGTH = 200;

/** What a delegation sends to object (`POST /api/declarations/:id/objections`); who and when come from the server. */
export interface ObjectionRequest {
  readonly circulationId: string;
  /** The row objected to, as the export names it, and its paragraph ids per language. */
  readonly rowKey: string;
  readonly pids: Readonly<Record<string, readonly string[]>>;
  /** Why: 1 to 5,000 characters, stored trimmed and in NFC. */
  readonly text: string;
}

/** Validates the body of `POST /api/declarations/:id/objections` against the declaration's languages. */
export function parseObjectionRequest(body: unknown, languages: readonly LanguageCode[]): Result<ObjectionRequest> {
  if (typeof body !== 'object' || body === null) return fail('expected a JSON object');
  const { circulationId, rowKey, pids, text } = body as Record<string, unknown>;
  if (typeof circulationId !== 'string' || circulationId === '' || circulationId.length > 64) return fail('circulationId names a circulation');
  if (typeof rowKey !== 'string' || rowKey === '' || rowKey.length > MAX_ROW_KEY_LENGTH) return fail(`rowKey is 1 to ${MAX_ROW_KEY_LENGTH} characters`);
  if (typeof pids !== 'object' || pids === null || Array.isArray(pids)) return fail('pids maps languages to paragraph ids');
  const cleanPids: Record<string, string[]> = {};
  for (const [lang, list] of Object.entries(pids)) {
    if (!languages.includes(lang as LanguageCode)) return fail(`pids: "${lang}" is not a language of this declaration`);
    if (!Array.isArray(list) || list.length > MAX_ANCHOR_PIDS || !list.every(isParagraphId))
      return fail(`pids: up to ${MAX_ANCHOR_PIDS} paragraph ids per language`);
    cleanPids[lang] = [...list];
  }
  if (typeof text !== 'string' || text.length > 2 * MAX_OBJECTION_LENGTH) return fail('an objection says why, in 1 to 5,000 characters');
  const clean = toNfc(text.trim());
  if (!clean || clean.length > MAX_OBJECTION_LENGTH) return fail('an objection says why, in 1 to 5,000 characters');
  return ok({ circulationId, rowKey, pids: cleanPids, text: clean });
}

/** Why an objection was not recorded. */
export type ObjectionRefusal = { readonly ok: false; readonly code: 'no-circulation' | 'closed' | 'too-many'; readonly reason: string };

/**
 * Appends an objection made at `objection.at` (the server's clock); refused once the
 * circulation is closed or past its deadline. The server runs it in the room's queue, where the
 * deadline is also settled, so an objection either counts or is refused.
 */
export function raiseObjection(doc: Y.Doc, objection: Objection, origin: unknown): { readonly ok: true } | ObjectionRefusal {
  const circulation = readCirculations(doc).find((c) => c.id === objection.circulationId);
  if (!circulation) return { ok: false, code: 'no-circulation', reason: 'no such circulation' };
  if (circulation.closedAt !== null || objection.at >= circulation.deadline) return { ok: false, code: 'closed', reason: 'the deadline has passed' };
  if (readObjections(doc, circulation.id).filter((o) => o.delegation === objection.delegation).length >= MAX_OBJECTIONS_PER_DELEGATION) {
    return { ok: false, code: 'too-many', reason: `at most ${MAX_OBJECTIONS_PER_DELEGATION} objections per delegation and circulation` };
  }
  doc.transact(() => doc.getArray<Objection>(OBJECTIONS).push([objection]), origin);
  return { ok: true };
}
