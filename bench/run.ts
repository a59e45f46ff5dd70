/**
 * `npm run bench`: runs every benchmark, prints one table with its targets (and, for the
 * collaboration figures, the reference server's values), writes JSON under bench/results/.
 *
 *   npm run bench -- --only collab      only the named suites (alignment, alignment-scale, comparison, versions, collab, cluster; comma-separated)
 *   npm run bench -- --quick            smaller sizes for a smoke run
 *   npm run bench -- --only collab --scenario cold
 *                                       only the named collab scenarios (propagation, presence, storm, hall, cold, storage, crash; comma-separated)
 *   ACCORD_BENCH_COLD_ROUNDS=9          cold load: restarts measured (the median is reported; 3 by default, 1 with --quick)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchAlign } from './align.js';
import { benchAlignScale } from './alignScale.js';
import { benchCompare } from './compare.js';
import { benchVersions } from './versions.js';
import { benchStartup } from './startup.js';
import { benchCollab, COLLAB_SCENARIOS } from './collab/index.js';
import { benchCluster } from './collab/cluster.js';
import { propagationName } from './collab/propagation.js';
import type { Figure } from './figure.js';

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: { only: { type: 'string', multiple: true }, scenario: { type: 'string', multiple: true }, quick: { type: 'boolean', default: false } },
  strict: true,
});
const quick = args.quick ?? false;
const scenarios = args.scenario ? new Set(args.scenario.flatMap((s) => s.split(',')).map((s) => s.trim())) : undefined;
for (const name of scenarios ?? []) {
  if (!(COLLAB_SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown collab scenario "${name}"; known: ${COLLAB_SCENARIOS.join(', ')}`);
}

/** Lines printed after the table (a suite skipped and why, how to read a suite's rows). */
const notes: string[] = [];
const results: (Figure & { suite: string })[] = [];
const suites: [string, () => Promise<Figure[]>][] = [
  ['startup', benchStartup],
  ['alignment', benchAlign],
  ['alignment-scale', () => benchAlignScale(quick ? 5_000 : 30_000)],
  ['comparison', benchCompare],
  ['versions', benchVersions],
  ['collab', () => benchCollab({ quick, ...(scenarios ? { scenarios } : {}) })],
  [
    'cluster',
    () =>
      benchCluster({
        quick,
        note: (line) => notes.push(line),
        // The collab suite's single-instance propagation figures, when it ran: not measured twice.
        single: (writers) => results.filter((r) => r.suite === 'collab' && r.name.startsWith(`${propagationName(writers)}: `)),
      }),
  ],
];
const only = args.only ? new Set(args.only.flatMap((s) => s.split(',')).map((s) => s.trim())) : null;
for (const name of only ?? []) {
  if (!suites.some(([suite]) => suite === name)) throw new Error(`unknown suite "${name}"; known: ${suites.map(([s]) => s).join(', ')}`);
}

const started = Date.now();
for (const [suite, run] of suites) {
  if (only && !only.has(suite)) continue;
  process.stdout.write(`running ${suite}${quick ? ' (quick)' : ''}…\n`);
  for (const figure of await run()) results.push({ suite, ...figure });
}

printTable(results);
for (const line of notes) process.stdout.write(`\n${line}\n`);
if (quick) process.stdout.write("\nQuick run: sizes are reduced (see the names); the targets are the issue's, set for the full sizes.\n");
const missed = results.filter((r) => r.meets === false);
process.stdout.write(missed.length === 0 ? '\nEvery checked target is met.\n' : `\n${missed.length} target(s) missed:\n`);
for (const r of missed) process.stdout.write(`  MISSED  [${r.suite}] ${r.name}: ${formatNumber(r.value)} ${r.unit} (target ${r.target ?? '?'})\n`);

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      quick,
      only: only ? [...only] : null,
      notes,
      seconds: Math.round((Date.now() - started) / 1000),
      results,
    },
    null,
    2,
  ),
);
process.stdout.write(`written ${file.pathname} (${Math.round((Date.now() - started) / 1000)} s)\n`);

function printTable(unordered: readonly (Figure & { suite: string })[]): void {
  const rows = placed(unordered);
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
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (numeric.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join(' │ ')
      .trimEnd();
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
}

/** Run order, except that a row with `printAfter` follows the row it names (rows placed there keep their order). */
function placed<T extends Figure>(rows: readonly T[]): T[] {
  const names = new Set(rows.map((r) => r.name));
  const moves = (r: T) => r.printAfter !== undefined && r.printAfter !== r.name && names.has(r.printAfter);
  const following = new Map<string, T[]>();
  for (const r of rows) if (moves(r)) following.set(r.printAfter!, [...(following.get(r.printAfter!) ?? []), r]);
  const out = new Set<T>();
  const add = (r: T) => {
    if (out.has(r)) return;
    out.add(r);
    for (const next of following.get(r.name) ?? []) add(next);
  };
  for (const r of rows) if (!moves(r)) add(r);
  for (const r of rows) add(r); // rows whose anchors only lead back to themselves
  return [...out];
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'n/a';
}
