import type { DeclarationId } from '../../shared/model/ids.js';
import type { VersionEntry, VersionKind } from '../../shared/protocol/api.js';

export type { VersionKind };

/** What the store keeps about a version besides its state: the wire's version entry, as is. */
export type VersionMeta = VersionEntry;

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
