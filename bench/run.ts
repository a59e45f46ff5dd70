/** `npm run bench`: runs every benchmark, prints one table with its targets, writes JSON under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchAlign } from './align.js';
import { benchCompare } from './compare.js';
import { benchVersions } from './versions.js';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
}

const suites: [string, () => Promise<Figure[]>][] = [
  ['alignment', benchAlign],
  ['comparison', benchCompare],
  ['versions', benchVersions],
];
const results: (Figure & { suite: string })[] = [];
for (const [suite, run] of suites) {
  process.stdout.write(`running ${suite}…\n`);
  for (const figure of await run()) results.push({ suite, ...figure });
}
console.table(results.map(({ suite, name, value, unit, target }) => ({ suite, name, value, unit, target: target ?? '' })));
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
process.stdout.write(`written ${file.pathname}\n`);
