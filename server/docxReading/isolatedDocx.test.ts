import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { DEFAULT_PARSE_BOUNDS, parseDocxIsolated } from './isolatedDocx.js';

async function smallDocx(): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: 'Chúng tôi, các địa phương.' })] }] })));
}

/** A file that takes a warm worker well over a millisecond to read (a small one may not). */
async function longDocx(): Promise<Uint8Array> {
  const children = Array.from({ length: 3_000 }, (_, i) => new Paragraph({ text: `Điều ${i + 1}. Các bên cam kết hợp tác chặt chẽ.` }));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('parseDocxIsolated', () => {
  it('reads a .docx in a worker thread', async () => {
    const result = await parseDocxIsolated(await smallDocx());
    expect(result).toMatchObject({ ok: true, value: { blocks: [{ text: 'Chúng tôi, các địa phương.', kind: 'paragraph' }] } });
  });

  it('answers a parse that runs out of memory as too large, and keeps parsing afterwards', async () => {
    const docx = await smallDocx();
    // A heap far too small for the parser stands for a file that needs too much of it.
    expect(await parseDocxIsolated(docx, { ...DEFAULT_PARSE_BOUNDS, maxHeapMb: 2 })).toMatchObject({ ok: false, code: 'too-large' });
    expect(await parseDocxIsolated(docx)).toMatchObject({ ok: true });
  });

  it('answers a parse that runs out of time as too large, and keeps parsing afterwards', async () => {
    expect(await parseDocxIsolated(await longDocx(), { ...DEFAULT_PARSE_BOUNDS, timeoutMs: 1 })).toMatchObject({ ok: false, code: 'too-large' });
    expect(await parseDocxIsolated(await smallDocx())).toMatchObject({ ok: true });
  });
});
