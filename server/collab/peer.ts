import type { Role } from '../../shared/model/access.js';
import type { CloseCode } from '../../shared/protocol/closeCodes.js';

/** A connected client as the room sees it. */
export interface Peer {
  readonly id: number;
  readonly role: Role;
  readonly grantId: string;
  /** The invitation's name, for attribution. */
  readonly name: string;
  send(frame: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
  /** Told the processing time each of its updates cost (a peer over its budget sheds itself). */
  spent?(ms: number): void;
  /** Cut off for the load it caused: what it queued before is dropped (its client sends it again on reconnecting). */
  readonly shed?: boolean;
  /** Bytes sent to it that its socket has not passed on yet. */
  readonly queuedBytes?: number;
  /** Updates it has queued here that have not been processed yet. */
  readonly pending?: number;
  /** Cuts it off for the load it causes (backlog.ts). */
  shedLoad?(reason: string): void;
}

/** What became of a peer's frame. */
export type UpdateOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly code: CloseCode; readonly reason: string };
