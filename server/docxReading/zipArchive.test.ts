import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { bombEntry, docxParts, smallEntry, writeZip } from '../../test/helpers/zipBomb.js';
import { checkZipArchive } from './zipArchive.js';

const LIMITS = { maxEntries: 50, maxUnpackedBytes: 1024 * 1024 };

describe('checkZipArchive', () => {
  it('accepts a real .docx and counts what it unpacks to', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: 'Nous, collectivités territoriales.' })] }] }));
    const checked = checkZipArchive(docx, LIMITS);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.value.unpackedBytes).toBeGreaterThan(docx.byteLength);
  });

  it('refuses an archive whose declared sizes pass the limit, before inflating anything', async () => {
    const zip = writeZip(docxParts(await bombEntry(3)));
    expect(checkZipArchive(zip, LIMITS)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses an archive that declares small sizes but inflates past the limit', async () => {
    const bomb = await bombEntry(3, 100);
    const zip = writeZip(docxParts(bomb));
    expect(checkZipArchive(zip, { ...LIMITS, maxUnpackedBytes: 1024 * 1024 })).toMatchObject({ ok: false, code: 'too-large' });
    // Within a larger budget the same archive passes: the cap is what it really holds.
    expect(checkZipArchive(zip, { ...LIMITS, maxUnpackedBytes: 8 * 1024 * 1024 })).toMatchObject({ ok: true });
  });

  it('refuses more entries than allowed', () => {
    const zip = writeZip(Array.from({ length: 51 }, (_, i) => smallEntry(`part${i}.xml`, '<a/>')));
    expect(checkZipArchive(zip, LIMITS)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses an archive whose directory does not sit where its end record says', async () => {
    const zip = writeZip(docxParts(smallEntry('word/document.xml', '<w:document/>')));
    const shifted = Buffer.concat([zip.subarray(0, 10), Buffer.alloc(7), zip.subarray(10)]);
    expect(checkZipArchive(shifted, LIMITS)).toMatchObject({ ok: false, code: 'unreadable' });
    expect(checkZipArchive(Buffer.from('PK\x03\x04 not a zip'), LIMITS)).toMatchObject({ ok: false, code: 'unreadable' });
  });
});
