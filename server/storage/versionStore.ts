import type { DeclarationId } from '../../shared/model/ids.js';

/** How a version came to be: named by the secretariat, or taken by the server after a pause. */
export type VersionKind = 'named' | 'auto';

export interface VersionMeta {
  readonly version: number;
  readonly kind: VersionKind;
  readonly label: string;
  readonly note: string;
  readonly at: number;
  /** The name of whoever named it ("Accord" for automatic checkpoints). */
  readonly by: string;
  /** What changed since the previous version (the comparison summary), if there was one. */
  readonly changeSummary: unknown;
}

export interface StoredVersion extends VersionMeta {
  /** The full Yjs state: a version opens without replaying history. */
  readonly state: Uint8Array;
  /** The canonical text (NFC, rows in reading order), as JSON. */
  readonly canonical: string;
}

/** Immutable named states of a declaration, numbered from 1. */
export interface VersionStore {
  /** Stores a new version with the next number and returns that number. */
  add(id: DeclarationId, version: Omit<StoredVersion, 'version'>): Promise<number>;
  list(id: DeclarationId): Promise<VersionMeta[]>;
  get(id: DeclarationId, version: number): Promise<StoredVersion | null>;
  latest(id: DeclarationId): Promise<StoredVersion | null>;
}
