/**
 * The declaration as it leaves Accord: the JSON export (DESIGN: export contract), which is also
 * what signatories sign (through its fingerprint) and what a publication serves. Plain data,
 * so every other format (HTML, PDF, DOCX, Akoma Ntoso) is rendered from it and nothing else.
 */

import type { TextSpan } from '../compare/canonical.js';

/** Format tag of the JSON export; a reader refuses what it does not know. */
export const EXPORT_FORMAT = 'accord-declaration/1';

/** One row of the export, in reading order. */
export interface ExportRow {
  /** The alignment row id (not part of the fingerprint). */
  readonly id: string;
  /** draft / bracketed / agreed-ad-referendum / agreed (not part of the fingerprint). */
  readonly status: string;
  /** A side changed after the row was agreed (not part of the fingerprint). */
  readonly stale: boolean;
  /** Per language (every language of the declaration has an entry), the row's paragraphs as NFC text. */
  readonly text: Readonly<Record<string, readonly string[]>>;
  /**
   * Per language, per paragraph of `text`, its superscript stretches (12es, XXIe siècle); absent
   * when the row has none. Typography of the signed words, not part of the fingerprint.
   */
  readonly superscripts?: Readonly<Record<string, readonly (readonly TextSpan[])[]>>;
}

/** A delegation's signatory's Ed25519 signature over the signed message (see signature.ts). */
export interface SignatureRecord {
  readonly lang: string;
  /** The signatory's name as the secretariat invited them. */
  readonly signer: string;
  /** Raw 32-byte Ed25519 public key, base64url without padding. */
  readonly publicKey: string;
  /** 64-byte Ed25519 signature, base64url without padding. */
  readonly signature: string;
  /** ISO 8601 instant the server received it. */
  readonly signedAt: string;
}

/** Where a publication sits in the chain of corrections. */
export interface PublicationInfo {
  readonly publishedAt: string;
  /** Declaration id of the publication this one corrects, if any. */
  readonly replaces: string | null;
}

/** The JSON export: DESIGN's `{"id","title","languages","version","rows","sha256"}` and what signing adds. */
export interface DeclarationExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly id: string;
  readonly title: string;
  readonly languages: readonly string[];
  /** The version number this text is (the freeze version once frozen); null for the live text. */
  readonly version: number | null;
  /** The freeze date (YYYY-MM-DD, UTC); null until frozen. Part of the fingerprint. */
  readonly date: string | null;
  readonly frozen: boolean;
  readonly rows: readonly ExportRow[];
  /** SHA-256 (hex) of the canonical form; see canonicalForm.ts. */
  readonly sha256: string;
  /** Per-part digests, so a verifier can name what changed (diagnostic only: signatures are the proof). */
  readonly digests: ExportDigests;
  readonly signatures: readonly SignatureRecord[];
  readonly publication: PublicationInfo | null;
}

/** SHA-256 (hex) of each part of the canonical form. */
export interface ExportDigests {
  readonly title: string;
  readonly languages: string;
  readonly date: string;
  /** Per row in reading order, per language: digest of that cell's paragraphs. */
  readonly rows: readonly Readonly<Record<string, string>>[];
}
