import { inflateRawSync } from 'node:zlib';
import { importFailure, type ImportResult } from '../../shared/import/limits.js';

/** How much an archive may hold once unpacked, before anything parses it. */
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxUnpackedBytes: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
// A field at its maximum means "see the ZIP64 record": a .docx never needs one (it is far below 4 GB).
const ZIP64_16 = 0xffff;
const ZIP64_32 = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

/**
 * Checks that a zip archive (a .docx) unpacks within `limits`, without keeping what it unpacks:
 * reads the central directory (entry count and declared sizes first, which refuses the usual bomb
 * at once), then inflates every entry with the remaining budget as a hard cap, because declared
 * sizes are whatever the archive's author wrote. The archive must be laid out as the parser
 * will read it (central directory right before its end record, entries where it says), so the
 * bytes counted here are the bytes the parser would inflate.
 */
export function checkZipArchive(bytes: Uint8Array, limits: ZipLimits): ImportResult<{ entries: number; unpackedBytes: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end < 0) return damaged();
  const entries = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entries === ZIP64_16 || directorySize === ZIP64_32 || directoryOffset === ZIP64_32) return damaged();
  if (entries > limits.maxEntries) return tooLarge(`the .docx holds more than ${limits.maxEntries} parts`);
  if (directoryOffset + directorySize !== end) return damaged();

  // Declared sizes first: cheap, and a bomb that tells the truth is refused before any inflating.
  const found: { method: number; flags: number; compressed: number; declared: number; local: number }[] = [];
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < entries; i++) {
    if (at + CENTRAL_HEADER_SIZE > end || view.getUint32(at, true) !== CENTRAL_FILE_HEADER) return damaged();
    const entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      declared: view.getUint32(at + 24, true),
      local: view.getUint32(at + 42, true),
    };
    if (entry.compressed === ZIP64_32 || entry.declared === ZIP64_32 || entry.local === ZIP64_32) return damaged();
    declaredTotal += entry.declared;
    if (declaredTotal > limits.maxUnpackedBytes) return tooLarge(unpackedReason(limits));
    found.push(entry);
    at += CENTRAL_HEADER_SIZE + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (at !== end) return damaged();

  // Then what the entries really hold, inflating each with what is left of the budget as its cap.
  let unpacked = 0;
  for (const entry of found) {
    if (entry.flags & 1) return importFailure('unreadable', 'the .docx file is encrypted');
    const local = entry.local;
    if (local + LOCAL_HEADER_SIZE > bytes.byteLength || view.getUint32(local, true) !== LOCAL_FILE_HEADER) return damaged();
    const start = local + LOCAL_HEADER_SIZE + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + entry.compressed > directoryOffset) return damaged();
    const data = bytes.subarray(start, start + entry.compressed);
    const budget = limits.maxUnpackedBytes - unpacked;
    if (entry.method === STORED) {
      unpacked += data.byteLength;
    } else if (entry.method === DEFLATED) {
      const inflated = inflateWithin(data, budget);
      if (inflated === 'too-large') return tooLarge(unpackedReason(limits));
      if (inflated === 'damaged') return damaged();
      unpacked += inflated;
    } else {
      return damaged();
    }
    if (unpacked > limits.maxUnpackedBytes) return tooLarge(unpackedReason(limits));
  }
  return { ok: true, value: { entries, unpackedBytes: unpacked } };
}

/** The inflated size of a raw deflate stream, or 'too-large' as soon as it passes `cap` bytes. */
function inflateWithin(data: Uint8Array, cap: number): number | 'too-large' | 'damaged' {
  if (cap <= 0) return data.byteLength === 0 ? 0 : 'too-large';
  try {
    return inflateRawSync(data, { maxOutputLength: cap }).byteLength;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged';
  }
}

/** The end-of-central-directory record, searched from the end as zip readers do; -1 if none. */
function findEndRecord(view: DataView): number {
  const last = view.byteLength - END_RECORD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return -1;
}

function damaged(): ImportResult<never> {
  return importFailure('unreadable', 'the .docx file is damaged and cannot be read');
}

function tooLarge(reason: string): ImportResult<never> {
  return importFailure('too-large', reason);
}

function unpackedReason(limits: ZipLimits): string {
  return `the .docx unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB`;
}
