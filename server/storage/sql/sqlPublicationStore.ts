import type { DeclarationId } from '../../../shared/model/ids.js';
import type { FreezeRecord, PublicationRecord, PublicationStore, StoredSignature } from '../publicationStore.js';
import { toFreeze, toPublication, toSignature, type FreezeRow, type PublicationRow, type SignatureRow } from './publicationRows.js';
import { firstRow, type SqlClient } from './sqlClient.js';

/**
 * Freezes, keys, signatures and publications. The database keeps the rules (schema/tables.ts):
 * one current freeze per declaration (a partial unique index), and triggers that refuse any
 * change to a signature, a publication or what a freeze fingerprinted.
 */
export class SqlPublicationStore implements PublicationStore {
  constructor(private readonly sql: SqlClient) {}

  async currentFreeze(id: DeclarationId): Promise<FreezeRecord | null> {
    const row = await firstRow<FreezeRow>(this.sql, 'SELECT * FROM freezes WHERE doc_id = ? AND unfrozen_at IS NULL', [id]);
    return row ? toFreeze(row) : null;
  }

  async addFreeze(r: Omit<FreezeRecord, 'id' | 'unfrozen'>): Promise<FreezeRecord> {
    const row = await firstRow<{ id: number }>(
      this.sql,
      `INSERT INTO freezes (doc_id, version, frozen_at, frozen_by, override_reason, concordance, export_json)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [r.declarationId, r.version, r.frozenAt, r.frozenBy, r.overrideReason, r.concordance, r.exportJson],
    );
    return { ...r, id: row!.id, unfrozen: null };
  }

  async endFreeze(freezeId: number, u: NonNullable<FreezeRecord['unfrozen']>): Promise<void> {
    await this.sql.run('UPDATE freezes SET unfrozen_at = ?, unfrozen_by = ?, unfreeze_reason = ? WHERE id = ? AND unfrozen_at IS NULL', [
      u.at,
      u.by,
      u.reason,
      freezeId,
    ]);
  }

  async listFreezes(id: DeclarationId): Promise<FreezeRecord[]> {
    return (await this.sql.all<FreezeRow>('SELECT * FROM freezes WHERE doc_id = ? ORDER BY id', [id])).map(toFreeze);
  }

  async registerKey(declarationId: DeclarationId, grantId: string, publicKey: string, at: number): Promise<void> {
    await this.sql.run('INSERT INTO signing_keys (grant_id, doc_id, public_key, registered_at) VALUES (?, ?, ?, ?)', [grantId, declarationId, publicKey, at]);
  }

  async keyOf(grantId: string): Promise<string | null> {
    const row = await firstRow<{ public_key: string }>(
      this.sql,
      'SELECT public_key FROM signing_keys WHERE grant_id = ? ORDER BY registered_at DESC, id DESC LIMIT 1',
      [grantId],
    );
    return row?.public_key ?? null;
  }

  async addSignature(freezeId: number, s: StoredSignature): Promise<boolean> {
    const added = await this.sql.run(
      `INSERT INTO signatures (freeze_id, lang, grant_id, signer, public_key, signature, signed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (freeze_id, lang) DO NOTHING`,
      [freezeId, s.lang, s.grantId, s.signer, s.publicKey, s.signature, s.signedAt],
    );
    return added === 1;
  }

  async signatures(freezeId: number): Promise<StoredSignature[]> {
    return (await this.sql.all<SignatureRow>('SELECT * FROM signatures WHERE freeze_id = ? ORDER BY signed_at, lang', [freezeId])).map(toSignature);
  }

  async publish(r: PublicationRecord): Promise<void> {
    await this.sql.run('INSERT INTO publications (doc_id, freeze_id, published_at, published_by, replaces, export_json) VALUES (?, ?, ?, ?, ?, ?)', [
      r.declarationId,
      r.freezeId,
      r.publishedAt,
      r.publishedBy,
      r.replaces,
      r.exportJson,
    ]);
  }

  async publication(id: DeclarationId): Promise<PublicationRecord | null> {
    const row = await firstRow<PublicationRow>(this.sql, 'SELECT * FROM publications WHERE doc_id = ?', [id]);
    return row ? toPublication(row) : null;
  }

  async correctionOf(id: DeclarationId): Promise<PublicationRecord | null> {
    const row = await firstRow<PublicationRow>(this.sql, 'SELECT * FROM publications WHERE replaces = ?', [id]);
    return row ? toPublication(row) : null;
  }

  async recordCorrection(id: DeclarationId, replaces: DeclarationId): Promise<void> {
    await this.sql.run('INSERT INTO corrections (doc_id, replaces) VALUES (?, ?)', [id, replaces]);
  }

  async replacedBy(id: DeclarationId): Promise<DeclarationId | null> {
    const row = await firstRow<{ replaces: string }>(this.sql, 'SELECT replaces FROM corrections WHERE doc_id = ?', [id]);
    return (row?.replaces as DeclarationId | undefined) ?? null;
  }
}
