/**
 * `npm run bench -- --only cluster`: the propagation run of the collab suite across two Accord
 * instances (separate processes) sharing a throwaway PostgreSQL (DATABASE_URL) and Redis
 * (REDIS_URL) that the bench starts on loopback and removes afterwards. Writers alternate
 * between the instances (client i on instance A when i is even, B when odd), so half of every
 * edit's receivers are on the other instance. Each figure carries the single-instance value as
 * its reference and the ratio cluster / single.
 */
import type { Figure } from '../figure.js';
import { checked } from '../figure.js';
import { round } from '../measure.js';
import { findPostgresBinaries, findRedisBinaries, startPostgres, startRedis, withPgClient, type LocalService } from '../../test/helpers/localServices.js';
import { accordTarget, createAccordTarget } from './accordTarget.js';
import { propagation, propagationName, runWriters } from './propagation.js';
import { FULL_SCALE, QUICK_SCALE, type Scale } from './scale.js';
import { lagFigure } from './usage.js';
import { percentile } from './samples.js';
import { newDocument, withSession } from './session.js';

export interface ClusterOptions {
  readonly quick?: boolean;
  /** Where progress lines go. */
  readonly progress?: (line: string) => void;
  /** Where lines for the end of the report go (why the suite was skipped; how to read its rows). */
  readonly note?: (line: string) => void;
  /**
   * The single-instance propagation figures for `writers` writers if this run already has them
   * (the collab suite ran first); otherwise this suite measures them itself.
   */
  readonly single?: (writers: number) => readonly Figure[];
}

const MB = 1024 * 1024;

export async function benchCluster(options: ClusterOptions = {}): Promise<Figure[]> {
  const scale = options.quick ? QUICK_SCALE : FULL_SCALE;
  const progress = options.progress ?? ((line) => process.stdout.write(`${line}\n`));
  const note = options.note ?? progress;
  const missing = [findPostgresBinaries() ? null : 'PostgreSQL (initdb, postgres)', findRedisBinaries() ? null : 'Redis (redis-server)'].filter(Boolean);
  if (missing.length > 0) {
    note(
      `Cluster figures skipped: ${missing.join(' and ')} not found on PATH or in the usual directories; install ${missing.length > 1 ? 'them' : 'it'} to measure propagation across two instances.`,
    );
    return [];
  }

  progress('  starting a throwaway PostgreSQL and Redis on loopback…');
  let services: LocalService[];
  try {
    services = await Promise.all([startPostgres(), startRedis()]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`  cluster: PostgreSQL or Redis did not start: ${message}`);
    return [{ name: `cluster: PostgreSQL or Redis did not start (${message.split('\n')[0]})`, value: NaN, unit: '', target: 'completes', meets: false }];
  }
  const [postgres, redis] = services as [LocalService, LocalService];
  const figures: Figure[] = [];
  try {
    let databases = 0;
    for (const writers of scale.writers) {
      let single = [...(options.single?.(writers) ?? [])];
      if (single.length === 0) {
        progress(`  propagation, ${writers} writers — one accord instance (baseline)…`);
        single = await attempt(`propagation, ${writers} writers`, () => propagation(accordTarget, writers, scale), progress);
        figures.push(...single);
      }
      progress(`  propagation, ${writers} writers — two accord instances, PostgreSQL + Redis…`);
      const database = await freshDatabase(postgres.url, `accord_bench_${++databases}`);
      const mine = await attempt(
        `propagation across 2 instances, ${writers} writers`,
        () => clusterPropagation(writers, scale, database, redis.url, [postgres.pid, redis.pid]),
        progress,
      );
      figures.push(...pairWithSingle(mine, single));
    }
  } finally {
    await Promise.all([postgres.stop(), redis.stop()]);
  }
  if (figures.some((f) => f.name.includes('across 2 instances'))) {
    note(
      '[cluster] rows "across 2 instances": reference = the same figure on one instance (the collab suite\'s propagation scenario: one Accord, on SQLite), ratio = cluster / single. ' +
        'The cluster also changes the store (PostgreSQL, fsync off, on this machine) and adds Redis: the ratio is the cost of both, not of the fan-out alone.',
    );
  }
  return figures;
}

/** A cluster figure and the single-instance figure (suffix after "propagation, N writers × 2 edits/s: ") it compares with. */
interface Paired {
  readonly figure: Figure;
  readonly single?: string;
}

