import type { DeclarationId } from '../../shared/model/ids.js';
import type { SignatureRecord } from '../../shared/publish/declarationExport.js';

/** One freeze of a declaration: what was fingerprinted, by whom, and whether it still stands. */
export interface FreezeRecord {
  readonly id: number;
  readonly declarationId: DeclarationId;
  /** The version taken at the freeze. */
  readonly version: number;
  readonly frozenAt: number;
  readonly frozenBy: string;
  /** Why the secretariat froze despite open concordance issues; null when the list was empty. */
  readonly overrideReason: string | null;
  /** The concordance list as it stood at the freeze (JSON). */
  readonly concordance: string;
  /** The unsigned export (JSON), fingerprint included: exactly what signatories sign. */
  readonly exportJson: string;
  readonly unfrozen: { readonly at: number; readonly by: string; readonly reason: string } | null;
}

/** A signature as stored: the record the export carries, and whose invitation gave it. */
export interface StoredSignature extends SignatureRecord {
  readonly grantId: string;
}

export interface PublicationRecord {
  readonly declarationId: DeclarationId;
  readonly freezeId: number;
  readonly publishedAt: number;
  readonly publishedBy: string;
  readonly replaces: DeclarationId | null;
  /** The published export with its signatures (JSON): served byte for byte, never changed. */
  readonly exportJson: string;
}

/** Freezes, signing keys, signatures and publications. Signatures and publications are immutable. */
export interface PublicationStore {
  currentFreeze(id: DeclarationId): Promise<FreezeRecord | null>;
  /** Records a freeze; fails if one is already current (one at a time per declaration). */
  addFreeze(record: Omit<FreezeRecord, 'id' | 'unfrozen'>): Promise<FreezeRecord>;
  /** Ends the current freeze; its signatures stay on record but no longer count. */
  endFreeze(freezeId: number, unfrozen: NonNullable<FreezeRecord['unfrozen']>): Promise<void>;
  listFreezes(id: DeclarationId): Promise<FreezeRecord[]>;

  /** Registers a public key with an invitation (a later key replaces an earlier one). */
  registerKey(declarationId: DeclarationId, grantId: string, publicKey: string, at: number): Promise<void>;
  /** The invitation's current key, if any. */
  keyOf(grantId: string): Promise<string | null>;

  /** Stores a signature; false if the language already has one for this freeze. */
  addSignature(freezeId: number, signature: StoredSignature): Promise<boolean>;
  signatures(freezeId: number): Promise<StoredSignature[]>;

  publish(record: PublicationRecord): Promise<void>;
  publication(id: DeclarationId): Promise<PublicationRecord | null>;
  /** The publication that corrects this one, if any. */
  correctionOf(id: DeclarationId): Promise<PublicationRecord | null>;
  /** Records that a declaration was opened to correct a published one. */
  recordCorrection(id: DeclarationId, replaces: DeclarationId): Promise<void>;
  /** The published declaration this one corrects, if it was opened as a correction. */
  replacedBy(id: DeclarationId): Promise<DeclarationId | null>;
}
