/**
 * What the processes of a run used in a window (server CPU and memory, the client workers, the
 * rest of the machine), and the figures every scenario reports from it.
 */
import type { Figure } from '../figure.js';
import { round } from '../measure.js';
import { sleep } from './clients.js';
import { openCpuWindow, openTreeCpuWindow, readProcStats, type CpuReport } from './procStats.js';
import { MB } from './scale.js';
import { wallClock } from './samples.js';

export interface WindowUsage {
  readonly seconds: number;
  readonly serverCpuSeconds: readonly number[];
  readonly serverPeakRssBytes: readonly number[];
  readonly workersCpuPercent: number;
  readonly servicesCpuSeconds: number;
  /** CPU used by everything else on the machine in the window (other programs disturb the figures). */
  readonly otherCpuPercent: number;
}

/**
 * CPU of each server, of the workers (together) and of the `services` process trees (together)
 * between two wall-clock instants (sleeps until the end), and each server's peak RSS.
 */
export async function measureWindow(
  serverPids: readonly number[],
  workerPids: readonly number[],
  start: number,
  end: number,
  services: readonly number[] = [],
): Promise<WindowUsage> {
  await sleep(start - wallClock());
  const close = openCpuWindow([...serverPids, ...workerPids]);
  const closeServices = openTreeCpuWindow(services);
  await sleep(end - wallClock());
  const servicesCpuSeconds = closeServices();
  const { seconds, perProcess, otherSeconds } = close();
  const workers = perProcess.slice(serverPids.length);
  return {
    seconds,
    serverCpuSeconds: perProcess.slice(0, serverPids.length),
    serverPeakRssBytes: serverPids.map((pid) => readProcStats(pid).peakRssBytes),
    workersCpuPercent: (100 * workers.reduce((sum, s) => sum + s, 0)) / seconds,
    servicesCpuSeconds,
    otherCpuPercent: (100 * (otherSeconds - servicesCpuSeconds)) / seconds,
  };
}

/** The workers' worst event-loop delay: when it is large, the clients queue and the latencies are partly theirs. */
export function lagFigure(name: string, worstLagMs: number): Figure {
  return {
    name: `${name}: client workers' worst event-loop lag (client-side queuing, part of the latencies)`,
    value: Math.round(worstLagMs),
    unit: 'ms',
    ratioless: true,
  };
}

/** How busy the rest of the machine was: other programs on a 2-core machine disturb every timing. */
export function otherLoad(name: string, usage: CpuReport): Figure {
  return otherLoadPercent(name, (100 * usage.otherSeconds) / usage.seconds);
}

export function otherLoadPercent(name: string, percent: number): Figure {
  return { name: `${name}: other programs' CPU on the machine`, value: round(percent), unit: '% of a core', ratioless: true };
}

/** Server CPU per delivered (change, recipient) pair: the cost of fan-out, comparable across sizes. */
export function perDeliveredFigure(name: string, what: string, cpuSeconds: number, delivered: number): Figure {
  return { name: `${name}: server CPU per delivered ${what}`, value: delivered > 0 ? round((1e6 * cpuSeconds) / delivered, 2) : NaN, unit: 'µs' };
}

/** The server's peak RSS, held to the reference's in the same run (checked once the reference's is known). */
export function peakRssFigure(name: string, bytes: number): Figure {
  return { name: `${name}: server peak RSS`, value: round(bytes / MB), unit: 'MB', target: '≤ reference', atMostReference: true };
}
