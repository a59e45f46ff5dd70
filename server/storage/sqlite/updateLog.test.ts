import { describe, expect, it } from 'vitest';
import { encodeHeader, encodeUpdateRecord, parseLog } from './updateLog.js';

const updatesOf = (bytes: Uint8Array) => parseLog(bytes).records.flatMap((r) => (r.kind === 'update' ? [new TextDecoder().decode(r.payload)] : []));

describe('reading a log whose record length was flipped', () => {
  it('loses only the damaged record even when the flipped length points exactly at a later intact record', () => {
    const payloads = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const records = payloads.map((p) => encodeUpdateRecord(0, new TextEncoder().encode(p)));
    const header = encodeHeader(0);
    const bytes = new Uint8Array(header.length + records.reduce((n, r) => n + r.length, 0));
    const starts: number[] = [];
    let at = 0;
    bytes.set(header, at);
    at += header.length;
    for (const r of records) {
      starts.push(at);
      bytes.set(r, at);
      at += r.length;
    }
    // Rewrite the one-byte length of 'bravo' so its frame spans bravo, charlie and delta and ends
    // where 'echo' starts: the stale frame is followed by an intact record, yet charlie and delta are whole.
    const frameBytes = starts[4]! - starts[1]!;
    bytes[starts[1]!] = frameBytes - 1 - 4;
    expect(updatesOf(bytes)).toEqual(['alpha', 'charlie', 'delta', 'echo', 'foxtrot']);
    expect(parseLog(bytes).damage).toMatchObject({ offset: starts[1], reason: 'checksum mismatch', torn: false });
  });

  it('resumes right after the damaged frame when a body byte flipped', () => {
    const records = ['un', 'deux', 'trois'].map((p) => encodeUpdateRecord(1, new TextEncoder().encode(p)));
    const header = encodeHeader(7);
    const bytes = Uint8Array.from([...header, ...records[0]!, ...records[1]!, ...records[2]!]);
    bytes[header.length + records[0]!.length + 6]! ^= 0x5a;
    expect(updatesOf(bytes)).toEqual(['un', 'trois']);
    expect(parseLog(bytes).damage).toMatchObject({ offset: header.length + records[0]!.length, bytes: records[1]!.length });
  });
});
