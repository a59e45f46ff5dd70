/**
 * Fold the log into a snapshot once it holds this many times the snapshot's bytes: a snapshot
 * then costs at most 1/8 of what the log wrote (the write amplification stays near 1), and a
 * load after a crash replays at most that much.
 */
const COMPACT_LOG_TO_SNAPSHOT = 8;
/** Below this, a small document's log is not worth folding yet. */
const COMPACT_MIN_LOG_BYTES = 64 * 1024;

/** When one declaration's log of updates is worth folding into a snapshot. */
export class CompactionPolicy {
  /**
   * @param afterUpdates fold once this many updates follow the snapshot, whatever their size.
   * @param updates, bytes: the log as loaded (count and bytes); snapshotBytes: the snapshot's size.
   */
  constructor(
    private readonly afterUpdates: number,
    private updates: number,
    private bytes: number,
    private snapshotBytes: number,
  ) {}

  /** An update of `bytes` now follows the snapshot in the store. */
  logged(bytes: number): void {
    this.updates++;
    this.bytes += bytes;
  }

  /** Updates the log holds past the snapshot. */
  get pending(): number {
    return this.updates;
  }

  get wantsCompaction(): boolean {
    if (this.updates === 0) return false;
    return this.updates >= this.afterUpdates || this.bytes >= Math.max(COMPACT_MIN_LOG_BYTES, COMPACT_LOG_TO_SNAPSHOT * this.snapshotBytes);
  }

  /** The log was folded into a snapshot of `snapshotBytes`; returns how many updates it folded. */
  folded(snapshotBytes: number): number {
    const folded = this.updates;
    this.snapshotBytes = snapshotBytes;
    this.bytes = 0;
    this.updates = 0;
    return folded;
  }
}
