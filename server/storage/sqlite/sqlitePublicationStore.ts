import type { DeclarationId } from '../../../shared/model/ids.js';
import type { SqliteDatabase } from './sqliteDatabase.js';
import type { FreezeRecord, PublicationRecord, PublicationStore, StoredSignature } from '../publicationStore.js';

interface FreezeRow {
  id: number;
  doc_id: string;
  version: number;
  frozen_at: number;
  frozen_by: string;
  override_reason: string | null;
  concordance: string;
  export: string;
  unfrozen_at: number | null;
  unfrozen_by: string | null;
  unfreeze_reason: string | null;
}

interface SignatureRow {
  lang: string;
  grant_id: string;
  signer: string;
  public_key: string;
  signature: string;
  signed_at: string;
}

interface PublicationRow {
  doc_id: string;
  freeze_id: number;
  published_at: number;
  published_by: string;
  replaces: string | null;
  export: string;
}

export class SqlitePublicationStore implements PublicationStore {
  constructor(private readonly db: SqliteDatabase) {}

  async currentFreeze(id: DeclarationId): Promise<FreezeRecord | null> {
    const row = this.db.prepare('SELECT * FROM freezes WHERE doc_id = ? AND unfrozen_at IS NULL').get(id) as FreezeRow | undefined;
    return row ? toFreeze(row) : null;
  }

  async addFreeze(r: Omit<FreezeRecord, 'id' | 'unfrozen'>): Promise<FreezeRecord> {
    const info = this.db
      .prepare('INSERT INTO freezes (doc_id, version, frozen_at, frozen_by, override_reason, concordance, export) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(r.declarationId, r.version, r.frozenAt, r.frozenBy, r.overrideReason, r.concordance, r.exportJson);
    return { ...r, id: Number(info.lastInsertRowid), unfrozen: null };
  }

  async endFreeze(freezeId: number, u: NonNullable<FreezeRecord['unfrozen']>): Promise<void> {
    this.db.prepare('UPDATE freezes SET unfrozen_at = ?, unfrozen_by = ?, unfreeze_reason = ? WHERE id = ? AND unfrozen_at IS NULL').run(u.at, u.by, u.reason, freezeId);
  }

  async listFreezes(id: DeclarationId): Promise<FreezeRecord[]> {
    return (this.db.prepare('SELECT * FROM freezes WHERE doc_id = ? ORDER BY id').all(id) as FreezeRow[]).map(toFreeze);
  }

  async registerKey(declarationId: DeclarationId, grantId: string, publicKey: string, at: number): Promise<void> {
    this.db.prepare('INSERT INTO signing_keys (grant_id, doc_id, public_key, registered_at) VALUES (?, ?, ?, ?)').run(grantId, declarationId, publicKey, at);
  }

  async keyOf(grantId: string): Promise<string | null> {
    const row = this.db.prepare('SELECT public_key FROM signing_keys WHERE grant_id = ? ORDER BY registered_at DESC, rowid DESC LIMIT 1').get(grantId) as { public_key: string } | undefined;
    return row?.public_key ?? null;
  }

  async addSignature(freezeId: number, s: StoredSignature): Promise<boolean> {
    const info = this.db
      .prepare('INSERT OR IGNORE INTO signatures (freeze_id, lang, grant_id, signer, public_key, signature, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(freezeId, s.lang, s.grantId, s.signer, s.publicKey, s.signature, s.signedAt);
    return info.changes === 1;
  }

  async signatures(freezeId: number): Promise<StoredSignature[]> {
    return (this.db.prepare('SELECT * FROM signatures WHERE freeze_id = ? ORDER BY signed_at, lang').all(freezeId) as SignatureRow[]).map((r) => ({
      lang: r.lang,
      grantId: r.grant_id,
      signer: r.signer,
      publicKey: r.public_key,
      signature: r.signature,
      signedAt: r.signed_at,
    }));
  }

  async publish(r: PublicationRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO publications (doc_id, freeze_id, published_at, published_by, replaces, export) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.declarationId, r.freezeId, r.publishedAt, r.publishedBy, r.replaces, r.exportJson);
  }

  async publication(id: DeclarationId): Promise<PublicationRecord | null> {
    const row = this.db.prepare('SELECT * FROM publications WHERE doc_id = ?').get(id) as PublicationRow | undefined;
    return row ? toPublication(row) : null;
  }

  async correctionOf(id: DeclarationId): Promise<PublicationRecord | null> {
    const row = this.db.prepare('SELECT * FROM publications WHERE replaces = ?').get(id) as PublicationRow | undefined;
    return row ? toPublication(row) : null;
  }

  async recordCorrection(id: DeclarationId, replaces: DeclarationId): Promise<void> {
    this.db.prepare('INSERT INTO corrections (doc_id, replaces) VALUES (?, ?)').run(id, replaces);
  }

  async replacedBy(id: DeclarationId): Promise<DeclarationId | null> {
    const row = this.db.prepare('SELECT replaces FROM corrections WHERE doc_id = ?').get(id) as { replaces: string } | undefined;
    return (row?.replaces as DeclarationId | undefined) ?? null;
  }
}

function toFreeze(r: FreezeRow): FreezeRecord {
  return {
    id: r.id,
    declarationId: r.doc_id as DeclarationId,
    version: r.version,
    frozenAt: r.frozen_at,
    frozenBy: r.frozen_by,
    overrideReason: r.override_reason,
    concordance: r.concordance,
    exportJson: r.export,
    unfrozen: r.unfrozen_at === null ? null : { at: r.unfrozen_at, by: r.unfrozen_by ?? '', reason: r.unfreeze_reason ?? '' },
  };
}

function toPublication(r: PublicationRow): PublicationRecord {
  return {
    declarationId: r.doc_id as DeclarationId,
    freezeId: r.freeze_id,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    replaces: r.replaces as DeclarationId | null,
    exportJson: r.export,
  };
}
