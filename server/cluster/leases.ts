import type { DeclarationId } from '../../shared/model/ids.js';

/**
 * Who does a declaration's background work (aligning, checkpoints, compaction) when several
 * instances hold it: the holder of its lease. A lease expires unless renewed, so the work moves
 * to another instance when its holder dies.
 */
export interface Leases {
  /** Takes the lease if it is free or already ours; renews it while held. */
  acquire(id: DeclarationId): Promise<boolean>;
  /** Whether this instance held the lease at its last renewal. */
  holds(id: DeclarationId): boolean;
  release(id: DeclarationId): Promise<void>;
  close(): Promise<void>;
}
