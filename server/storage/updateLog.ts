import { crc32 } from 'node:zlib';

/**
 * The byte format of a declaration's update log: a small header, then one record per stored
 * update. A record is `varuint bodyLength · u32le crc32(body) · body`; the body starts with a
 * varuint tag: `author << 1` for an update (its payload follows), `author << 1 | 1` for the
 * declaration of an author index (the payload is the access id, empty for the server). The
 * checksum finds a torn or corrupted tail; the header's base sequence number gives every
 * update its number without storing it (the n-th update is base + n). About six bytes of
 * framing per update: the write amplification of typing stays near 1.
 */
export const LOG_MAGIC = Uint8Array.from([0x41, 0x43, 0x4c, 0x47]); // "ACLG"
export const LOG_VERSION = 1;

export type LogRecord =
  | { readonly kind: 'update'; readonly author: number; readonly payload: Uint8Array }
  | { readonly kind: 'author'; readonly index: number; readonly accessId: string | null };

/** What reading a log found: its records, and where (and why) it stopped early, if it did. */
export interface ParsedLog {
  readonly baseSeq: number;
  readonly records: readonly LogRecord[];
  /** Byte length of the valid prefix (header + whole, checksummed records). */
  readonly validBytes: number;
  /** Set when bytes after the valid prefix could not be read as records. */
  readonly damage: { readonly offset: number; readonly bytes: number; readonly reason: string } | null;
}

export function encodeHeader(baseSeq: number): Uint8Array {
  return concat([LOG_MAGIC, Uint8Array.of(LOG_VERSION), encodeVarUint(baseSeq)]);
}

export function encodeUpdateRecord(author: number, payload: Uint8Array): Uint8Array {
  return frame(concat([encodeVarUint(author * 2), payload]));
}

export function encodeAuthorRecord(index: number, accessId: string | null): Uint8Array {
  return frame(concat([encodeVarUint(index * 2 + 1), new TextEncoder().encode(accessId ?? '')]));
}

/** Reads a whole log; never throws on damaged bytes, reports them instead. */
export function parseLog(bytes: Uint8Array): ParsedLog {
  if (bytes.length < LOG_MAGIC.length + 2 || !LOG_MAGIC.every((b, i) => bytes[i] === b)) {
    return { baseSeq: 0, records: [], validBytes: 0, damage: bytes.length === 0 ? null : { offset: 0, bytes: bytes.length, reason: 'no log header' } };
  }
  if (bytes[LOG_MAGIC.length] !== LOG_VERSION) {
    throw new Error(`update log version ${bytes[LOG_MAGIC.length]} is newer than this Accord understands`);
  }
  const base = readVarUint(bytes, LOG_MAGIC.length + 1);
  if (!base) return { baseSeq: 0, records: [], validBytes: 0, damage: { offset: 0, bytes: bytes.length, reason: 'truncated header' } };
  const records: LogRecord[] = [];
  let offset = base.next;
  while (offset < bytes.length) {
    const damage = (reason: string) => ({ baseSeq: base.value, records, validBytes: offset, damage: { offset, bytes: bytes.length - offset, reason } });
    const length = readVarUint(bytes, offset);
    if (!length) return damage('truncated record length');
    const bodyStart = length.next + 4;
    if (length.value === 0 || bodyStart + length.value > bytes.length) return damage('truncated record');
    const expected = new DataView(bytes.buffer, bytes.byteOffset + length.next, 4).getUint32(0, true);
    const body = bytes.subarray(bodyStart, bodyStart + length.value);
    if (crc32(body) !== expected) return damage('checksum mismatch');
    const tag = readVarUint(body, 0);
    if (!tag) return damage('unreadable record tag');
    const payload = body.subarray(tag.next);
    const index = Math.floor(tag.value / 2);
    records.push(tag.value % 2 === 0 ? { kind: 'update', author: index, payload } : { kind: 'author', index, accessId: payload.length ? new TextDecoder().decode(payload) : null });
    offset = bodyStart + length.value;
  }
  return { baseSeq: base.value, records, validBytes: offset, damage: null };
}

function frame(body: Uint8Array): Uint8Array {
  const length = encodeVarUint(body.length);
  const out = new Uint8Array(length.length + 4 + body.length);
  out.set(length, 0);
  new DataView(out.buffer).setUint32(length.length, crc32(body), true);
  out.set(body, length.length + 4);
  return out;
}

function encodeVarUint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

function readVarUint(bytes: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 8; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return { value, next: i + 1 };
    scale *= 0x80;
  }
  return null;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A snapshot file: `"ACSN" · version · varuint seq · u32le crc32(state) · state`. Written to a
 * temporary name, flushed and renamed over the old one, so a reader sees the old or the new.
 */
export const SNAPSHOT_MAGIC = Uint8Array.from([0x41, 0x43, 0x53, 0x4e]); // "ACSN"

export function encodeSnapshot(seq: number, state: Uint8Array): Uint8Array {
  const head = concat([SNAPSHOT_MAGIC, Uint8Array.of(LOG_VERSION), encodeVarUint(seq)]);
  const out = new Uint8Array(head.length + 4 + state.length);
  out.set(head, 0);
  new DataView(out.buffer).setUint32(head.length, crc32(state), true);
  out.set(state, head.length + 4);
  return out;
}

/** Reads a snapshot file; throws if it is damaged (it was renamed into place whole, so that is not a torn write). */
export function parseSnapshot(bytes: Uint8Array): { seq: number; state: Uint8Array } {
  if (!SNAPSHOT_MAGIC.every((b, i) => bytes[i] === b) || bytes[SNAPSHOT_MAGIC.length] !== LOG_VERSION) throw new Error('not an Accord snapshot');
  const seq = readVarUint(bytes, SNAPSHOT_MAGIC.length + 1);
  if (!seq || seq.next + 4 > bytes.length) throw new Error('truncated snapshot');
  const expected = new DataView(bytes.buffer, bytes.byteOffset + seq.next, 4).getUint32(0, true);
  const state = bytes.subarray(seq.next + 4);
  if (crc32(state) !== expected) throw new Error('snapshot checksum mismatch');
  return { seq: seq.value, state };
}
