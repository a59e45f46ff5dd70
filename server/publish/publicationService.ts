import { newDeclarationId } from '../declarationIds.js';
import * as Y from 'yjs';
import type { CanonicalText } from '../../shared/compare/canonical.js';
import { refreshRows } from '../../shared/model/rowRefresh.js';
import { canonicalText } from '../../shared/model/canonicalText.js';
import { META_MAP, type DeclarationSummary } from '../../shared/model/declaration.js';
import { FROZEN_KEY, freezeDate, readFrozen, type FrozenMark } from '../../shared/model/freeze.js';
import type { DeclarationId } from '../../shared/model/ids.js';
import { pendingByPid, readSuggestions } from '../../shared/negotiation/suggestionState.js';
import { trackSuggestions, tracksByCell, type ParagraphTrack } from '../../shared/negotiation/suggestionTracks.js';
import { checkConcordance, type ConcordanceInput, type ConcordanceIssue } from '../../shared/publish/concordance.js';
import type { DeclarationExport, SignatureRecord } from '../../shared/publish/declarationExport.js';
import { buildExport, withSignatures } from '../../shared/publish/exportBuilder.js';
import { isPublicKey, signedMessage, verifySignature } from '../../shared/publish/signature.js';
import type { Principal } from '../auth/authenticator.js';
import { SERVER_ORIGIN } from '../collab/room.js';
import type { RoomRegistry } from '../collab/roomRegistry.js';
import type { Logger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import type { DocumentStore } from '../storage/documentStore.js';
import type { FreezeRecord, PublicationStore, StoredSignature } from '../storage/publicationStore.js';
import type { VersionService } from '../versions/versionService.js';
import type { PublicationStatusResponse } from '../../shared/protocol/api.js';

/** Why a step of the publication flow was refused; the HTTP layer maps kinds to statuses. */
export type PublicationRefusal =
  | { readonly kind: 'concordance'; readonly reason: string; readonly issues: readonly ConcordanceIssue[] }
  | { readonly kind: 'conflict'; readonly reason: string; readonly code: string }
  | { readonly kind: 'bad_request'; readonly reason: string; readonly code: string }
  | { readonly kind: 'forbidden'; readonly reason: string; readonly code: string }
  | { readonly kind: 'not_found'; readonly reason: string; readonly code: string };

export type PublicationResult<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & PublicationRefusal);

const refuse = <K extends Exclude<PublicationRefusal['kind'], 'concordance'>>(kind: K, code: string, reason: string) =>
  ({ ok: false, kind, code, reason }) as const;

/** Where a declaration stands in the flow from draft to publication (the API's wire type). */
export type PublicationStatus = PublicationStatusResponse;

const MAX_REASON = 2000;

/**
 * Freezing, signing and publishing. The freeze mark lives in the document (so the write policy
 * refuses text changes from every role at once); the record of what was fingerprinted, the
 * signatures and the publication live in the publication store, immutable once written.
 */
