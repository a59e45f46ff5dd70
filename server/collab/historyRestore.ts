import * as Y from 'yjs';
import { readFrozen } from '../../shared/model/freeze.js';
import type { Room } from './room.js';
import { checkWrite } from './writePolicy.js';

export type RestoreOutcome = { readonly ok: true; readonly restored: number; readonly waiting: number } | { readonly ok: false; readonly reason: string };

/**
 * Adds to a damaged declaration what a secretariat page's copy holds and the server lost. A
 * page's sync cannot always do it: its step 2 carries the lost changes under the client ids of
 * whoever first wrote them (a delegation, the import), and a connection may write only as its
 * own client ids. Here the server stores them as its own change, under three conditions: the
 * secretariat may write every root it touches (and nothing while frozen), every struct starts at
 * or after what the server holds of its client (it fills a gap, it never re-points what exists),
 * and the room was found damaged (the caller checks).
 */
export async function restoreFromCopy(room: Room, update: Uint8Array): Promise<RestoreOutcome> {
  let outcome: RestoreOutcome = { ok: false, reason: 'nothing was restored' };
  await room.change((doc) => {
    const verdict = checkWrite(doc, update, { kind: 'secretariat' }, { frozen: readFrozen(doc) !== null });
    if (!verdict.ok) {
      outcome = { ok: false, reason: verdict.reason };
      return;
    }
    for (const struct of Y.decodeUpdate(update).structs) {
      const held = Y.getState(doc.store, struct.id.client);
      if (struct.id.clock < held && struct.id.clock + struct.length > held) {
        outcome = { ok: false, reason: 'the copy overlaps what the server holds: it is not the same history' };
        return;
      }
    }
    const before = heldUnits(doc);
    Y.applyUpdate(doc, update);
    outcome = { ok: true, restored: heldUnits(doc) - before, waiting: pendingStructs(doc) };
  });
  return outcome;
}

/** Stored changes that wait for content the document does not have. */
export function pendingStructs(doc: Y.Doc): number {
  return doc.store.pendingStructs ? Y.decodeUpdateV2(doc.store.pendingStructs.update).structs.length : 0;
}

/** Units of content (characters, elements, entries) the document holds, over every client. */
function heldUnits(doc: Y.Doc): number {
  let n = 0;
  for (const clock of Y.decodeStateVector(Y.encodeStateVector(doc)).values()) n += clock;
  return n;
}
