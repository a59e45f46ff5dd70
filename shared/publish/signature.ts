import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * What a signatory signs: not the fingerprint alone but the fingerprint bound to the
 * declaration and to the language they sign for, so that a signature cannot be re-used on
 * another declaration carrying the same text, nor passed off as another delegation's.
 */
export function signedMessage(declarationId: string, lang: string, sha256: string): Uint8Array {
  return utf8ToBytes(`accord-signature/1\n${declarationId}\n${lang}\n${sha256}`);
}

/** Whether `signature` (base64url) is `publicKey`'s (base64url, raw 32 bytes) Ed25519 signature of the message. */
export function verifySignature(publicKey: string, signature: string, message: Uint8Array): boolean {
  const key = fromBase64Url(publicKey);
  const sig = fromBase64Url(signature);
  if (key?.length !== 32 || !sig || sig.length !== 64) return false;
  try {
    // Strict RFC 8032 checks (no ZIP-215 leniency): one message, one valid encoding.
    return ed25519.verify(sig, message, key, { zip215: false });
  } catch {
    return false;
  }
}

/** Whether a string is a well-formed raw Ed25519 public key in base64url. */
export function isPublicKey(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const bytes = fromBase64Url(value);
  if (bytes?.length !== 32) return false;
  try {
    ed25519.Point.fromBytes(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A short, readable fingerprint of a public key, for people to compare by eye. */
export function keyLabel(publicKey: string): string {
  return publicKey.slice(0, 8) + '…' + publicKey.slice(-4);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (no Buffer or btoa: this runs in the browser, Node and the CLI alike). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [n >> 18, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((k) => ALPHABET[k]!);
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('');
  }
  return out;
}

/** Decodes base64url without padding; undefined for anything else. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const ch of text) {
    value = (value << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (value >> bits) & 0xff;
    }
  }
  // Non-canonical trailing bits would let two strings mean one key: refuse them.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
