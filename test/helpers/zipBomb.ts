import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/** One file of a hand-made zip: raw-deflated bytes, with the sizes and CRC the archive will claim. */
export interface ZipEntry {
  readonly name: string;
  readonly deflated: Uint8Array;
  readonly crc: number;
  /** What the archive says the file unpacks to; a bomb may lie here. */
  readonly declaredSize: number;
}

/** A small file, compressed honestly. */
export function smallEntry(name: string, text: string): ZipEntry {
  const bytes = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), declaredSize: bytes.byteLength };
}

/**
 * `word/document.xml` that inflates to `megabytes` MB of paragraphs from a stream of about a
 * thousandth of that, deflated piece by piece so the test never holds the unpacked text.
 */
export async function bombEntry(megabytes: number, declaredSize?: number): Promise<ZipEntry> {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const tail = '</w:body></w:document>';
  const paragraph = '<w:p><w:r><w:t>Nous, collectivités territoriales.</w:t></w:r></w:p>';
  const chunk = Buffer.from(paragraph.repeat(Math.floor((1024 * 1024) / paragraph.length)), 'utf8');
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = crc32(head);
  let size = Buffer.byteLength(head);
  const write = (data: Buffer | string) => new Promise<void>((resolve) => (deflate.write(data) ? resolve() : deflate.once('drain', resolve)));
  await write(head);
  for (let i = 0; i < megabytes; i++) {
    await write(chunk);
    crc = crc32(chunk, crc);
    size += chunk.byteLength;
  }
  await write(tail);
  crc = crc32(tail, crc);
  size += Buffer.byteLength(tail);
  deflate.end();
  await done;
  return { name: 'word/document.xml', deflated: Buffer.concat(parts), crc, declaredSize: declaredSize ?? size };
}

/** The parts a Word reader looks for first, around the given document part. */
export function docxParts(document: ZipEntry): ZipEntry[] {
  return [
    smallEntry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    smallEntry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    document,
  ];
}

/** A zip archive (deflate, no data descriptors), laid out as every zip reader expects. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.byteLength, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.deflated.byteLength, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.deflated));
    centrals.push(central, name);
    offset += 30 + name.byteLength + entry.deflated.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
