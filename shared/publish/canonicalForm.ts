import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { toNfc } from '../text/nfc.js';
import type { ExportDigests } from './declarationExport.js';

/**
 * The canonical form of a declaration and its fingerprint (DESIGN: fingerprint). Exactly:
 *
 *   JSON.stringify({"format":"accord-canonical/1","title":T,"languages":[L…],"date":D,
 *                   "rows":[[[p…] per language in `languages` order] per row in reading order]})
 *
 * encoded as UTF-8, with every string NFC-normalised first, keys in this order, no whitespace,
 * strings escaped as ECMAScript's JSON.stringify does (only `"`, `\` and control characters;
 * everything else as itself). `date` is `YYYY-MM-DD` or null. Ids, statuses, version numbers and
 * timestamps are deliberately absent: the fingerprint says what the text *is*, not how it got there.
 * The fingerprint is the lowercase hex SHA-256 of those bytes.
 */
export const CANONICAL_FORMAT = 'accord-canonical/1';

/** What the fingerprint covers. */
export interface CanonicalContent {
  readonly title: string;
  readonly languages: readonly string[];
  readonly date: string | null;
  readonly rows: readonly { readonly text: Readonly<Record<string, readonly string[]>> }[];
}

/** The canonical serialisation (a string; hash its UTF-8 bytes). */
export function canonicalForm(content: CanonicalContent): string {
  const languages = content.languages.map(toNfc);
  return JSON.stringify({
    format: CANONICAL_FORMAT,
    title: toNfc(content.title),
    languages,
    date: content.date,
    rows: content.rows.map((row) => cellsInOrder(row.text, content.languages)),
  });
}

/** SHA-256 (hex) of the canonical form. */
export function fingerprint(content: CanonicalContent): string {
  return sha256Hex(canonicalForm(content));
}

/** Digests of each part, so a verifier can say which part differs from what was fingerprinted. */
export function partDigests(content: CanonicalContent): ExportDigests {
  return {
    title: sha256Hex(JSON.stringify(toNfc(content.title))),
    languages: sha256Hex(JSON.stringify(content.languages.map(toNfc))),
    date: sha256Hex(JSON.stringify(content.date)),
    rows: content.rows.map((row) => Object.fromEntries(content.languages.map((lang) => [lang, sha256Hex(JSON.stringify((row.text[lang] ?? []).map(toNfc)))]))),
  };
}

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

function cellsInOrder(text: Readonly<Record<string, readonly string[]>>, languages: readonly string[]): string[][] {
  return languages.map((lang) => (text[lang] ?? []).map(toNfc));
}
