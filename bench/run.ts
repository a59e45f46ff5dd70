/**
 * `npm run bench`: runs every benchmark, prints one table with its targets (and, for the
 * collaboration figures, the reference server's values), writes JSON under bench/results/.
 *
 *   npm run bench -- --only collab      only the named suites (alignment, comparison, versions, collab; comma-separated)
 *   npm run bench -- --quick            smaller sizes for a smoke run
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchAlign } from './align.js';
import { benchCompare } from './compare.js';
import { benchVersions } from './versions.js';
import { benchCollab } from './collab/index.js';
import type { Figure } from './figure.js';

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: { only: { type: 'string', multiple: true }, quick: { type: 'boolean', default: false } },
  strict: true,
});
const quick = args.quick ?? false;

const suites: [string, () => Promise<Figure[]>][] = [
  ['alignment', benchAlign],
  ['comparison', benchCompare],
  ['versions', benchVersions],
  ['collab', () => benchCollab({ quick })],
];
const only = args.only ? new Set(args.only.flatMap((s) => s.split(',')).map((s) => s.trim())) : null;
for (const name of only ?? []) {
  if (!suites.some(([suite]) => suite === name)) throw new Error(`unknown suite "${name}"; known: ${suites.map(([s]) => s).join(', ')}`);
}

const started = Date.now();
const results: (Figure & { suite: string })[] = [];
for (const [suite, run] of suites) {
  if (only && !only.has(suite)) continue;
  process.stdout.write(`running ${suite}${quick ? ' (quick)' : ''}…\n`);
  for (const figure of await run()) results.push({ suite, ...figure });
}

printTable(results);
if (quick) process.stdout.write('\nQuick run: sizes are reduced (see the names); the targets are the issue\'s, set for the full sizes.\n');
const missed = results.filter((r) => r.meets === false);
process.stdout.write(missed.length === 0 ? '\nEvery checked target is met.\n' : `\n${missed.length} target(s) missed:\n`);
for (const r of missed) process.stdout.write(`  MISSED  [${r.suite}] ${r.name}: ${formatNumber(r.value)} ${r.unit} (target ${r.target ?? '?'})\n`);

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
writeFileSync(
  file,
  JSON.stringify({ at: new Date().toISOString(), node: process.version, quick, only: only ? [...only] : null, seconds: Math.round((Date.now() - started) / 1000), results }, null, 2),
);
process.stdout.write(`written ${file.pathname} (${Math.round((Date.now() - started) / 1000)} s)\n`);

function printTable(rows: readonly (Figure & { suite: string })[]): void {
  const header = ['suite', 'figure', 'value', 'unit', 'target', 'meets', 'reference', 'ratio'];
  const cells = rows.map((r) => [
    r.suite,
    r.name,
    formatNumber(r.value),
    r.unit,
    r.target ?? '',
    r.meets === undefined ? '—' : r.meets ? 'yes' : 'NO',
    r.reference === undefined ? '' : formatNumber(r.reference),
    r.ratio === undefined ? '' : `${formatNumber(r.ratio)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = new Set([2, 6, 7]);
  const line = (c: readonly string[]) => c.map((v, i) => (numeric.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' │ ').trimEnd();
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'n/a';
}
