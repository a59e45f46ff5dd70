import type { Principal } from '../auth/authenticator.js';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { Role } from '../../shared/model/access.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { encodeAwarenessFrame, encodePermissionDeniedFrame, encodeSavedFrame, encodeSyncStep1Frame, parseFrame } from '../../shared/protocol/frames.js';
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.js';
import * as Y from 'yjs';
import type { Logger } from '../log.js';
import type { Peer, Room } from './room.js';
import { STORAGE_REFUSAL, StorageFailure } from './storageHealth.js';
import { holdsNothing } from './storedStateFrame.js';
import type { RoomRegistry } from './roomRegistry.js';
import { countClientUpdate, countConnectionClosed, countConnectionOpened, countRefusal } from '../metrics.js';
import { connectionWorkBucket, type GrantBudget, type GrantLimits, type TokenBucket } from './budget.js';

/** The part of a WebSocket the connection needs; lets tests and adapters stay thin. */
export interface SocketLike {
  send(data: Uint8Array): void;
  /** Bytes sent that are not passed on to the network yet. */
  readonly bufferedAmount?: number;
  close(code: number, reason: string): void;
}

export interface ConnectionLimits extends GrantLimits {
  /** Sustained frames per second a connection may send. */
  readonly messagesPerSecond: number;
  /** Frames it may send at once above that rate. */
  readonly messageBurst: number;
  /** Sustained bytes per second a connection may send (bursts up to two maximum-size frames). */
  readonly bytesPerSecond: number;
  readonly maxMessageBytes: number;
}

/** Frames received while the room loads; a client that floods before that is cut off. */
const MAX_FRAMES_BEFORE_READY = 10_000;
export const OVERSPENT_GRANT = 'this invitation’s changes cost the server too much work; try again shortly';
/** WebSocket close reasons are limited to 123 bytes. */
const MAX_CLOSE_REASON = 120;

let nextConnectionId = 1;

/**
 * One client socket on one declaration: parses frames, enforces the rate limit, and speaks
 * the y-websocket protocol (plus Accord's save acknowledgement) with the room.
 */
export class Connection implements Peer {
  readonly id = nextConnectionId++;
  private room: Room | null = null;
  private beforeReady: (ArrayBuffer | string)[] = [];
  /** While the room loads: the sync step 2 for a client that holds nothing, when the store holds the document whole (storedStateFrame.ts). */
  private storedFrame: Uint8Array | null = null;
  /** Tells the registry this socket needs its room built (its first frame arrived). */
  private roomNeeded: () => void = () => undefined;
  private closed = false;
  /** Counted in `accord_connections` from `open` until the socket closes. */
  private counted = false;
  private allowance: number;
  private byteAllowance: number;
  private lastRefill = performance.now();
  /** Processing time this connection's updates may still cost. */
  private readonly work: TokenBucket;
  private shedForLoad = false;
  private waiting = 0;

  constructor(
    private readonly socket: SocketLike,
    private readonly principal: Principal,
    private readonly declarationId: DeclarationId,
    private readonly rooms: RoomRegistry,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
    /** Shared by every socket of the same invitation. */
    private readonly grant: GrantBudget,
  ) {
    this.allowance = limits.messageBurst;
    this.byteAllowance = this.byteBurst;
    this.work = connectionWorkBucket(limits);
  }

  /**
   * Cut off for the load it caused: the updates it queued before are dropped, not applied (the
   * client sends what the server lacks again when it reconnects and syncs).
   */
  get shed(): boolean {
    // An invitation over its processing budget is shed whole: its other sockets' queued updates would cost as much.
    return this.shedForLoad || this.grant.work.inDebt;
  }

  get queuedBytes(): number {
    return this.socket.bufferedAmount ?? 0;
  }

  /** Updates this connection has queued in the room that have not been processed yet. */
  get pending(): number {
    return this.waiting;
  }

  shedLoad(reason: string): void {
    this.refuse(CloseCode.RateLimited, reason);
  }

  /** The room's processing time for one of this connection's updates, charged to it and to its invitation. */
  spent(ms: number): void {
    const own = this.work.charge(ms);
    const grant = this.grant.work.charge(ms);
    if (!own || !grant) this.refuse(CloseCode.RateLimited, own ? OVERSPENT_GRANT : 'your changes cost the server too much work; try again shortly');
  }

  get role(): Role {
    return this.principal.role;
  }

  get grantId(): string {
    return this.principal.grantId;
  }

  get name(): string {
    return this.principal.name;
  }

  /** Joins the room and starts the sync handshake. */
  open(): void {
    this.log.info('connection.open', { connection: this.id, declaration: this.declarationId, grant: this.grantId, role: this.role.kind });
    if (!this.counted) {
      this.counted = true;
      countConnectionOpened();
    }
    const opening = this.rooms.open(this.declarationId);
    this.roomNeeded = opening.needed;
    // Until the room is built, a client that holds nothing is answered from the stored bytes.
    void opening.stateFrame.then((frame) => {
      if (!frame || this.room || this.closed) return;
      this.storedFrame = frame;
      this.beforeReady = this.beforeReady.filter((data) => !this.answeredWhileLoading(data));
    });
    opening.room.then(
      (room) => {
        this.storedFrame = null;
        if (this.closed) {
          this.rooms.release(room);
          return;
        }
        this.room = room;
        room.join(this);
        this.send(encodeSyncStep1Frame(room.peek((doc) => Y.encodeStateVector(doc))));
        const presence = room.presence.encodeAll();
        if (presence) this.send(encodeAwarenessFrame(presence));
        const early = this.beforeReady;
        this.beforeReady = [];
        for (const data of early) this.handle(room, data);
      },
      () => this.close(CloseCode.InternalError, 'the declaration could not be loaded'),
    );
  }

