import { fingerprint, partDigests } from './canonicalForm.js';
import { EXPORT_FORMAT, type DeclarationExport, type ExportDigests, type SignatureRecord } from './declarationExport.js';
import { signedMessage, verifySignature } from './signature.js';

/** The outcome of checking one signature of an export. */
export interface SignatureCheck {
  readonly lang: string;
  readonly signer: string;
  readonly publicKey: string;
  readonly signedAt: string;
  readonly valid: boolean;
}

/** What a verifier found: exactly what does not match, in words a person can act on. */
export interface VerificationReport {
  /** The fingerprint recomputed from the file's own content. */
  readonly recomputed: string;
  readonly fingerprintMatches: boolean;
  /** Which parts differ from what the file's digests say was fingerprinted (empty if unknown or none). */
  readonly changedParts: readonly string[];
  readonly signatures: readonly SignatureCheck[];
  /** Languages of the declaration without a signature. */
  readonly unsignedLanguages: readonly string[];
  /** One line per problem; empty when everything present verifies. */
  readonly problems: readonly string[];
}

/** Reads an export from parsed JSON, or says why it is not one. */
export function parseExport(value: unknown): { ok: true; value: DeclarationExport } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  if (v.format !== undefined && v.format !== EXPORT_FORMAT) return { ok: false, reason: `unknown format ${JSON.stringify(v.format)}` };
  if (typeof v.id !== 'string') return { ok: false, reason: 'missing "id"' };
  if (typeof v.title !== 'string') return { ok: false, reason: 'missing "title"' };
  if (!Array.isArray(v.languages) || v.languages.length === 0 || !v.languages.every((l) => typeof l === 'string'))
    return { ok: false, reason: 'missing "languages"' };
  if (v.date !== null && v.date !== undefined && typeof v.date !== 'string') return { ok: false, reason: '"date" must be a string or null' };
  if (typeof v.sha256 !== 'string') return { ok: false, reason: 'missing "sha256"' };
  if (!Array.isArray(v.rows)) return { ok: false, reason: 'missing "rows"' };
  const languages = v.languages as string[];
  for (const [i, row] of (v.rows as unknown[]).entries()) {
    const text = (row as { text?: unknown } | null)?.text;
    if (typeof text !== 'object' || text === null) return { ok: false, reason: `row ${i + 1} has no "text"` };
    for (const [lang, paragraphs] of Object.entries(text)) {
      if (!Array.isArray(paragraphs) || !paragraphs.every((p) => typeof p === 'string'))
        return { ok: false, reason: `row ${i + 1} (${lang}): text must be a list of strings` };
    }
    for (const lang of Object.keys(text))
      if (!languages.includes(lang)) return { ok: false, reason: `row ${i + 1} has text in ${lang}, which is not one of the languages` };
  }
  const signatures = v.signatures === undefined ? [] : v.signatures;
  if (!Array.isArray(signatures)) return { ok: false, reason: '"signatures" must be a list' };
  for (const [i, s] of signatures.entries()) {
    const r = s as Partial<Record<keyof SignatureRecord, unknown>> | null;
    if (!r || typeof r.lang !== 'string' || typeof r.publicKey !== 'string' || typeof r.signature !== 'string') {
      return { ok: false, reason: `signature ${i + 1} lacks lang, publicKey or signature` };
    }
  }
  return {
    ok: true,
    value: {
      ...(v as unknown as DeclarationExport),
      date: (v.date as string | null | undefined) ?? null,
      signatures: signatures as SignatureRecord[],
    },
  };
}

/** Checks an export offline: its fingerprint against its own content, and every signature present. */
export function verifyExport(exp: DeclarationExport): VerificationReport {
  const recomputed = fingerprint(exp);
  const fingerprintMatches = recomputed === exp.sha256.toLowerCase();
  const problems: string[] = [];
  const changedParts = fingerprintMatches ? [] : describeChangedParts(exp);
  if (!fingerprintMatches) {
    problems.push(
      changedParts.length > 0
        ? `the content does not match its sha256: changed since it was fingerprinted: ${changedParts.join('; ')}`
        : `the content does not match its sha256 (recomputed ${recomputed}, the file says ${exp.sha256})`,
    );
  }
  // A signature is checked against the recomputed fingerprint: a signed text that was altered fails here too.
  const signatures = exp.signatures.map((s) => {
    const valid = verifySignature(s.publicKey, s.signature, signedMessage(exp.id, s.lang, recomputed));
    if (!valid) problems.push(`the signature for ${s.lang} by ${s.signer || 'an unnamed signatory'} does not verify against this declaration's text`);
    return { lang: s.lang, signer: s.signer, publicKey: s.publicKey, signedAt: s.signedAt, valid };
  });
  const unsignedLanguages = exp.languages.filter((lang) => !exp.signatures.some((s) => s.lang === lang));
  return { recomputed, fingerprintMatches, changedParts, signatures, unsignedLanguages, problems };
}

function describeChangedParts(exp: DeclarationExport): string[] {
  const said: Partial<ExportDigests> | undefined = exp.digests;
  if (!said || typeof said !== 'object') return [];
  const now = partDigests(exp);
  const changed: string[] = [];
  if (said.title !== now.title) changed.push('the title');
  if (said.languages !== now.languages) changed.push('the languages');
  if (said.date !== now.date) changed.push('the date');
  const saidRows = Array.isArray(said.rows) ? said.rows : [];
  if (saidRows.length !== now.rows.length) changed.push(`the number of rows (${saidRows.length} fingerprinted, ${now.rows.length} now)`);
  now.rows.forEach((digests, i) => {
    const before = saidRows[i];
    if (!before) return;
    for (const lang of exp.languages) if (before[lang] !== digests[lang]) changed.push(`row ${i + 1} (${lang})`);
  });
  // Digests can be edited too: when they all agree with the content, it is the sha256 itself that changed.
  return changed.length > 0 ? changed : ['the sha256 field'];
}