export class PublicationService {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: PublicationStore,
    private readonly documents: DocumentStore,
    private readonly versions: VersionService,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    private readonly publicUrl: () => string,
  ) {}

  /** The concordance list of the live text, with the rows as the aligner has them now. */
  async concordance(declaration: DeclarationSummary): Promise<ConcordanceIssue[]> {
    return this.rooms.using(declaration.id, async (room) => {
      await room.change((doc) => refreshRows(doc, declaration.languages, SERVER_ORIGIN));
      return room.read((doc) => checkConcordance(concordanceInput(canonicalText(doc, declaration.title, declaration.languages), pendingCounts(doc))));
    });
  }

  /**
   * Freezes the text if the concordance list is empty, or if the secretariat gives a reason to
   * freeze anyway. The check, the fingerprint and the freeze mark happen in one task of the
   * room's queue: no edit can slip between what was checked and what is signed.
   */
  async freeze(declaration: DeclarationSummary, input: { override?: unknown }, by: Principal): Promise<PublicationResult<PublicationStatus>> {
    const override = typeof input.override === 'string' ? input.override.trim().normalize('NFC') : '';
    if (input.override !== undefined && (typeof input.override !== 'string' || override === '' || override.length > MAX_REASON)) {
      return refuse('bad_request', 'bad-reason', `an override needs a reason of 1 to ${MAX_REASON} characters`);
    }
    if (await this.store.currentFreeze(declaration.id)) return refuse('conflict', 'already-frozen', 'the declaration is already frozen');
    return this.rooms.using(declaration.id, async (room) => {
      const at = Date.now();
      const date = freezeDate(at);
      let outcome: { issues: ConcordanceIssue[]; exp: DeclarationExport | null } = { issues: [], exp: null };
      await room.change((doc) => {
        refreshRows(doc, declaration.languages, SERVER_ORIGIN);
        const text = canonicalText(doc, declaration.title, declaration.languages);
        const issues = checkConcordance(concordanceInput(text, pendingCounts(doc)));
        if (issues.length > 0 && !override) {
          outcome = { issues, exp: null };
          return;
        }
        const exp = buildExport(text, { id: declaration.id, version: null, date });
        const mark: FrozenMark = { at, by: by.name, date, sha256: exp.sha256 };
        doc.getMap(META_MAP).set(FROZEN_KEY, mark);
        outcome = { issues, exp };
      });
      const { issues, exp } = outcome;
      if (!exp)
        return { ok: false, kind: 'concordance', reason: `${issues.length} concordance issue(s) remain; fix them or freeze with a reason`, issues } as const;
      try {
        const version = await this.versions.createIn(room, declaration, {
          kind: 'named',
          label: `Frozen for signature (${date})`,
          note: override,
          by: by.name,
        });
        await this.store.addFreeze({
          declarationId: declaration.id,
          version,
          frozenAt: at,
          frozenBy: by.name,
          overrideReason: override || null,
          concordance: JSON.stringify(issues),
          exportJson: JSON.stringify({ ...exp, version }),
        });
      } catch (error) {
        // The text must not stay frozen without the record of what was frozen.
        await room
          .change((doc) => doc.getMap(META_MAP).delete(FROZEN_KEY))
          .catch((rollback) => this.log.error('declaration.unfreeze_failed', { declaration: declaration.id, error: String(rollback) }));
        throw error;
      }
      this.log.info('declaration.frozen', { declaration: declaration.id, sha256: exp.sha256, override: override !== '', issues: issues.length });
      return { ok: true, value: await this.status(declaration) } as const;
    });
  }

  /** Lifts the freeze, with a recorded reason; signatures given so far no longer count. */
  async unfreeze(declaration: DeclarationSummary, input: { reason?: unknown }, by: Principal): Promise<PublicationResult<PublicationStatus>> {
    const reason = typeof input.reason === 'string' ? input.reason.trim().normalize('NFC') : '';
    if (!reason || reason.length > MAX_REASON) return refuse('bad_request', 'bad-reason', `unfreezing needs a reason of 1 to ${MAX_REASON} characters`);
    if (await this.store.publication(declaration.id)) return refuse('conflict', 'published', 'a published declaration stays frozen; open a correction instead');
    const current = await this.store.currentFreeze(declaration.id);
    const marked = await this.isFrozen(declaration.id);
    if (!current && !marked) return refuse('conflict', 'not-frozen', 'the declaration is not frozen');
    // The record first: a crash in between leaves a mark without a record, which unfreezing again clears.
    if (current) await this.store.endFreeze(current.id, { at: Date.now(), by: by.name, reason });
    await this.rooms.using(declaration.id, (room) => room.change((doc) => doc.getMap(META_MAP).delete(FROZEN_KEY)));
    this.log.info('declaration.unfrozen', { declaration: declaration.id });
    return { ok: true, value: await this.status(declaration) };
  }

  /** Registers the public half of a key a signatory created in their browser. */
  async registerKey(declaration: DeclarationSummary, publicKey: unknown, by: Principal): Promise<PublicationResult<{ publicKey: string }>> {
    if (by.role.kind !== 'signatory') return refuse('forbidden', 'not-signatory', 'only a signatory registers a signing key');
    if (!isPublicKey(publicKey)) return refuse('bad_request', 'bad-key', 'publicKey must be a raw Ed25519 public key in base64url');
    await this.store.registerKey(declaration.id, by.grantId, publicKey, Date.now());
    this.log.info('signing_key.registered', { declaration: declaration.id, grant: by.grantId });
    return { ok: true, value: { publicKey } };
  }

  /** Stores a signatory's signature of the frozen text after checking it against their registered key. */
  async sign(declaration: DeclarationSummary, input: { signature?: unknown; sha256?: unknown }, by: Principal): Promise<PublicationResult<PublicationStatus>> {
    if (by.role.kind !== 'signatory') return refuse('forbidden', 'not-signatory', 'only a delegation’s signatory signs');
    const freeze = await this.store.currentFreeze(declaration.id);
    if (!freeze) return refuse('conflict', 'not-frozen', 'the declaration is not frozen: there is nothing to sign yet');
    const exp = JSON.parse(freeze.exportJson) as DeclarationExport;
    // A signature made for an earlier freeze (the page was open across an unfreeze) is refused by name.
    if (typeof input.sha256 === 'string' && input.sha256 !== exp.sha256) {
      return refuse('conflict', 'stale-fingerprint', 'the text was frozen again since you loaded it; check the new fingerprint and sign again');
    }
    const publicKey = await this.store.keyOf(by.grantId);
    if (!publicKey) return refuse('conflict', 'no-key', 'register a signing key first');
    if (typeof input.signature !== 'string' || !verifySignature(publicKey, input.signature, signedMessage(declaration.id, by.role.lang, exp.sha256))) {
      return refuse('bad_request', 'bad-signature', 'the signature does not verify against your registered key and this text');
    }
    const stored: StoredSignature = {
      lang: by.role.lang,
      signer: by.name,
      publicKey,
      signature: input.signature,
      signedAt: new Date().toISOString(),
      grantId: by.grantId,
    };
    if (!(await this.store.addSignature(freeze.id, stored))) return refuse('conflict', 'already-signed', `the ${by.role.lang} text is already signed`);
    this.log.info('declaration.signed', { declaration: declaration.id, lang: by.role.lang });
    return { ok: true, value: await this.status(declaration) };
  }

  /** Publishes a frozen text that every delegation has signed; it never changes afterwards. */
  async publish(declaration: DeclarationSummary, by: Principal): Promise<PublicationResult<PublicationStatus>> {
    if (await this.store.publication(declaration.id)) return refuse('conflict', 'published', 'the declaration is already published');
    const freeze = await this.store.currentFreeze(declaration.id);
    if (!freeze) return refuse('conflict', 'not-frozen', 'freeze the declaration first');
    const signatures = await this.store.signatures(freeze.id);
    const awaiting = declaration.languages.filter((l) => !signatures.some((s) => s.lang === l));
    if (awaiting.length > 0) return refuse('conflict', 'unsigned', `waiting for the signature of: ${awaiting.join(', ')}`);
    const replaces = await this.store.replacedBy(declaration.id);
    const publishedAt = Date.now();
    const exp = withSignatures(JSON.parse(freeze.exportJson) as DeclarationExport, signatures.map(publicRecord), {
      publishedAt: new Date(publishedAt).toISOString(),
      replaces,
    });
    await this.store.publish({
      declarationId: declaration.id,
      freezeId: freeze.id,
      publishedAt,
      publishedBy: by.name,
      replaces,
      exportJson: JSON.stringify(exp),
    });
    this.log.info('declaration.published', { declaration: declaration.id, sha256: exp.sha256 });
    return { ok: true, value: await this.status(declaration) };
  }

  /**
   * Opens a new declaration holding the published text, to correct it. Its publication will point
   * to this one; this one's page then says it was replaced. The published record itself never changes.
   */
  async openCorrection(declaration: DeclarationSummary): Promise<PublicationResult<{ id: DeclarationId }>> {
    const published = await this.store.publication(declaration.id);
    if (!published) return refuse('conflict', 'not-published', 'only a published declaration is corrected this way');
    const freeze = (await this.store.listFreezes(declaration.id)).find((f) => f.id === published.freezeId)!;
    const version = await this.versions.stored(declaration.id, freeze.version);
    if (!version) return refuse('not_found', 'no-version', 'the frozen version is missing');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, version.state);
    doc.getMap(META_MAP).delete(FROZEN_KEY);
    const id = newDeclarationId();
    await this.documents.appendUpdate(id, Y.encodeStateAsUpdate(doc), { accessId: null });
    await this.store.recordCorrection(id, declaration.id);
    await this.catalog.createDeclaration({ title: declaration.title, languages: declaration.languages }, id);
    this.log.info('declaration.correction_opened', { declaration: id, replaces: declaration.id });
    return { ok: true, value: { id } };
  }

  /** Where the declaration stands. */
  async status(declaration: DeclarationSummary): Promise<PublicationStatus> {
    const [freeze, published, replaces, correction, freezes] = await Promise.all([
      this.store.currentFreeze(declaration.id),
      this.store.publication(declaration.id),
      this.store.replacedBy(declaration.id),
      this.store.correctionOf(declaration.id),
      this.store.listFreezes(declaration.id),
    ]);
    const signatures = freeze ? (await this.store.signatures(freeze.id)).map(publicRecord) : [];
    return {
      frozen: freeze ? frozenView(freeze) : null,
      signatures,
      awaiting: freeze ? declaration.languages.filter((l) => !signatures.some((s) => s.lang === l)) : [...declaration.languages],
      published: published ? { at: published.publishedAt, url: `${this.publicUrl()}/p/${declaration.id}` } : null,
      replaces,
      correctedBy: correction?.declarationId ?? null,
      unfreezes: freezes.flatMap((f) => (f.unfrozen ? [f.unfrozen] : [])),
    };
  }

  /**
   * The export of the declaration: once published, the publication byte for byte; while frozen,
   * what was fingerprinted with the signatures so far; otherwise the live text or a version.
   */
  async exportOf(declaration: DeclarationSummary, version: number | null): Promise<PublicationResult<DeclarationExport>> {
    if (version === null) {
      const published = await this.store.publication(declaration.id);
      if (published) return { ok: true, value: JSON.parse(published.exportJson) as DeclarationExport };
      const freeze = await this.store.currentFreeze(declaration.id);
      if (freeze)
        return {
          ok: true,
          value: withSignatures(JSON.parse(freeze.exportJson) as DeclarationExport, (await this.store.signatures(freeze.id)).map(publicRecord)),
        };
      const text = await this.rooms.using(declaration.id, async (room) => {
        await room.change((doc) => refreshRows(doc, declaration.languages, SERVER_ORIGIN));
        return room.read((doc) => canonicalText(doc, declaration.title, declaration.languages));
      });
      return { ok: true, value: buildExport(text, { id: declaration.id, version: null, date: null }) };
    }
    const read = await this.versions.read(declaration, version);
    if (!read.ok) return refuse('not_found', 'no-version', read.reason);
    // A frozen version is exported as it was fingerprinted, date included.
    const freeze = (await this.store.listFreezes(declaration.id)).find((f) => f.version === version);
    if (freeze) return { ok: true, value: JSON.parse(freeze.exportJson) as DeclarationExport };
    return { ok: true, value: buildExport(read.value.text, { id: declaration.id, version, date: null }) };
  }

  /** Pending suggestions of the live text by `cellKey`, for "with suggestions" renderings (never the export itself). */
  async suggestionTracks(declaration: DeclarationSummary): Promise<Map<string, ParagraphTrack>> {
    return this.rooms.using(declaration.id, async (room) => {
      await room.change((doc) => refreshRows(doc, declaration.languages, SERVER_ORIGIN));
      return room.read((doc) => tracksByCell(canonicalText(doc, declaration.title, declaration.languages), trackSuggestions(doc, declaration.languages)));
    });
  }

  /** The published export, for the public page (no login): null unless published. */
  async publishedExport(id: DeclarationId): Promise<DeclarationExport | null> {
    const published = await this.store.publication(id);
    return published ? (JSON.parse(published.exportJson) as DeclarationExport) : null;
  }

  /** Whether the document carries the freeze mark now. */
  isFrozen(id: DeclarationId): Promise<boolean> {
    return this.rooms.using(id, (room) => room.read((doc) => readFrozen(doc) !== null));
  }

  /** The publication that replaces this one, if any. */
  correctionOf(id: DeclarationId) {
    return this.store.correctionOf(id);
  }
}

