/**
 * The collaboration benchmarks: Accord's scenarios and, when bench/reference/hocuspocusTarget.ts
 * is there, the same runs against the reference server (all but storage), each Accord figure
 * carrying the reference's value and the ratio Accord / reference; a figure held to the
 * reference (peak RSS ≤ reference) is checked here, once both are known.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from '../../scripts/serverBuild.mjs';
import type { Figure } from '../figure.js';
import { round } from '../measure.js';
import { accordTarget } from './accordTarget.js';
import { PROJECT_ROOT } from './processes.js';
import { coldLoad } from './coldLoad.js';
import { crash } from './crash.js';
import { hall } from './hall.js';
import { presence } from './presence.js';
import { propagation } from './propagation.js';
import { FULL_SCALE, QUICK_SCALE } from './scale.js';
import { storage } from './storage.js';
import { reconnectStorm } from './storm.js';
import type { BenchTarget } from './target.js';

export interface CollabOptions {
  /** Smaller sizes for a smoke run (under two minutes). */
  readonly quick?: boolean;
  /** Where progress lines go. */
  readonly progress?: (line: string) => void;
  /** Only these scenarios (see COLLAB_SCENARIOS); all when absent. */
  readonly scenarios?: ReadonlySet<string>;
}

/** The collab suite's scenarios, as `--scenario` names them. */
export const COLLAB_SCENARIOS = ['propagation', 'presence', 'storm', 'hall', 'cold', 'storage', 'crash'] as const;

const REFERENCE_MODULE = join(PROJECT_ROOT, 'bench/reference/hocuspocusTarget.ts');

export async function benchCollab(options: CollabOptions = {}): Promise<Figure[]> {
  const sized = options.quick ? QUICK_SCALE : FULL_SCALE;
  const coldRounds = Number(process.env.ACCORD_BENCH_COLD_ROUNDS);
  const scale = Number.isInteger(coldRounds) && coldRounds > 0 ? { ...sized, coldRounds } : sized;
  const progress = options.progress ?? ((line) => process.stdout.write(`${line}\n`));
  const reference = await loadReference(progress);
  const figures: Figure[] = [];
  const wanted = (name: (typeof COLLAB_SCENARIOS)[number]) => !options.scenarios || options.scenarios.has(name);
  // The Accord target runs the compiled server: build it first when the sources changed.
  await ensureServerBuilt({ root: PROJECT_ROOT, quiet: true });

  const scenario = async (label: string, run: (target: BenchTarget) => Promise<Figure[]>, compare: boolean) => {
    progress(`  ${label} — ${accordTarget.name}…`);
    const mine = await attempt(label, () => run(accordTarget), progress);
    if (!compare || !reference) {
      figures.push(...mine);
      return;
    }
    progress(`  ${label} — ${reference.name}…`);
    const theirs = await attempt(label, () => run(reference), progress);
    const byName = new Map(theirs.map((f) => [f.name, f.value]));
    figures.push(...mine.map((f) => withReference(f, byName.get(f.name))));
    if (theirs.length === 1 && !Number.isFinite(theirs[0]!.value)) {
      figures.push({ name: `${theirs[0]!.name}, on the reference (${reference.name})`, value: NaN, unit: '' });
    }
  };

  if (wanted('propagation'))
    for (const writers of scale.writers) await scenario(`propagation, ${writers} writers`, (t) => propagation(t, writers, scale), true);
  if (wanted('presence')) await scenario(`presence, ${scale.presenceClients} clients`, (t) => presence(t, scale), true);
  if (wanted('storm')) await scenario(`reconnect storm, ${scale.stormClients} clients`, (t) => reconnectStorm(t, scale), true);
  if (wanted('hall')) await scenario(`hall, ${scale.hallObservers + scale.hallWriters} people`, (t) => hall(t, scale), true);
  if (wanted('cold')) await scenario(`cold load, ${scale.coldEdits} edits`, (t) => coldLoad(t, scale), true);
  if (wanted('storage')) {
    // Storage reads Accord's own process and configuration; it has no reference counterpart.
    progress(`  storage — ${accordTarget.name}…`);
    figures.push(...(await attempt('storage', () => storage(scale), progress)));
  }
  if (wanted('crash')) await scenario(`crash, ${scale.crashRounds} rounds`, (t) => crash(t, scale), true);
  return figures;
}

async function loadReference(progress: (line: string) => void): Promise<BenchTarget | null> {
  if (!existsSync(REFERENCE_MODULE)) {
    progress('  (no reference server: bench/reference/hocuspocusTarget.ts is absent)');
    return null;
  }
  try {
    const module = (await import(pathToFileURL(REFERENCE_MODULE).href)) as { hocuspocusTarget?: BenchTarget };
    if (!module.hocuspocusTarget) throw new Error('it exports no hocuspocusTarget');
    return module.hocuspocusTarget;
  } catch (error) {
    progress(`  (reference server unavailable: ${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/** Runs a scenario; a failure becomes one figure that says so (and misses), so the rest still runs. */
async function attempt(label: string, run: () => Promise<Figure[]>, progress: (line: string) => void): Promise<Figure[]> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`  ${label} FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return [{ name: `${label}: failed (${message.split('\n')[0]})`, value: NaN, unit: '', target: 'completes', meets: false }];
  }
}

function withReference(figure: Figure, reference: number | undefined): Figure {
  if (reference === undefined || !Number.isFinite(reference)) return figure;
  const ratio = !figure.ratioless && reference !== 0 && Number.isFinite(figure.value) ? round(figure.value / reference, 2) : undefined;
  const held = figure.atMostReference ? { meets: Number.isFinite(figure.value) && figure.value <= reference } : {};
  return { ...figure, reference, ...(ratio === undefined ? {} : { ratio }), ...held };
}
