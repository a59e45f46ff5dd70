/**
 * The plenary hall: 800 people on one declaration, most of them observers (connected, synced,
 * receiving everything, each moving their caret about every 10 s), 20 writing twice a second.
 * First a phase where only the carets move (the server's cost of presence alone), then the edits:
 * propagation to every other person, and the server's CPU with both. Light clients throughout.
 */
import { checked, type Figure } from '../figure.js';
import { round } from '../measure.js';
import { droppedFigure, runWriters } from './propagation.js';
import { percentile } from './samples.js';
import { HALL_CARET_INTERVAL_MS, PRESENCE_SAMPLED_CLIENTS, type Scale } from './scale.js';
import { newDocument, withSession } from './session.js';
import type { BenchTarget } from './target.js';
import { lagFigure, otherLoadPercent, peakRssFigure, perDeliveredFigure } from './usage.js';

export async function hall(target: BenchTarget, scale: Scale): Promise<Figure[]> {
  const { hallWriters: writers, hallObservers: observers } = scale;
  return withSession(target, async (session) => {
    const { document } = await newDocument(session, `Hall, ${writers + observers} people`);
    const writerTokens = await session.invite(document, 'writer', writers);
    const [observerToken] = await session.invite(document, 'observer', 1);
    const writing = writerTokens.map((token) => session.connection(document, token));
    const run = await runWriters(writing, [session.server.pid], scale, {
      observers: {
        connection: session.connection(document, observerToken!),
        count: observers,
        caretIntervalMs: HALL_CARET_INTERVAL_MS,
        sampled: PRESENCE_SAMPLED_CLIENTS,
      },
      presenceOnlyMs: scale.hallPresenceMs,
    });
    const name = `hall, ${writers + observers} connected (${observers} observers, caret every ${HALL_CARET_INTERVAL_MS / 1000} s; ${writers} writers × 2 edits/s)`;
    const [cpuSeconds = NaN] = run.serverCpuSeconds;
    const [peakRss = NaN] = run.serverPeakRssBytes;
    const presenceCpu = run.presenceOnly?.serverCpuSeconds[0] ?? NaN;
    const presenceSeconds = run.presenceOnly?.seconds ?? NaN;
    return [
      { name: `${name}: p50 latency`, value: round(percentile(run.latencies, 50)), unit: 'ms' },
      { name: `${name}: p95 latency`, value: round(percentile(run.latencies, 95)), unit: 'ms' },
      checked({ name: `${name}: p99 latency`, value: round(percentile(run.latencies, 99)), unit: 'ms', target: '< 100 ms' }, (v) => v < 100),
      checked({ name: `${name}: delivered (each edit to every other person)`, value: round(run.delivered, 2), unit: '%', target: '100 %' }, (v) => v === 100),
      droppedFigure(name, run),
      checked(
        { name: `${name}: server CPU (edits and presence)`, value: round((100 * cpuSeconds) / run.windowSeconds), unit: '% of a core', target: '< 50 %' },
        (v) => v < 50,
      ),
      perDeliveredFigure(name, 'update (edit, recipient)', cpuSeconds, run.latencies.length),
      {
        name: `${name}: server CPU, presence alone (carets only, ${round(presenceSeconds, 1)} s before the edits)`,
        value: round((100 * presenceCpu) / presenceSeconds),
        unit: '% of a core',
      },
      {
        name: `${name}: p95 caret latency (at ${PRESENCE_SAMPLED_CLIENTS} observers)`,
        value: round(percentile(run.caretLatencies, 95)),
        unit: 'ms',
      },
      { name: `${name}: caret moves delivered to the sampled observers`, value: round(run.caretsDelivered, 2), unit: '%' },
      peakRssFigure(name, peakRss),
      { name: `${name}: client workers' CPU (all ${run.workers})`, value: round(run.workersCpuPercent), unit: '% of a core' },
      lagFigure(name, run.worstLagMs),
      otherLoadPercent(name, run.otherCpuPercent),
    ];
  });
}
