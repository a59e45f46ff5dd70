import type * as Y from 'yjs';

/** The Yjs map with the declaration's circulations (id → `Circulation`), written by the server. */
export const CIRCULATION_MAP = 'circulations';
/** The Yjs array where delegations append objections (`Objection`). */
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

/** Appends an objection; refused (as a value) once the circulation is closed or past its deadline. */
export function raiseObjection(doc: Y.Doc, objection: Objection, origin: unknown): { ok: true } | { ok: false; reason: string } {
  const circulation = readCirculations(doc).find((c) => c.id === objection.circulationId);
  if (!circulation) return { ok: false, reason: 'no such circulation' };
  if (circulation.closedAt !== null || objection.at >= circulation.deadline) return { ok: false, reason: 'the deadline has passed' };
  const text = objection.text.trim().normalize('NFC');
  if (!text || text.length > 5000) return { ok: false, reason: 'an objection says why, in 1 to 5,000 characters' };
  doc.transact(() => doc.getArray<Objection>(OBJECTIONS).push([{ ...objection, text }]), origin);
  return { ok: true };
}
