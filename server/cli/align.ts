import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { alignParagraphs } from '../../shared/align/align.js';
import { toNfc } from '../../shared/text/nfc.js';

/** Paragraphs of a text file: blocks separated by blank lines. */
function readParagraphs(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  return toNfc(text.replace(/\r\n?/g, '\n'))
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/**
 * `accord align SOURCE.txt TARGET.txt [--json]`: links between the two files' paragraphs, as
 * JSON (`{"links":[{"source":[i],"target":[j],"score":s}]}`, 0-based, reading order) or as a table.
 */
export async function alignCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (positionals.length !== 2) throw new Error('usage: accord align SOURCE.txt TARGET.txt [--json]');
  const [source, target] = positionals.map(readParagraphs) as [string[], string[]];
  const links = alignParagraphs({
    source: source.map((text, i) => ({ id: `s${i}`, text })),
    target: target.map((text, i) => ({ id: `t${i}`, text })),
  });
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
