import type { DeclarationId } from '../../../shared/model/ids.js';
import type { FreezeRecord, PublicationRecord, StoredSignature } from '../publicationStore.js';
import type { ColumnsOf } from '../schema/tables.js';

/** A `freezes` row (schema/tables.ts). */
export interface FreezeRow {
  id: number;
  doc_id: string;
  version: number;
  frozen_at: number;
  frozen_by: string;
  override_reason: string | null;
  concordance: string;
  export_json: string;
  unfrozen_at: number | null;
  unfrozen_by: string | null;
  unfreeze_reason: string | null;
}

/** A `signatures` row, without the freeze it belongs to. */
export interface SignatureRow {
  lang: string;
  grant_id: string;
  signer: string;
  public_key: string;
  signature: string;
  signed_at: string;
}

/** A `publications` row. */
export interface PublicationRow {
  doc_id: string;
  freeze_id: number;
  published_at: number;
  published_by: string;
  replaces: string | null;
  export_json: string;
}

export function toFreeze(r: FreezeRow): FreezeRecord {
  return {
    id: r.id,
    declarationId: r.doc_id as DeclarationId,
    version: r.version,
    frozenAt: r.frozen_at,
    frozenBy: r.frozen_by,
    overrideReason: r.override_reason,
    concordance: r.concordance,
    exportJson: r.export_json,
    unfrozen: r.unfrozen_at === null ? null : { at: r.unfrozen_at, by: r.unfrozen_by ?? '', reason: r.unfreeze_reason ?? '' },
  };
}

export function toSignature(r: SignatureRow): StoredSignature {
  return { lang: r.lang, grantId: r.grant_id, signer: r.signer, publicKey: r.public_key, signature: r.signature, signedAt: r.signed_at };
}

export function toPublication(r: PublicationRow): PublicationRecord {
  return {
    declarationId: r.doc_id as DeclarationId,
    freezeId: r.freeze_id,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    replaces: r.replaces as DeclarationId | null,
    exportJson: r.export_json,
  };
}

/** Compiles only while these row types name columns the schema has. */
export type RowChecks = [ColumnsOf<'freezes', FreezeRow>, ColumnsOf<'signatures', SignatureRow>, ColumnsOf<'publications', PublicationRow>];