function concordanceInput(text: CanonicalText, pending: ReadonlyMap<string, number>): ConcordanceInput {
  return {
    languages: text.languages,
    rows: text.rows.map((row, i) => ({
      id: row.id,
      number: i + 1,
      status: row.status ?? 'draft',
      staleLanguages: row.stale ?? [],
      text: Object.fromEntries(text.languages.map((l) => [l, (row.cells[l] ?? []).map((c) => c.text)])),
      pendingSuggestions: Object.fromEntries(text.languages.map((l) => [l, (row.cells[l] ?? []).reduce((n, c) => n + (pending.get(c.pid) ?? 0), 0)])),
    })),
  };
}

/** Pending suggestions by paragraph (the text itself never holds them). */
function pendingCounts(doc: Y.Doc): Map<string, number> {
  return new Map([...pendingByPid(readSuggestions(doc))].map(([pid, list]) => [pid, list.length]));
}

function frozenView(f: FreezeRecord): NonNullable<PublicationStatus['frozen']> {
  const exp = JSON.parse(f.exportJson) as DeclarationExport;
  return { at: f.frozenAt, by: f.frozenBy, date: exp.date ?? '', version: f.version, sha256: exp.sha256, overrideReason: f.overrideReason };
}

function publicRecord(s: StoredSignature): SignatureRecord {
  return { lang: s.lang, signer: s.signer, publicKey: s.publicKey, signature: s.signature, signedAt: s.signedAt };
}
