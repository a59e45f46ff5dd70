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
  | { readonly kind: 'author'; readonly index: number; readonly accessId: string | null }
  /** Bytes that could not be read as records, skipped; intact records after them are read. */
  | ({ readonly kind: 'lost' } & DamagedStretch);

/** A stretch of a log that could not be read: where, how long, and why. */
export interface DamagedStretch {
  readonly offset: number;
  readonly bytes: number;
  readonly reason: string;
  /** The stretch runs to the end of the file inside a record's framing: a write cut short. */
  readonly torn: boolean;
}

/** What reading a log found: its records, and where (and why) bytes could not be read, if any. */
export interface ParsedLog {
  readonly baseSeq: number;
  /** Intact records in order, with a `lost` record where an unreadable stretch was skipped. */
  readonly records: readonly LogRecord[];
  /** Byte length up to the end of the last intact record (the header alone if there is none). */
  readonly validBytes: number;
  /** The first unreadable stretch; null when the whole log reads. */
  readonly damage: DamagedStretch | null;
}

/**
 * How many body bytes a damaged log's scan may checksum while looking for the next intact
 * record (a flipped length byte hides where the next record starts); past it, the rest of the
 * file counts as damaged (it is kept aside, not lost).
 */
const MAX_RESYNC_HASHED_BYTES = 256 * 1024 * 1024;

export function encodeHeader(baseSeq: number): Uint8Array {
  return concat([LOG_MAGIC, Uint8Array.of(LOG_VERSION), encodeVarUint(baseSeq)]);
}

export function encodeUpdateRecord(author: number, payload: Uint8Array): Uint8Array {
  return frame(concat([encodeVarUint(author * 2), payload]));
}

export function encodeAuthorRecord(index: number, accessId: string | null): Uint8Array {
  return frame(concat([encodeVarUint(index * 2 + 1), new TextEncoder().encode(accessId ?? '')]));
}

type RecordAt = { ok: true; record: LogRecord; end: number } | { ok: false; reason: string; frameEnd: number | null };

/** Reads the record starting at `offset`; on failure says why and, when its length is readable and fits, where its frame would end. */
function readRecordAt(bytes: Uint8Array, offset: number): RecordAt {
  const length = readVarUint(bytes, offset);
  if (!length) return { ok: false, reason: 'truncated record length', frameEnd: null };
  const bodyStart = length.next + 4;
  if (length.value === 0) return { ok: false, reason: 'empty record', frameEnd: null };
  if (bodyStart + length.value > bytes.length) return { ok: false, reason: 'truncated record', frameEnd: null };
  const frameEnd = bodyStart + length.value;
  const expected = new DataView(bytes.buffer, bytes.byteOffset + length.next, 4).getUint32(0, true);
  const body = bytes.subarray(bodyStart, frameEnd);
  if (crc32(body) !== expected) return { ok: false, reason: 'checksum mismatch', frameEnd };
  const tag = readVarUint(body, 0);
  if (!tag) return { ok: false, reason: 'unreadable record tag', frameEnd };
  const payload = body.subarray(tag.next);
  const index = Math.floor(tag.value / 2);
  const record: LogRecord =
    tag.value % 2 === 0
      ? { kind: 'update', author: index, payload }
      : { kind: 'author', index, accessId: payload.length ? new TextDecoder().decode(payload) : null };
  return { ok: true, record, end: frameEnd };
}

/**
 * Reads a whole log; never throws on damaged bytes, reports them instead. A record that fails
 * its checksum is skipped and reading goes on at the first later offset where an intact record
 * starts (right after its frame when a body byte flipped; wherever the next record is when its
 * length flipped). A flip in record 11 then costs
 * record 11, not records 11 to the end.
 */
export function parseLog(bytes: Uint8Array): ParsedLog {
  if (bytes.length < LOG_MAGIC.length + 2 || !LOG_MAGIC.every((b, i) => bytes[i] === b)) {
    return {
      baseSeq: 0,
      records: [],
      validBytes: 0,
      damage: bytes.length === 0 ? null : { offset: 0, bytes: bytes.length, reason: 'no log header', torn: false },
    };
  }
  if (bytes[LOG_MAGIC.length] !== LOG_VERSION) {
    throw new Error(`update log version ${bytes[LOG_MAGIC.length]} is newer than this Accord understands`);
  }
  const base = readVarUint(bytes, LOG_MAGIC.length + 1);
  if (!base) return { baseSeq: 0, records: [], validBytes: 0, damage: { offset: 0, bytes: bytes.length, reason: 'truncated header', torn: false } };
  const records: LogRecord[] = [];
  let damage: DamagedStretch | null = null;
  let validBytes = base.next;
  let offset = base.next;
  let budget = MAX_RESYNC_HASHED_BYTES;
  while (offset < bytes.length) {
    const read = readRecordAt(bytes, offset);
    if (read.ok) {
      records.push(read.record);
      offset = validBytes = read.end;
      continue;
    }
    // Where the next intact record starts: the first offset after this one where a record reads
    // whole. Not simply where this frame's length says it ends: a flipped length can point exactly
    // at a later intact record, and trusting it would silently drop the records in between.
    let next: number | null = null;
    for (let at = offset + 1; next === null && at < bytes.length && budget > 0; at++) {
      const length = readVarUint(bytes, at);
      if (!length || length.value === 0 || length.next + 4 + length.value > bytes.length) continue;
      budget -= length.value;
      if (readRecordAt(bytes, at).ok) next = at;
    }
    const end = next ?? bytes.length;
    // A frame that runs past the end of the file, with nothing readable after it, is a write cut short.
    const torn = next === null && read.frameEnd === null && read.reason !== 'empty record';
    const stretch: DamagedStretch = { offset, bytes: end - offset, reason: read.reason, torn };
    records.push({ kind: 'lost', ...stretch });
    damage ??= stretch;
    offset = end;
  }
  return { baseSeq: base.value, records, validBytes, damage };
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
