import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { alignParagraphs } from '../../shared/align/align.js';
import { toNfc } from '../../shared/text/nfc.js';

/** Paragraphs of a text file: blocks separated by blank lines. Empty and binary files are refused. */
function readParagraphs(file: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  const refused = refuseInput(bytes);
  if (refused) throw new Error(`${file} ${refused}`);
  const text = bytes.toString('utf8');
  const paragraphs = toNfc(text.replace(/\r\n?/g, '\n'))
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  if (paragraphs.length === 0) throw new Error(`${file} has no text (only blank lines)`);
  return paragraphs;
}

/** Why these bytes are not a text to align, or undefined when they are one. */
export function refuseInput(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'is empty';
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return 'is binary, not text (it contains NUL bytes)';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, lastCharBoundary(sample)) : sample);
  } catch {
    return 'is not UTF-8 text';
  }
  let control = 0;
  for (const b of sample) if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  return control > sample.length / 100 ? 'is binary, not text (control characters)' : undefined;
}

// A 64 KB sample may end inside a multi-byte character: cut before its lead byte.
function lastCharBoundary(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0xc0) return end - k;
    if ((b & 0x80) === 0) return end;
  }
  return end;
}

/** A link scoring below this is unsure; when most are, the texts are not translations of each other. */
const UNSURE_SCORE = 0.5;
const UNRELATED_SHARE = 0.7;
/** Too few links to tell a translation from two unrelated texts. */
const MIN_LINKS_TO_JUDGE = 4;

/**
 * `accord align SOURCE.txt TARGET.txt [--json] [--force]`: links between the two files' paragraphs, as
 * JSON (`{"links":[{"source":[i],"target":[j],"score":s}]}`, 0-based, reading order) or as a table.
 */
export async function alignCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, force: { type: 'boolean' } } });
  if (positionals.length !== 2) throw new Error('usage: accord align SOURCE.txt TARGET.txt [--json] [--force]');
  const [source, target] = positionals.map(readParagraphs) as [string[], string[]];
  const links = alignParagraphs({
    source: source.map((text, i) => ({ id: `s${i}`, text })),
    target: target.map((text, i) => ({ id: `t${i}`, text })),
  });
  const unsure = links.filter((l) => l.score < UNSURE_SCORE).length;
  if (links.length >= MIN_LINKS_TO_JUDGE && unsure / links.length > UNRELATED_SHARE && !values.force) {
    throw new Error(
      `these texts do not look like translations of each other (${unsure} of ${links.length} links score below ${UNSURE_SCORE}); --force aligns them anyway`,
    );
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ links: links.map((l) => ({ source: [...l.source], target: [...l.target], score: l.score })) }) + '\n');
    return 0;
  }
  const clip = (s: string) => (s.length > 48 ? s.slice(0, 47) + '…' : s).padEnd(48);
  for (const l of links) {
    const kind = `${l.source.length}:${l.target.length}`.padEnd(4);
    const left = l.source.map((i) => source[i]!).join(' ¶ ');
    const right = l.target.map((j) => target[j]!).join(' ¶ ');
    process.stdout.write(`${kind} ${l.score.toFixed(2)}  ${clip(left)} │ ${clip(right)}\n`);
  }
  return 0;
}
