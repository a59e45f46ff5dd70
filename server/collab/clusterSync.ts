import type { DeclarationId } from '../../shared/model/ids.js';
import type { DocumentStore } from '../storage/documentStore.js';

/**
 * Where one room's document stands in the store's sequence of updates. With several instances
 * writing, the store may hand out numbers this instance has not seen yet: those are read from
 * the store (catch-up) before the cursor moves past them.
 */
export class ClusterSync {
  /** The sequence number up to which the document holds every update, without a gap. */
  private lastSeq: number;
  /** The store gave a number past a gap: catch up at the next chance. */
  private gap = false;

  constructor(
    lastSeq: number,
    private readonly store: DocumentStore,
    private readonly id: DeclarationId,
  ) {
    this.lastSeq = lastSeq;
  }

  /** Every update up to this number is in the document. */
  get through(): number {
    return this.lastSeq;
  }

  /** Whether updates stored by other instances are missing (read them with `readMissed`). */
  get behind(): boolean {
    return this.gap;
  }

  /** This instance stored an update as `seq`. */
  stored(seq: number): void {
    if (seq === this.lastSeq + 1) this.lastSeq = seq;
    else if (seq > this.lastSeq) this.gap = true; // another instance stored updates in between
  }

  /** An update another instance stored as `seq`: already held, the next in order, or past a gap (catch up). */
  place(seq: number): 'held' | 'next' | 'gap' {
    if (seq <= this.lastSeq) return 'held';
    return seq === this.lastSeq + 1 && !this.gap ? 'next' : 'gap';
  }

  /** Reads what the store holds past the cursor (a snapshot first, if it was compacted meanwhile); null when nothing. */
  async readMissed(): Promise<{ updates: readonly Uint8Array[]; through: number } | null> {
    const stored = await this.store.readSince(this.id, this.lastSeq);
    this.gap = false;
    if (stored.lastSeq <= this.lastSeq && stored.updates.length === 0) return null;
    return { updates: stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates, through: stored.lastSeq };
  }

  /** The document now holds every update through `seq`. */
  applied(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }
}
