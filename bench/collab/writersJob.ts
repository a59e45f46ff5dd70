/**
 * A worker's side of the writers scenarios (propagation, the hall), with light clients: each
 * writer keeps a local document holding only the state at sync and its own edits, and appends a
 * marker to its own paragraph every interval, staggered; every client (writers and observers)
 * scans what it receives for markers and notes when it first sees each.
 */
import * as Y from 'yjs';
import { caretState, caretTimer, encodePresence, randomClientId } from './caretWire.js';
import { sleep } from './clients.js';
import type { WritersJob, WritersResult } from './jobs.js';
import { watchLag } from './lag.js';
import { addOwnParagraph, appendMarker, MAX_CLIENTS, MAX_EDITS, markerKey, scanMarkerBytes } from './layout.js';
import { LightClient } from './lightClient.js';
import { SampleBuffer, wallClock } from './samples.js';

const CONNECT_TIMEOUT_MS = 60_000;

/** Connects the job's clients, calls `start` (ready, then the common start instant) and runs the job. */
export async function runWritersJob(job: WritersJob, start: () => Promise<number>): Promise<WritersResult> {
  const editsPerClient = Math.ceil((job.warmupMs + job.measureMs) / job.intervalMs) + 1;
  if (job.totalClients > MAX_CLIENTS || editsPerClient > MAX_EDITS) throw new Error('markers hold at most 65,536 clients and 65,536 edits each');
  const sends = new SampleBuffer();
  const arrivals = new SampleBuffer();
  /** A receiver's scan: a byte per (sender, edit) says "seen before" without a Set per receiver. */
  const scanner = (own: number | null) => {
    const seen = new Uint8Array(job.totalClients * editsPerClient);
    return (update: Uint8Array) => {
      const now = wallClock();
      scanMarkerBytes(update, (sender, edit) => {
        if (sender === own || sender >= job.totalClients || edit >= editsPerClient) return;
        const slot = sender * editsPerClient + edit;
        if (seen[slot]) return;
        seen[slot] = 1;
        arrivals.push(markerKey(sender, edit), now);
      });
    };
  };

  const writers = job.writers.map(({ index, wire }) => {
    const doc = new Y.Doc();
    return { index, doc, client: new LightClient(wire, { doc, onUpdate: scanner(index) }) };
  });
  let caretWindow = { from: Infinity, to: -Infinity };
  const caretLatencies: number[] = [];
  const observers = (job.observers?.indices ?? []).map((index) => {
    const sampled = job.observers!.sampled.includes(index);
    const id = randomClientId();
    const onAwareness = sampled
      ? caretTimer(id, (t, now) => {
          if (t >= caretWindow.from && t < caretWindow.to) caretLatencies.push(now - t);
        })
      : undefined;
    const client = new LightClient(job.observers!.wire, { onUpdate: scanner(null), ...(onAwareness ? { onAwareness } : {}) });
    return { index, id, sampled, client, user: { name: `Observateur ${index}`, color: `hsl(${(index * 47) % 360} 70% 45%)` } };
  });
  await Promise.all([...writers, ...observers].map(({ client }) => client.synced(CONNECT_TIMEOUT_MS)));
  const texts = writers.map(({ doc }) => addOwnParagraph(doc));
  for (const o of observers) o.client.sendAwareness(encodePresence(o.id, 0, { user: o.user }));

  const at = await start();
  const editsFrom = at + (job.editsDelayMs ?? 0);
  const editsEnd = editsFrom + job.warmupMs + job.measureMs;
  caretWindow = { from: at + 1_000, to: editsEnd };
  writers.forEach(({ index }, i) => {
    const text = texts[i]!;
    const offset = (index / job.totalClients) * job.intervalMs;
    let edit = 0;
    const next = () => {
      const due = editsFrom + offset + edit * job.intervalMs;
      if (due >= editsEnd) return;
      setTimeout(() => {
        sends.push(markerKey(index, edit), wallClock());
        appendMarker(text, index, edit);
        edit++;
        next();
      }, due - wallClock());
    };
    next();
  });
  let caretsSent = 0;
  let caretsSentBySampled = 0;
  for (const o of observers) {
    const { caretIntervalMs, total } = job.observers!;
    const offset = (o.index / total) * caretIntervalMs;
    let move = 0;
    const next = () => {
      const due = at + offset + move * caretIntervalMs;
      if (due >= editsEnd) return;
      setTimeout(() => {
        const t = wallClock();
        if (t >= caretWindow.from && t < caretWindow.to) {
          caretsSent++;
          if (o.sampled) caretsSentBySampled++;
        }
        move++;
        o.client.sendAwareness(encodePresence(o.id, move, caretState(o.user, move, t)));
        next();
      }, due - wallClock());
    };
    next();
  }
  const lag = watchLag(editsFrom + job.warmupMs, editsEnd);
  await sleep(editsEnd + job.drainMs - wallClock());
  const everyone = [...writers, ...observers].map(({ client }) => client);
  const dropped = everyone.filter((c) => c.refusal !== null);
  for (const client of everyone) client.close();
  return {
    dropped: dropped.length,
    firstDropReason: dropped[0]?.refusal ?? null,
    kind: 'writers',
    sends: sends.toSamples(),
    arrivals: arrivals.toSamples(),
    worstLagMs: lag.worst(),
    caretLatencies: Float64Array.from(caretLatencies),
    caretsSent,
    caretsSentBySampled,
  };
}