async function clusterPropagation(writers: number, scale: Scale, databaseUrl: string, redisUrl: string, servicePids: readonly number[]): Promise<Paired[]> {
  const target = createAccordTarget({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
  return withSession(target, (a) =>
    withSession(target, async (b) => {
      const { document } = await newDocument(a, `Propagation across two instances, ${writers} writers`);
      // Both instances share the catalog: A's invitations open the declaration on B too.
      const tokens = await a.invite(document, 'writer', writers);
      const connections = tokens.map((token, i) => (i % 2 === 0 ? a : b).connection(document, token));
      const run = await runWriters(connections, [a.server.pid, b.server.pid], scale, { services: servicePids });
      const [cpuA = NaN, cpuB = NaN] = run.serverCpuSeconds;
      const [rssA = NaN, rssB = NaN] = run.serverPeakRssBytes;
      const percent = (seconds: number) => round((100 * seconds) / run.windowSeconds);
      const name = `${propagationName(writers)}, across 2 instances (${Math.ceil(writers / 2)} + ${Math.floor(writers / 2)} clients)`;
      return [
        { figure: { name: `${name}: p50 latency`, value: round(percentile(run.latencies, 50)), unit: 'ms' }, single: 'p50 latency' },
        { figure: { name: `${name}: p95 latency`, value: round(percentile(run.latencies, 95)), unit: 'ms' }, single: 'p95 latency' },
        { figure: { name: `${name}: p99 latency`, value: round(percentile(run.latencies, 99)), unit: 'ms' }, single: 'p99 latency' },
        {
          figure: {
            ...checked(
              { name: `${name}: delivered (each edit to every other client)`, value: round(run.delivered, 2), unit: '%', target: '100 %' },
              (v) => v === 100,
            ),
            ratioless: true,
          },
          single: 'delivered (each edit to every other client)',
        },
        {
          figure: { name: `${name}: server CPU in the ${scale.measureMs / 1000} s window, both instances`, value: round(cpuA + cpuB, 2), unit: 's' },
          single: `server CPU in the ${scale.measureMs / 1000} s window`,
        },
        { figure: { name: `${name}: server CPU, both instances`, value: percent(cpuA + cpuB), unit: '% of a core' }, single: 'server CPU' },
        { figure: { name: `${name}: server CPU, instance A`, value: percent(cpuA), unit: '% of a core' }, single: 'server CPU' },
        { figure: { name: `${name}: server CPU, instance B`, value: percent(cpuB), unit: '% of a core' }, single: 'server CPU' },
        { figure: { name: `${name}: server peak RSS, instance A`, value: round(rssA / MB), unit: 'MB' }, single: 'server peak RSS' },
        { figure: { name: `${name}: server peak RSS, instance B`, value: round(rssB / MB), unit: 'MB' }, single: 'server peak RSS' },
        { figure: { name: `${name}: PostgreSQL + Redis CPU`, value: percent(run.servicesCpuSeconds), unit: '% of a core' } },
        { figure: { name: `${name}: client workers' CPU (all ${run.workers})`, value: round(run.workersCpuPercent), unit: '% of a core' } },
        { figure: lagFigure(name, run.worstLagMs) },
        { figure: { name: `${name}: other programs' CPU on the machine`, value: round(run.otherCpuPercent), unit: '% of a core', ratioless: true } },
      ];
    }),
  );
}

/** The cluster figures with the single-instance values as reference and ratio, printed after the single-instance block. */
function pairWithSingle(paired: readonly (Paired | Figure)[], single: readonly Figure[]): Figure[] {
  const bySuffix = new Map(single.map((f) => [f.name.slice(f.name.indexOf(': ') + 2), f]));
  const last = single[single.length - 1]?.name;
  return paired.map((p) => {
    if (!('figure' in p)) return p; // a failure
    const { figure } = p;
    const reference = p.single === undefined ? undefined : bySuffix.get(p.single)?.value;
    const placed = last === undefined ? figure : { ...figure, printAfter: last };
    if (reference === undefined || !Number.isFinite(reference)) return placed;
    const ratio = !figure.ratioless && reference !== 0 && Number.isFinite(figure.value) ? round(figure.value / reference, 2) : undefined;
    return { ...placed, reference, ...(ratio === undefined ? {} : { ratio }) };
  });
}

/** A new, empty database on the server at `serverUrl`; its URL. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await withPgClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs a scenario; a failure becomes one figure that says so (and misses), so the rest still runs. */
async function attempt<T>(label: string, run: () => Promise<T[]>, progress: (line: string) => void): Promise<(T | Figure)[]> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`  ${label} FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return [{ name: `${label}: failed (${message.split('\n')[0]})`, value: NaN, unit: '', target: 'completes', meets: false }];
  }
}
