import type { DeclarationId } from '../../shared/model/ids.js';

/** A stored update as the instances tell each other: its sequence number in the store, and its bytes. */
export interface StoredUpdateMessage {
  readonly seq: number;
  readonly update: Uint8Array;
}

export interface FanoutHandlers {
  update(message: StoredUpdateMessage): void;
  /** A presence frame (y-protocols awareness update) from another instance's peers. */
  presence(update: Uint8Array): void;
}

/**
 * How server instances tell each other about stored updates and presence. Delivery is best
 * effort (Redis pub/sub keeps nothing for a subscriber that is away): an instance that misses a
 * message finds the gap by sequence number and reads it from the store, so the fan-out only
 * makes updates arrive sooner, never decides whether they arrive.
 */
export interface Fanout {
  /** This process's instance id (messages it published come back to it and are ignored). */
  readonly instance: string;
  subscribe(id: DeclarationId, handlers: FanoutHandlers): Promise<void>;
  unsubscribe(id: DeclarationId): Promise<void>;
  publishUpdate(id: DeclarationId, message: StoredUpdateMessage): void;
  publishPresence(id: DeclarationId, update: Uint8Array): void;
  /** Throws when the fan-out cannot reach its broker (readiness). */
  check(): Promise<void>;
  close(): Promise<void>;
}