  receive(data: ArrayBuffer | string): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (!this.takeAllowance(bytes)) {
      this.refuse(CloseCode.RateLimited, 'too many messages or bytes per second');
      return;
    }
    if (!this.grant.takeFrame(bytes)) {
      this.refuse(CloseCode.RateLimited, 'too many messages or bytes per second with this invitation');
      return;
    }
    if (this.grant.work.inDebt) {
      this.refuse(CloseCode.RateLimited, OVERSPENT_GRANT);
      return;
    }
    if (!this.room) {
      const answered = this.answeredWhileLoading(data);
      this.roomNeeded();
      if (answered) return;
      if (this.beforeReady.length >= MAX_FRAMES_BEFORE_READY) this.refuse(CloseCode.RateLimited, 'too many messages');
      else this.beforeReady.push(data);
      return;
    }
    this.handle(this.room, data);
  }

  /** The socket has closed, whoever closed it. */
  socketClosed(): void {
    if (this.counted) {
      this.counted = false;
      countConnectionClosed();
    }
    if (this.room) {
      this.room.leave(this);
      this.rooms.release(this.room);
      this.room = null;
    }
    if (!this.closed) this.log.info('connection.close', { connection: this.id, declaration: this.declarationId });
    this.closed = true;
  }

  send(frame: Uint8Array): void {
    if (!this.closed) this.socket.send(frame);
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.log.info('connection.close', { connection: this.id, declaration: this.declarationId, code, reason });
    this.socket.close(code, truncate(reason));
  }

  /**
   * Answers a fresh client's sync step 1 before the room is built, from the stored snapshot
   * (roomRegistry.ts): it is the whole document, already stored, so nothing is sent early that
   * the room would not send. Any other frame waits for the room (storedStateFrame.ts says why).
   */
  private answeredWhileLoading(data: ArrayBuffer | string): boolean {
    if (!this.storedFrame || typeof data === 'string') return false;
    const bytes = new Uint8Array(data);
    // Only a sync step 1 is parsed here (both varints fit in one byte).
    if (bytes[0] !== MessageType.Sync || bytes[1] !== SyncMessageType.Step1) return false;
    const frame = parseFrame(bytes);
    if (frame.kind !== 'sync-step1' || !holdsNothing(frame.stateVector)) return false;
    this.send(this.storedFrame);
    return true;
  }

  private handle(room: Room, data: ArrayBuffer | string): void {
    if (typeof data === 'string') {
      this.refuse(CloseCode.Malformed, 'text frames are not part of the protocol');
      return;
    }
    const frame = parseFrame(new Uint8Array(data));
    switch (frame.kind) {
      case 'sync-step1':
        void room.answerSync(frame.stateVector, (reply) => {
          if (reply) this.send(reply);
          else this.refuse(CloseCode.Malformed, 'invalid state vector');
        });
        return;
      case 'sync-step2':
      case 'update':
        this.waiting++;
        // Handled in the very next microtask, before the room's next task can answer a save check.
        room.receiveUpdate(this, frame.update).then(
          (outcome) => {
            this.waiting--;
            if (outcome.kind === 'applied') countClientUpdate();
            else if (outcome.kind === 'refused') this.refuse(outcome.code, outcome.reason);
          },
          (error: unknown) => {
            this.waiting--;
            if (error instanceof StorageFailure) this.refuse(CloseCode.TryAgainLater, STORAGE_REFUSAL);
            else this.close(CloseCode.InternalError, 'the update could not be stored');
          },
        );
        return;
      case 'awareness': {
        const outcome = room.presence.apply(this, frame.update);
        if (outcome.kind === 'refused') this.refuse(outcome.code, outcome.reason);
        return;
      }
      case 'query-awareness': {
        const presence = room.presence.encodeAll();
        if (presence) this.send(encodeAwarenessFrame(presence));
        return;
      }
      case 'save-check':
        void room.read(() => this.send(encodeSavedFrame(frame.seq)));
        return;
      case 'auth':
      case 'saved':
        return; // server-to-client messages; a client echoing one is harmless
      case 'malformed':
        this.refuse(CloseCode.Malformed, frame.reason);
        return;
    }
  }

  /** Says why (as the y-protocols auth message the stock provider understands), then closes. */
  private refuse(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.log.warn('connection.refused', { connection: this.id, declaration: this.declarationId, grant: this.grantId, code, reason });
    countRefusal(code);
    if (code === CloseCode.RateLimited) this.shedForLoad = true;
    this.send(encodePermissionDeniedFrame(reason));
    this.close(code, reason);
  }

  private get byteBurst(): number {
    return Math.max(this.limits.bytesPerSecond, 2 * this.limits.maxMessageBytes);
  }

  /** Token buckets for frames and for bytes: many small frames, or a few large ones, not a flood of large ones. */
  private takeAllowance(bytes: number): boolean {
    const now = performance.now();
    const seconds = (now - this.lastRefill) / 1000;
    this.allowance = Math.min(this.limits.messageBurst, this.allowance + seconds * this.limits.messagesPerSecond);
    this.byteAllowance = Math.min(this.byteBurst, this.byteAllowance + seconds * this.limits.bytesPerSecond);
    this.lastRefill = now;
    if (this.allowance < 1 || this.byteAllowance < bytes) return false;
    this.allowance -= 1;
    this.byteAllowance -= bytes;
    return true;
  }
}

function truncate(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= MAX_CLOSE_REASON
    ? reason
    : bytes
        .subarray(0, MAX_CLOSE_REASON)
        .toString('utf8')
        .replace(/\uFFFD$/, '');
}
