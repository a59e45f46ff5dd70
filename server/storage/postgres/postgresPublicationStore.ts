import type { DeclarationId } from '../../../shared/model/ids.js';
import type { PostgresDatabase } from './postgresDatabase.js';
import type { FreezeRecord, PublicationRecord, PublicationStore, StoredSignature } from '../publicationStore.js';

interface FreezeRow {
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
  export_json: string;
}

/**
 * Freezes, keys, signatures and publications in PostgreSQL. As in SQLite, the database keeps the
 * rules: one current freeze per declaration (a partial unique index), and triggers that refuse
 * any change to a signature, a publication or what a freeze fingerprinted.
 */
export class PostgresPublicationStore implements PublicationStore {
  constructor(private readonly db: PostgresDatabase) {}

  async currentFreeze(id: DeclarationId): Promise<FreezeRecord | null> {
    const { rows } = await this.db.query<FreezeRow>('SELECT * FROM freezes WHERE doc_id = $1 AND unfrozen_at IS NULL', [id]);
    return rows[0] ? toFreeze(rows[0]) : null;
  }

  async addFreeze(r: Omit<FreezeRecord, 'id' | 'unfrozen'>): Promise<FreezeRecord> {
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO freezes (doc_id, version, frozen_at, frozen_by, override_reason, concordance, export_json)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [r.declarationId, r.version, r.frozenAt, r.frozenBy, r.overrideReason, r.concordance, r.exportJson],
    );
    return { ...r, id: rows[0]!.id, unfrozen: null };
  }

  async endFreeze(freezeId: number, u: NonNullable<FreezeRecord['unfrozen']>): Promise<void> {
    await this.db.query('UPDATE freezes SET unfrozen_at = $1, unfrozen_by = $2, unfreeze_reason = $3 WHERE id = $4 AND unfrozen_at IS NULL', [
      u.at,
      u.by,
      u.reason,
      freezeId,
    ]);
  }

  async listFreezes(id: DeclarationId): Promise<FreezeRecord[]> {
    const { rows } = await this.db.query<FreezeRow>('SELECT * FROM freezes WHERE doc_id = $1 ORDER BY id', [id]);
    return rows.map(toFreeze);
  }

  async registerKey(declarationId: DeclarationId, grantId: string, publicKey: string, at: number): Promise<void> {
    await this.db.query('INSERT INTO signing_keys (grant_id, doc_id, public_key, registered_at) VALUES ($1, $2, $3, $4)', [grantId, declarationId, publicKey, at]);
  }

  async keyOf(grantId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ public_key: string }>(
      'SELECT public_key FROM signing_keys WHERE grant_id = $1 ORDER BY registered_at DESC, id DESC LIMIT 1',
      [grantId],
    );
    return rows[0]?.public_key ?? null;
  }

  async addSignature(freezeId: number, s: StoredSignature): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO signatures (freeze_id, lang, grant_id, signer, public_key, signature, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (freeze_id, lang) DO NOTHING`,
      [freezeId, s.lang, s.grantId, s.signer, s.publicKey, s.signature, s.signedAt],
    );
    return result.rowCount === 1;
  }

  async signatures(freezeId: number): Promise<StoredSignature[]> {
    const { rows } = await this.db.query<SignatureRow>('SELECT * FROM signatures WHERE freeze_id = $1 ORDER BY signed_at, lang', [freezeId]);
    return rows.map((r) => ({
      lang: r.lang,
      grantId: r.grant_id,
      signer: r.signer,
      publicKey: r.public_key,
      signature: r.signature,
      signedAt: r.signed_at,
    }));
  }

  async publish(r: PublicationRecord): Promise<void> {
    await this.db.query(
      'INSERT INTO publications (doc_id, freeze_id, published_at, published_by, replaces, export_json) VALUES ($1, $2, $3, $4, $5, $6)',
      [r.declarationId, r.freezeId, r.publishedAt, r.publishedBy, r.replaces, r.exportJson],
    );
  }

  async publication(id: DeclarationId): Promise<PublicationRecord | null> {
    const { rows } = await this.db.query<PublicationRow>('SELECT * FROM publications WHERE doc_id = $1', [id]);
    return rows[0] ? toPublication(rows[0]) : null;
  }

  async correctionOf(id: DeclarationId): Promise<PublicationRecord | null> {
    const { rows } = await this.db.query<PublicationRow>('SELECT * FROM publications WHERE replaces = $1', [id]);
    return rows[0] ? toPublication(rows[0]) : null;
  }

  async recordCorrection(id: DeclarationId, replaces: DeclarationId): Promise<void> {
    await this.db.query('INSERT INTO corrections (doc_id, replaces) VALUES ($1, $2)', [id, replaces]);
  }

  async replacedBy(id: DeclarationId): Promise<DeclarationId | null> {
    const { rows } = await this.db.query<{ replaces: string }>('SELECT replaces FROM corrections WHERE doc_id = $1', [id]);
    return (rows[0]?.replaces as DeclarationId | undefined) ?? null;
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
    exportJson: r.export_json,
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
    exportJson: r.export_json,
  };
}
