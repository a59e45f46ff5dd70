import type { CanonicalText } from '../compare/canonical.js';
import { fingerprint, partDigests, type CanonicalContent } from './canonicalForm.js';
import { EXPORT_FORMAT, type DeclarationExport, type ExportRow, type PublicationInfo, type SignatureRecord } from './declarationExport.js';

/** What an export says about itself beyond the text. */
export interface ExportMeta {
  readonly id: string;
  readonly version: number | null;
  /** The freeze date (YYYY-MM-DD); null for a text that is not frozen. */
  readonly date: string | null;
  readonly signatures?: readonly SignatureRecord[];
  readonly publication?: PublicationInfo | null;
}

/** Builds the JSON export of a canonical text, fingerprint and part digests included. */
export function buildExport(text: CanonicalText, meta: ExportMeta): DeclarationExport {
  const rows = text.rows.map((row): ExportRow => {
    const cellsOf = (lang: string) => row.cells[lang] ?? [];
    const raised = text.languages.some((lang) => cellsOf(lang).some((cell) => (cell.superscripts ?? []).length > 0));
    return {
      id: row.id,
      status: row.status ?? 'draft',
      stale: (row.stale ?? []).length > 0,
      text: Object.fromEntries(text.languages.map((lang) => [lang, cellsOf(lang).map((cell) => cell.text)])),
      ...(raised ? { superscripts: Object.fromEntries(text.languages.map((lang) => [lang, cellsOf(lang).map((cell) => cell.superscripts ?? [])])) } : {}),
    };
  });
  const content: CanonicalContent = { title: text.title, languages: text.languages, date: meta.date, rows };
  return {
    format: EXPORT_FORMAT,
    id: meta.id,
    title: text.title,
    languages: [...text.languages],
    version: meta.version,
    date: meta.date,
    frozen: meta.date !== null,
    rows,
    sha256: fingerprint(content),
    digests: partDigests(content),
    signatures: [...(meta.signatures ?? [])],
    publication: meta.publication ?? null,
  };
}

/** The same export with signatures and publication information attached (the fingerprint does not change). */
export function withSignatures(
  exp: DeclarationExport,
  signatures: readonly SignatureRecord[],
  publication: PublicationInfo | null = exp.publication,
): DeclarationExport {
  return { ...exp, signatures: [...signatures], publication };
}
