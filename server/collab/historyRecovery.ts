import { basename } from 'node:path';
import * as Y from 'yjs';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { Logger } from '../log.js';
import type { StoredDocument } from '../storage/documentStore.js';
import type { VersionStore } from '../storage/versionStore.js';
import type { HistoryDamage } from './historyDamage.js';
import { pendingStructs } from './historyRestore.js';
import { turnAfterIo } from './workSlices.js';

/** Where a damaged history is filled in from, and where damage is reported. */
export interface RecoverySources {
  /** The latest version holds the declaration's full Yjs state; none in some tests. */
  readonly versions?: Pick<VersionStore, 'latest'>;
  readonly historyDamage?: HistoryDamage;
}

/** A document rebuilt from the store, and whether it holds more than the store does (it must be compacted). */
export interface RebuiltDocument {
  readonly doc: Y.Doc;
  /** Stored updates that did not apply (skipped). */
  readonly skipped: number;
  /** A version filled in lost history: the document holds state the store lacks until it is compacted. */
  readonly filled: boolean;
}

/**
 * Builds a declaration's document from snapshot + updates. When part of the history was lost
 * (a damaged record, an update that does not apply), the latest version's full state is applied
 * too: a version is an encoding of this same document (same client ids and clocks), so adding it
 * is a union of CRDT updates that only fills what is missing, whatever it overlaps. (What it
 * cannot tell: content deleted by a lost record reappears if the version still had it.) Intact
 * updates whose dependencies were lost stay pending in the document: kept (compaction stores
 * them), integrated as soon as a fuller copy supplies what they wait for, and reported.
 */
export async function rebuildDocument(id: DeclarationId, stored: StoredDocument, log: Logger, sources: RecoverySources): Promise<RebuiltDocument> {
  const doc = new Y.Doc({ gc: true });
  const lost = stored.damaged && !stored.damaged.tornWrite ? stored.damaged : null;
  let skipped = 0;
  const apply = (update: Uint8Array) => {
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      skipped++;
      log.error('load.record_skipped', { declaration: id, error: String(error) });
    }
  };
  // A snapshot is written whole and renamed into place: one that does not apply fails the load, as before.
  if (stored.snapshot) {
    Y.applyUpdate(doc, stored.snapshot);
    // Applying a long declaration's snapshot and its log each hold the event loop a while: a turn between them.
    if (stored.updates.length > 0) await turnAfterIo();
  }
  doc.transact(() => {
    for (const update of stored.updates) apply(update);
  });
  if (stored.damaged?.tornWrite) {
    // A write cut short at the end of the log: nothing any client was told was stored is missing.
    log.warn('load.log_damaged', { declaration: id, ...stored.damaged });
  }
  if (!lost && skipped === 0) return { doc, skipped, filled: false };

  const version = await sources.versions?.latest(id).catch((error: unknown) => {
    log.error('load.version_unreadable', { declaration: id, error: String(error) });
    return null;
  });
  if (version) doc.transact(() => apply(version.state));
  const waiting = pendingStructs(doc);
  const report = {
    foundAt: new Date(lost?.foundAt ?? Date.now()).toISOString(),
    reason: lost?.reason ?? 'a stored change does not apply',
    lost: (lost?.skipped.length ?? 0) + skipped,
    recovered: stored.updates.filter((u) => u.byteLength > 2).length - skipped,
    filledFrom: version ? { version: version.version, label: version.label, at: version.at } : null,
    waiting,
    keptAs: lost ? basename(lost.keptAt) : null,
  };
  log.warn('history.damaged', { declaration: id, ...report, keptAt: lost?.keptAt ?? null, skippedStretches: lost?.skipped ?? [] });
  sources.historyDamage?.record(id, report);
  return { doc, skipped, filled: Boolean(version) };
}
