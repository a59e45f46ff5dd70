/**
 * A wire-level benchmark client: a bare WebSocket (wireSocket.ts) that speaks just enough of the y-websocket
 * protocol to be a peer (sync step 1 with a state vector it chooses, a minimal answer to the
 * server's step 1) and never applies what it receives, so that a few hundred of them in one
 * process cost little and the figures measure the server. It counts bytes, notes when step 2
 * arrives (synced), and hands incoming update and awareness payloads to its owner to scan.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { wallClock } from './samples.js';
import { encodeFrame, openFrame, WireMessage, WireSync, type WireSpec } from './wire.js';
import { type Verdict, WireSocket } from './wireSocket.js';

/** The state vector of a client that holds nothing. */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
/** An update that adds nothing: the answer to the server's step 1 from a client with nothing to give. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
/** Origin of the one update a writer's local document takes from the server (the state at sync). */
const FROM_SERVER = Symbol('from the server');

export interface LightClientOptions {
  /** What the client says it holds (sync step 1); nothing by default. */
  readonly stateVector?: Uint8Array;
  /**
   * A writer's local document: it takes the server's step 2 once (the state to write after), and
   * every local transaction on it is sent as an update. Nothing else is ever applied to it.
   */
  readonly doc?: Y.Doc;
  /** Called with each incoming document update (after sync), never applied. */
  readonly onUpdate?: (update: Uint8Array) => void;
  /** Called with each incoming awareness update. */
  readonly onAwareness?: (update: Uint8Array) => void;
}

export class LightClient {
  /** Bytes received on the socket so far. */
  bytesReceived = 0;
  /** Wall-clock time step 2 arrived; NaN until then. */
  syncedAt = NaN;
  /** Bytes received when step 2 arrived (the whole sync's cost on the wire). */
  bytesAtSync = NaN;
  /** Why the server refused this client, if it did (its auth message, or the close). */
  refusal: string | null = null;
  private readonly socket: WireSocket;
  private readonly waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly spec: WireSpec,
    private readonly options: LightClientOptions = {},
  ) {
    this.socket = new WireSocket(spec.url, {
      open: () => {
        for (const frame of spec.hello) this.socket.send(frame);
        const stateVector = options.stateVector ?? (options.doc ? Y.encodeStateVector(options.doc) : EMPTY_STATE_VECTOR);
        this.socket.send(encodeFrame(spec, WireMessage.Sync, WireSync.Step1, stateVector));
      },
      message: (data) => this.receive(data),
      judge: (start) => this.judge(start),
      passed: (length) => {
        // Only the document's state is let pass (judge), unread: a client without a document has no use for it.
        this.bytesReceived += length;
        this.markSynced(null);
      },
      close: (reason) => this.fail(reason),
    });
    options.doc?.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) this.send(encodeFrame(spec, WireMessage.Sync, WireSync.Update, update));
    });
  }

  /** Resolves once step 2 has arrived; rejects if the socket closes first or after `timeoutMs`. */
  synced(timeoutMs: number): Promise<void> {
    if (Number.isFinite(this.syncedAt)) return Promise.resolve();
    if (this.refusal !== null) return Promise.reject(new Error(this.refusal));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`a light client did not sync within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** Sends an awareness update (y-protocols encoding). */
  sendAwareness(update: Uint8Array): void {
    this.send(encodeFrame(this.spec, WireMessage.Awareness, null, update));
  }

  close(): void {
    this.socket.close();
  }

  private send(frame: Uint8Array): void {
    this.socket.send(frame);
  }

  /** A long message is let pass unread when it is the document's state and nothing here needs it. */
  private judge(start: Buffer): Verdict {
    if (this.options.doc || Number.isFinite(this.syncedAt)) return 'keep';
    try {
      const decoder = openFrame(this.spec, start);
      return decoding.readVarUint(decoder) === WireMessage.Sync && decoding.readVarUint(decoder) === WireSync.Step2 ? 'pass' : 'keep';
    } catch {
      return 'keep';
    }
  }

  private receive(data: Buffer): void {
    this.bytesReceived += data.byteLength;
    const decoder = openFrame(this.spec, data);
    const type = decoding.readVarUint(decoder);
    if (type === WireMessage.Sync) {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === WireSync.Update) this.options.onUpdate?.(payload);
      else if (subtype === WireSync.Step1) this.answerStep1(payload);
      else if (subtype === WireSync.Step2 && !Number.isFinite(this.syncedAt)) this.markSynced(payload);
    } else if (type === WireMessage.Awareness) {
      this.options.onAwareness?.(decoding.readVarUint8Array(decoder));
    } else if (type === WireMessage.Auth && decoding.readVarUint(decoder) === 1) {
      // y-protocols auth: PermissionDenied = 1 (Accord and Hocuspocus alike), then the reason.
      this.fail(`permission denied: ${decoding.readVarString(decoder)}`);
    }
  }

  /** Only a writer has anything the server may lack (its own edits); everyone else sends an empty update. */
  private answerStep1(stateVector: Uint8Array): void {
    const { doc } = this.options;
    const update = doc && Number.isFinite(this.syncedAt) ? Y.encodeStateAsUpdate(doc, stateVector) : EMPTY_UPDATE;
    this.send(encodeFrame(this.spec, WireMessage.Sync, WireSync.Step2, update));
  }

  private markSynced(state: Uint8Array | null): void {
    this.syncedAt = wallClock();
    this.bytesAtSync = this.bytesReceived;
    if (this.options.doc && state) Y.applyUpdate(this.options.doc, state, FROM_SERVER);
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private fail(reason: string): void {
    this.refusal ??= reason;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(reason));
  }
}
