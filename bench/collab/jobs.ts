/**
 * What crosses the IPC channel between the bench process and its worker processes: one job per
 * worker, a common start instant, raw samples back. Typed once, for both sides.
 */
import type { Samples } from './samples.js';
import type { WireSpec } from './wire.js';

/** Where and how a worker's clients connect. */
export interface ConnectionInfo {
  /** The target's client module (its default export is a ClientFactory). */
  readonly clientModule: string;
  readonly wsUrl: string;
  readonly httpUrl: string;
  readonly token: string;
  readonly document: string;
  /** How a light client reaches the document (with `token`). */
  readonly wire: WireSpec;
}

/**
 * Light clients that each own a paragraph and append a marker to it every `intervalMs`, and
 * optionally (the hall) observers that receive everything and move their caret now and then.
 */
export interface WritersJob {
  readonly kind: 'writers';
  /** This worker's writers: global index (0 … totalClients − 1) and how each reaches its server, with its own token. */
  readonly writers: readonly { readonly index: number; readonly wire: WireSpec }[];
  readonly totalClients: number;
  readonly intervalMs: number;
  /** Edits go on for warmupMs + measureMs from the start instant; results leave drainMs after. */
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
  /** Edits start this long after the start instant (the hall's presence-only phase); 0 when absent. */
  readonly editsDelayMs?: number;
  readonly observers?: ObserversPart;
}

/** The observers of a writers job: they write nothing, receive every edit, and move their caret. */
export interface ObserversPart {
  /** With an observer's token where the target has them (one for all: observers send no document updates). */
  readonly wire: WireSpec;
  /** Global indices of this worker's observers (0 … total − 1), for staggering their moves. */
  readonly indices: readonly number[];
  readonly total: number;
  readonly caretIntervalMs: number;
  /** Global indices (among `indices`) that time the caret moves of the others. */
  readonly sampled: readonly number[];
}

/** Clients that move their caret (awareness) every `intervalMs`; the `sampled` ones time what they receive. */
export interface PresenceJob {
  readonly kind: 'presence';
  readonly connection: ConnectionInfo;
  readonly clients: readonly number[];
  readonly totalClients: number;
  /** Global indices (among `clients`) that record latencies. */
  readonly sampled: readonly number[];
  readonly intervalMs: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
}

/** `clients` light clients created at the start instant, each saying it holds `stateVector`; each reports when it is synced. */
export interface StormJob {
  readonly kind: 'storm';
  readonly connection: ConnectionInfo;
  readonly clients: number;
  /** What the clients hold (a Yjs state vector); null: nothing (fresh clients). */
  readonly stateVector: Uint8Array | null;
  readonly timeoutMs: number;
}

export type Job = WritersJob | PresenceJob | StormJob;

export interface WritersResult {
  readonly kind: 'writers';
  /** Per edit: marker key (layout.markerKey) and the wall-clock time it was made. */
  readonly sends: Samples;
  /** Per (edit, receiving client): marker key and the wall-clock time it was first seen. */
  readonly arrivals: Samples;
  /** The worker's longest event-loop delay in the measured window: client-side queuing the latencies include. */
  readonly worstLagMs: number;
  /** Observers' caret moves: latencies at the sampled observers, moves made (all, by sampled), from 1 s after the start to the edits' end. */
  readonly caretLatencies: Float64Array;
  readonly caretsSent: number;
  readonly caretsSentBySampled: number;
  /** Clients whose socket closed before the end (the server refused or dropped them), and the first reason. */
  readonly dropped: number;
  readonly firstDropReason: string | null;
}

export interface PresenceResult {
  readonly kind: 'presence';
  /** Latencies (ms) of caret moves made in the measured window, at the sampled clients. */
  readonly latencies: Float64Array;
  /** Caret moves this worker's clients made in the measured window, all and by sampled clients. */
  readonly sent: number;
  readonly sentBySampled: number;
  /** As for writers: the worker's longest event-loop delay in the measured window. */
  readonly worstLagMs: number;
}

export interface StormResult {
  readonly kind: 'storm';
  /** Per client: wall-clock time it was synced (NaN if it did not sync in time) and bytes received until then. */
  readonly syncedAt: Float64Array;
  readonly bytes: Float64Array;
}

export type ResultOf<J extends Job> = J extends WritersJob ? WritersResult : J extends PresenceJob ? PresenceResult : StormResult;

export type ToWorker = { readonly type: 'job'; readonly job: Job } | { readonly type: 'go'; readonly at: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly result: WritersResult | PresenceResult | StormResult }
  | { readonly type: 'error'; readonly message: string };
