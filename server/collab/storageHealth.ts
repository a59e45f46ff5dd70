import type { DeclarationId } from '../../shared/model/ids.js';
import type { DocumentStore } from '../storage/documentStore.js';
import type { Logger } from '../log.js';

/** What a client is told when its change cannot be stored now; it keeps the change and sends it again later. */
export const STORAGE_REFUSAL = 'the server cannot store changes right now';

/** The store refused to write: the change was not stored, nor shown to anyone. */
export class StorageFailure extends Error {}

/**
 * Whether the store has refused a write and not yet taken one since (a full or failing disk).
 * Shared by every room of one store: meanwhile rooms are read-only.
 */
export class StorageHealth {
  failingSince: number | null = null;

  /** A write failed: from now on each write first asks the store whether it takes writes again. */
  failed(): void {
    if (this.failingSince === null) this.failingSince = Date.now();
  }
}

/** Whether a write may be tried: while the store is failing, it is asked first whether it takes writes again. */
export async function storageAccepts(health: StorageHealth | undefined, store: DocumentStore, id: DeclarationId, log: Logger): Promise<boolean> {
  if (!health || health.failingSince === null) return true;
  if (!(await store.checkWritable(id))) return false;
  log.info('store.recovered', { declaration: id, downMs: Date.now() - health.failingSince });
  health.failingSince = null;
  return true;
}
