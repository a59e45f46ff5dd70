/** How big each collaboration scenario is: the sizes, or a smoke run's; and the rates every run shares. */

export interface Scale {
  readonly writers: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
  readonly presenceClients: number;
  readonly stormClients: number;
  readonly historyBytes: number;
  /** The hall: observers (watching, presence only) and writers, and its presence-only phase before the edits. */
  readonly hallObservers: number;
  readonly hallWriters: number;
  readonly hallPresenceMs: number;
  readonly coldEdits: number;
  readonly coldRounds: number;
  readonly storageMs: number;
  readonly stallMs: number;
  readonly crashRounds: number;
}

export const FULL_SCALE: Scale = {
  writers: [10, 50, 200],
  warmupMs: 3_000,
  measureMs: 10_000,
  drainMs: 2_000,
  presenceClients: 300,
  stormClients: 300,
  historyBytes: 4 * 1024 * 1024,
  hallObservers: 780,
  hallWriters: 20,
  hallPresenceMs: 10_000,
  coldEdits: 20_000,
  coldRounds: 3,
  storageMs: 20_000,
  stallMs: 8_000,
  crashRounds: 5,
};

export const QUICK_SCALE: Scale = {
  writers: [10, 50],
  warmupMs: 1_500,
  measureMs: 4_000,
  drainMs: 1_500,
  presenceClients: 100,
  stormClients: 100,
  historyBytes: 1024 * 1024,
  hallObservers: 190,
  hallWriters: 10,
  hallPresenceMs: 4_000,
  coldEdits: 5_000,
  coldRounds: 1,
  storageMs: 6_000,
  stallMs: 3_000,
  crashRounds: 2,
};

/** A writer's edits: two a second. */
export const EDIT_INTERVAL_MS = 500;
/** A presence client's caret: once a second. */
export const CARET_INTERVAL_MS = 1_000;
/** An observer's caret in the hall: once every 10 s (people mostly read). */
export const HALL_CARET_INTERVAL_MS = 10_000;
/** Clients that time presence (a sample: reading every state everywhere would cost the clients more than the server). */
export const PRESENCE_SAMPLED_CLIENTS = 10;
/** Light clients per worker process. */
export const CLIENTS_PER_WORKER = 100;
export const SYNC_TIMEOUT_MS = 60_000;
export const MB = 1024 * 1024;
