import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DeclarationId } from '../../shared/model/ids.js';
import type { Role } from '../../shared/model/access.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { DocumentStore, StoredDocument } from '../storage/documentStore.js';
import { holdsNothing } from './storedStateFrame.js';
import type { Logger } from '../log.js';
import { checkWrite } from './writePolicy.js';
import { MAX_AWARENESS_BYTES, readAwarenessEntries, writeAwarenessEntries, type AwarenessEntry } from './awarenessEntries.js';
import { readFrozen } from '../../shared/model/freeze.js';
import { ensureParagraphIds } from '../../shared/model/paragraphIds.js';
import { touchedParagraphs } from '../../shared/model/touchedParagraphs.js';
import type { AttributionLog } from '../storage/attribution.js';
import type { ClientOwnership } from '../storage/clientOwnership.js';
import type { Fanout, StoredUpdateMessage } from '../cluster/fanout.js';
import type { Leases } from '../cluster/leases.js';
import { encodeAwarenessFrame, encodeSyncStep2Frame, encodeUpdateFrame } from '../../shared/protocol/frames.js';
import { rebuildDocument, type RecoverySources } from './historyRecovery.js';
import { nextSlice } from './workSlices.js';
import { meterWork } from './workMeter.js';
import { Backlog } from './backlog.js';
import { PresenceClaims } from './presenceClaims.js';
import { ClientOwners } from './clientOwners.js';
import { countServerUpdate } from '../metrics.js';

/** A connected client as the room sees it. */
export interface Peer {
  readonly id: number;
  readonly role: Role;
  readonly grantId: string;
  /** The invitation's name, for attribution. */
  readonly name: string;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Told the processing time each of its updates cost (a peer over its budget sheds itself). */
  spent?(ms: number): void;
  /** Cut off for the load it caused: what it queued before is dropped (its client sends it again on reconnecting). */
  readonly shed?: boolean;
  /** Updates it has queued here that have not been processed yet. */
  readonly pending?: number;
  /** Cuts it off for the load it causes (backlog.ts). */
  shedLoad?(reason: string): void;
}

/** The origin of changes the server makes itself (aligner, ids, restore, publication). */
export const SERVER_ORIGIN = Symbol('server');

/** What a client is told when its change cannot be stored now; it keeps the change and sends it again later. */
export const STORAGE_REFUSAL = 'the server cannot store changes right now';

/** The store refused to write: the change was not stored, nor shown to anyone. */
export class StorageFailure extends Error {}

/** Whether the store has refused a write and not yet taken one since (a full or failing disk). */
export class StorageHealth {
  failingSince: number | null = null;
}

/**
 * Fold the log into a snapshot once it holds this many times the snapshot's bytes: a snapshot
 * then costs at most 1/8 of what the log wrote (the write amplification stays near 1), and a
 * load after a crash replays at most that much.
 */
const COMPACT_LOG_TO_SNAPSHOT = 8;
/** Below this, a small document's log is not worth folding yet. */
const COMPACT_MIN_LOG_BYTES = 64 * 1024;
/** Updates above this size are processed in phases that let the event loop breathe. */
const LARGE_UPDATE_BYTES = 16 * 1024;
/**
 * Presence changes are relayed in batches whose window grows with the room: a few people see
 * carets almost at once (10 ms), a plenary of 300 at ten frames a second (100 ms), which keeps
 * the server under a quarter of a core when every caret moves once a second.
 */
const presenceBatchMs = (peers: number): number => Math.min(100, Math.max(10, peers / 3));

export type UpdateOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly code: CloseCode; readonly reason: string };

export interface RoomOptions extends RecoverySources {
  /** Fold the log into a snapshot once this many updates follow it, whatever their size. */
  readonly compactAfterUpdates: number;
  /** Shared by every room of one store: once a write failed, updates are refused until the store takes writes again. */
  readonly storage?: StorageHealth;
  /** Where client-id ownership is kept across restarts; in memory only when absent (some tests). */
  readonly clientOwnership?: ClientOwnership;
  /** Where the paragraphs each peer changed are recorded; none in some tests. */
  readonly attribution?: AttributionLog;
  /** Other instances holding the same declarations (none: this instance is alone). */
  readonly fanout?: Fanout;
  /** Who does the background work when several instances hold a declaration (none: this one). */
  readonly leases?: Leases;
}

/** Changes that come from the store through another instance: already stored, never stored again. */
export const REMOTE_ORIGIN = Symbol('remote');

/**
 * One open declaration: its Yjs document, its presence, and its peers. Every change goes
 * through one serial task queue, so the in-memory document equals the stored one between
 * tasks and nothing is sent to anyone before it is durable.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the presence (awareness client ids) it controls. */
  private readonly peers = new Map<Peer, Set<number>>();
  /** The same, the other way round: which peer controls a presence client id. */
  private readonly presenceController = new Map<number, Peer>();
  /** Updates the document emitted during the current task, in order. */
  private outbox: { update: Uint8Array; origin: unknown }[] = [];
  /**
   * The store's sequence number up to which this document holds every update, without a gap.
   * With several instances writing, the store may hand out numbers this instance has not seen
   * yet: those are read from the store (catch-up) before this moves past them.
   */
  private lastSeq: number;
  /** The store gave a number past a gap: catch up at the next chance. */
  private behind = false;
  /**
   * The sync step 2 every client that holds nothing gets, while the document does not change:
   * the snapshot it was loaded from, the state last compacted, or the document encoded once.
   */
  private fullStateFrame: Uint8Array | null = null;
  /** Paragraphs peers changed during the current task. */
  private touched = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly backlog = new Backlog();
  private updatesSinceSnapshot: number;
  /** Bytes of the updates stored since the snapshot, and the snapshot's own size: the compaction policy. */
  private bytesSinceSnapshot = 0;
  private snapshotBytes = 0;
  private compactionScheduled = false;
  private closed = false;
  private readonly clientOwners: ClientOwners;

  private constructor(
    readonly id: DeclarationId,
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    storedSeq: number,
    updatesSinceSnapshot: number,
    doc: Y.Doc,
  ) {
    this.doc = doc;
    this.lastSeq = storedSeq;
    this.updatesSinceSnapshot = updatesSinceSnapshot;
    this.clientOwners = new ClientOwners(id, options.clientOwnership);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullStateFrame = null;
      this.outbox.push({ update, origin });
    });
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin !== SERVER_ORIGIN && tr.origin !== REMOTE_ORIGIN && tr.origin !== null) {
        for (const pid of touchedParagraphs(tr)) this.touched.add(pid);
      }
    });
    meterWork(this.doc);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relayAwareness);
  }

  /**
   * Builds the room from snapshot + log as `store.loadDocument` returned them (`stateFrame` is
   * their `storedStateFrame`); damaged history is recovered as far as it exists and reported
   * (historyRecovery.ts). `started`: when the load began, for the log.
   */
  static async fromStored(
    id: DeclarationId,
    stored: StoredDocument,
    stateFrame: Uint8Array | null,
    store: DocumentStore,
    log: Logger,
    options: RoomOptions,
    started: number,
  ): Promise<Room> {
    const { doc, skipped, filled } = await rebuildDocument(id, stored, log, options);
    // Filled in from a version: the document holds more than the store, so it counts as a change to fold in.
    const room = new Room(id, store, log, options, stored.lastSeq, stored.updates.length + (filled ? 1 : 0), doc);
    room.outbox = [];
    // Loaded from the snapshot alone: it is the document, encoded; nothing to encode for the first fresh clients.
    if (skipped === 0 && !filled) room.fullStateFrame = stateFrame;
    await room.clientOwners.load(doc);
    room.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    room.bytesSinceSnapshot = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    log.info('room.loaded', {
      declaration: id,
      updates: stored.updates.length,
      skipped,
      ms: Math.round(performance.now() - started),
    });
    if (filled || room.wantsCompaction()) room.scheduleCompaction();
    return room;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
  }

  /** Removes a peer and the presence it controlled. */
  leave(peer: Peer): void {
    const controlled = this.peers.get(peer);
    this.peers.delete(peer);
    this.presenceClaims.left(peer);
    for (const client of controlled ?? []) this.presenceController.delete(client);
    if (controlled && controlled.size > 0 && !this.closed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], peer);
    }
  }

  /**
   * Applies a peer's presence change. A peer speaks only for its own presence: entries for client
   * ids another peer controls are dropped (a stock y-websocket client echoes everyone's presence
   * back, so they are not an offence), and an oversized state is refused.
   */
  applyAwareness(peer: Peer, update: Uint8Array): UpdateOutcome {
    if (update.byteLength > MAX_AWARENESS_BYTES) return { kind: 'refused', code: CloseCode.Malformed, reason: 'presence state too large' };
    let entries: AwarenessEntry[];
    try {
      entries = readAwarenessEntries(update);
    } catch {
      return { kind: 'refused', code: CloseCode.Malformed, reason: 'invalid awareness update' };
    }
    // Stock providers echo every presence frame they receive: most entries belong to others.
    const own = entries.filter((e) => {
      const controller = this.presenceController.get(e.client);
      return (controller === undefined || controller === peer) && this.claimPresence(peer, e.client);
    });
    if (own.length === 0) return { kind: 'unchanged' };
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, own.length === entries.length ? update : writeAwarenessEntries(own), peer);
    } catch {
      return { kind: 'refused', code: CloseCode.Malformed, reason: 'invalid awareness update' };
    }
    return { kind: 'applied' };
  }

  /** Every known presence state, for a peer that asks (or has just joined). */
  encodeAllAwareness(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /** Runs `task` after every task queued before it; tasks never overlap, and share the event loop (workSlices.ts). */
  enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const queuedAt = performance.now();
    const run = this.queue.then(nextSlice).then(() => {
      this.backlog.taskStarted(queuedAt, this.peers.keys());
      return task();
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The sync step 2 frame for a peer with this state vector: the document state it lacks. Throws on an invalid state vector. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (holdsNothing(stateVector)) return (this.fullStateFrame ??= encodeSyncStep2Frame(Y.encodeStateAsUpdate(this.doc)));
    return encodeSyncStep2Frame(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /**
   * Checks, applies, stores, then broadcasts a peer's update. Refused updates leave the
   * document and the store untouched.
   */
  receiveUpdate(peer: Peer, update: Uint8Array): Promise<UpdateOutcome> {
    return this.enqueue(async (): Promise<UpdateOutcome> => {
      if (this.closed) return { kind: 'refused', code: CloseCode.Restart, reason: 'room closed' };
      if (peer.shed) return { kind: 'refused', code: CloseCode.RateLimited, reason: 'too much work from this connection or invitation' };
      // A large update (an offline backlog) is worked through in phases with a turn of the event
      // loop between them, so other requests are answered meanwhile; the queue keeps it atomic.
      const breathe = update.byteLength > LARGE_UPDATE_BYTES ? () => new Promise<void>((resolve) => setImmediate(resolve)) : () => undefined;
      const verdict = checkWrite(this.doc, update, peer.role, { frozen: readFrozen(this.doc) !== null, writerName: peer.name });
      await breathe();
      if (this.closed) return { kind: 'refused', code: CloseCode.Restart, reason: 'room closed' };
      if (!verdict.ok) {
        return {
          kind: 'refused',
          code: verdict.malformed ? CloseCode.Malformed : CloseCode.Forbidden,
          reason: verdict.reason,
        };
      }
      // Read-only while the store fails: an update that changes nothing (a reader's sync) still passes.
      if (verdict.roots.size > 0 && !(await this.storageAccepts())) return { kind: 'refused', code: CloseCode.TryAgainLater, reason: STORAGE_REFUSAL };
      const owner = await this.clientOwners.claimForWrite(this.doc, peer.grantId, verdict.clients);
      if (owner) return { kind: 'refused', code: CloseCode.Forbidden, reason: `writes as a client that belongs to someone else` };
      try {
        Y.applyUpdate(this.doc, update, peer);
      } catch (error) {
        return this.poison(peer, error);
      }
      // A block that arrived without an id (or with a copied one) gets its id from the server,
      // in the same broadcast: a client never sees (and never fixes) a block without one.
      await breathe();
      // Only the languages this update wrote can hold a block without an id.
      const texts = [...verdict.roots].filter((r) => r.startsWith('text:'));
      const textChanged = this.outbox.length > 0 && texts.length > 0;
      if (textChanged) {
        await this.clientOwners.ownServerClient(this.doc);
        try {
          ensureParagraphIds(this.doc, texts, SERVER_ORIGIN);
        } catch (error) {
          return this.poison(peer, error);
        }
      }
      const changed = await this.flush(peer.grantId);
      const pids = [...this.touched];
      this.touched = new Set();
      if (pids.length > 0) {
        // Attribution is a record of the edit, not the edit: failing to write it refuses nothing.
        await this.options.attribution
          ?.record(this.id, pids, { grantId: peer.grantId, name: peer.name, at: Date.now() })
          .catch((error) => this.log.error('attribution.failed', { declaration: this.id, error: String(error) }));
      }
      if (changed && textChanged) for (const listener of this.textListeners) listener(pids);
      if (changed) for (const listener of this.writeListeners) listener(verdict.roots);
      return changed ? { kind: 'applied' } : { kind: 'unchanged' };
    });
  }

  /**
   * Makes a change as the server (alignment, restore): stored, then broadcast, like a peer's.
   * `textChanged` tells the text listeners (the aligner) that languages' text changed.
   */
  change(fn: (doc: Y.Doc) => void, options: { textChanged?: boolean } = {}): Promise<void> {
    return this.enqueue(async () => {
      // A reset room is no longer the truth: a change made here would be lost with it.
      if (this.closed) throw new Error('the room was closed; try again');
      if (!(await this.storageAccepts())) throw new Error(STORAGE_REFUSAL);
      await this.clientOwners.ownServerClient(this.doc);
      this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
      const changed = await this.flush(null);
      if (changed && options.textChanged) for (const listener of this.textListeners) listener([]);
    });
  }

  /** Stores what the document emitted, then sends it to every peer but its author. */
  private async flush(grantId: string | null): Promise<boolean> {
    const emitted = this.outbox;
    this.outbox = [];
    if (emitted.length === 0) return false;
    try {
      for (const { update, origin } of emitted) {
        const seq = await this.store.appendUpdate(this.id, update, { accessId: origin === SERVER_ORIGIN ? null : grantId });
        this.options.fanout?.publishUpdate(this.id, { seq, update });
        if (seq === this.lastSeq + 1) this.lastSeq = seq;
        else if (seq > this.lastSeq) this.behind = true; // another instance stored updates in between
        this.updatesSinceSnapshot++;
        this.bytesSinceSnapshot += update.byteLength;
        if (origin === SERVER_ORIGIN) countServerUpdate();
      }
    } catch (error) {
      // The document now holds a change the store does not: nobody may see it. Every peer is
      // closed with "try again later" (they keep their edits) and reconnects to a room rebuilt
      // from the store, which serves it read-only until the store takes writes again.
      this.log.error('store.append_failed', { declaration: this.id, error: String(error) });
      if (this.options.storage && this.options.storage.failingSince === null) this.options.storage.failingSince = Date.now();
      void this.reset(STORAGE_REFUSAL, CloseCode.TryAgainLater);
      throw new StorageFailure(String(error));
    }
    // Stored: now it may be sent. Everything stored in this turn of the event loop goes out
    // together, so a peer applies a change and the server's follow-up (ids) at once, and two
    // hundred writers cost one frame per peer per turn rather than one per keystroke.
    for (const e of emitted) this.unsent.push(e);
    if (!this.sendScheduled) {
      this.sendScheduled = true;
      setImmediate(this.sendStored);
    }
    if (this.behind) void this.enqueue(() => this.catchUp());
    if (this.wantsCompaction()) this.scheduleCompaction();
    return true;
  }

  /** An update another instance stored: applied in order, or, past a gap, everything missed is read from the store. */
  receiveRemote(message: StoredUpdateMessage): void {
    void this.enqueue(async () => {
      if (this.closed || message.seq <= this.lastSeq) return;
      if (message.seq === this.lastSeq + 1 && !this.behind) this.applyStored([message.update], message.seq);
      else await this.catchUp();
    });
  }

  /** With other instances, catches up with the store (before answering a client's sync); alone, nothing to do. */
  async catchUpIfShared(): Promise<void> {
    if (this.options.fanout) await this.catchUp();
  }

  /** Reads what was stored after `lastSeq` (by other instances) and applies it; run inside the queue. */
  async catchUp(): Promise<void> {
    if (this.closed) return;
    const stored = await this.store.readSince(this.id, this.lastSeq);
    this.behind = false;
    if (stored.lastSeq <= this.lastSeq && stored.updates.length === 0) return;
    this.applyStored(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates, stored.lastSeq);
  }

  /** Applies updates that are already in the store, sends what they change to this instance's peers, stores nothing. */
  private applyStored(updates: readonly Uint8Array[], throughSeq: number): void {
    this.doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
        } catch (error) {
          this.log.error('remote.apply_failed', { declaration: this.id, error: String(error) });
        }
      }
    }, REMOTE_ORIGIN);
    const emitted = this.outbox;
    this.outbox = [];
    this.lastSeq = Math.max(this.lastSeq, throughSeq);
    if (emitted.length === 0) return;
    for (const e of emitted) {
      this.unsent.push(e);
      this.updatesSinceSnapshot++;
      this.bytesSinceSnapshot += e.update.byteLength;
    }
    if (!this.sendScheduled) {
      this.sendScheduled = true;
      setImmediate(this.sendStored);
    }
    // The instance that holds the lease aligns; it learns of text changed elsewhere here.
    for (const listener of this.textListeners) listener([]);
    for (const listener of this.writeListeners) listener(null);
    if (this.wantsCompaction()) this.scheduleCompaction();
  }

  /** Presence from another instance's peers: shown to ours, not sent back out. */
  applyRemotePresence(update: Uint8Array): void {
    if (this.closed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
    } catch (error) {
      this.log.warn('remote.presence_invalid', { declaration: this.id, error: String(error) });
    }
  }

  /** Whether this instance does the declaration's background work (aligning, checkpoints, compaction). */
  get leads(): boolean {
    return this.options.leases?.holds(this.id) ?? true;
  }

  private unsent: { update: Uint8Array; origin: unknown }[] = [];
  private sendScheduled = false;

  private readonly sendStored = (): void => {
    this.sendScheduled = false;
    const batch = this.unsent;
    this.unsent = [];
    if (batch.length === 0 || this.closed) return;
    const authors = new Set(batch.map((e) => e.origin));
    // One author: it lacks nothing of its own. Several: each gets the merged frame, its own
    // changes included (Yjs skips what it holds), instead of one merge per author.
    const only = authors.size === 1 ? [...authors][0] : undefined;
    const frame = encodeUpdateFrame(batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((e) => e.update)));
    for (const peer of this.peers.keys()) if (peer !== only) peer.send(frame);
  };

  private readonly relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.peers.get(origin as Peer);
    if (controlled) {
      for (const client of added) {
        controlled.add(client);
        this.presenceController.set(client, origin as Peer);
      }
      for (const client of removed) {
        controlled.delete(client);
        this.presenceController.delete(client);
      }
    }
    for (const client of added.concat(updated, removed)) {
      this.pendingPresence.add(client);
      if (origin !== REMOTE_ORIGIN) this.localPresence.add(client);
    }
    if (this.pendingPresence.size > 0 && !this.presenceTimer) this.presenceTimer = setTimeout(this.sendPresence, presenceBatchMs(this.peers.size));
  };

  // Presence is sent in batches: 300 carets moving once a second would otherwise be 90,000
  // frames a second (and as many echoed back by stock providers); batched, a peer gets one
  // frame per window with every caret that moved in it (see presenceBatchMs).
  private readonly pendingPresence = new Set<number>();
  /** Of those, the ones this instance's peers changed: told to the other instances. */
  private readonly localPresence = new Set<number>();
  private presenceTimer: NodeJS.Timeout | null = null;

  private readonly sendPresence = (): void => {
    this.presenceTimer = null;
    const changed = [...this.pendingPresence];
    const local = [...this.localPresence];
    this.pendingPresence.clear();
    this.localPresence.clear();
    if (this.closed || changed.length === 0) return;
    if (local.length > 0) this.options.fanout?.publishPresence(this.id, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
    const frame = encodeAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Everyone, the sender included: its own echo is what keeps an idle provider's socket alive.
    for (const peer of this.peers.keys()) peer.send(frame);
  };

  private wantsCompaction(): boolean {
    if (this.updatesSinceSnapshot === 0 || !this.leads) return false;
    return (
      this.updatesSinceSnapshot >= this.options.compactAfterUpdates ||
      this.bytesSinceSnapshot >= Math.max(COMPACT_MIN_LOG_BYTES, COMPACT_LOG_TO_SNAPSHOT * this.snapshotBytes)
    );
  }

  /** While the store is failing, each attempt to write first asks it whether it takes writes again. */
  private async storageAccepts(): Promise<boolean> {
    const health = this.options.storage;
    if (!health || health.failingSince === null) return true;
    if (!(await this.store.checkWritable(this.id))) return false;
    this.log.info('store.recovered', { declaration: this.id, downMs: Date.now() - health.failingSince });
    health.failingSince = null;
    return true;
  }

  scheduleCompaction(): void {
    if (this.compactionScheduled || this.closed) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      void this.compact().catch((error) => this.log.error('compaction.failed', { declaration: this.id, error: String(error) }));
    });
  }

  /** Folds the log into a snapshot of the current state. */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      this.compactionScheduled = false;
      if (this.updatesSinceSnapshot === 0) return;
      const started = performance.now();
      const state = Y.encodeStateAsUpdate(this.doc);
      const encodedMs = performance.now() - started;
      // The queue holds every change back meanwhile: until the next one, this is what a fresh client gets.
      this.fullStateFrame = encodeSyncStep2Frame(state);
      // lastSeq: every update up to it is in `state` (anything past a gap is caught up first).
      if (this.behind) await this.catchUp();
      await this.store.compact(this.id, state, this.lastSeq);
      this.snapshotBytes = state.byteLength;
      this.bytesSinceSnapshot = 0;
      this.log.info('compaction', {
        declaration: this.id,
        folded: this.updatesSinceSnapshot,
        bytes: state.byteLength,
        encodeMs: Math.round(encodedMs),
        ms: Math.round(performance.now() - started),
      });
      this.updatesSinceSnapshot = 0;
    });
  }

  /**
   * The document may now hold part of an update the store does not: from this instant the room
   * takes no task (a later writer would store and forward it, under its own name), and, once the
   * sender has been refused, every peer is dropped and the room is loaded afresh from the store.
   */
  private poison(peer: Peer, error: unknown): UpdateOutcome {
    this.closed = true;
    this.outbox = [];
    this.touched = new Set();
    this.log.error('update.apply_failed', { declaration: this.id, peer: peer.id, error: String(error) });
    setImmediate(() => void this.reset('an update failed to apply'));
    return { kind: 'refused', code: CloseCode.Malformed, reason: 'update does not apply' };
  }

  /** Drops every peer so that they resynchronise with a room rebuilt from the store. */
  private async reset(reason: string, code: CloseCode = CloseCode.InternalError): Promise<void> {
    this.log.warn('room.reset', { declaration: this.id, reason });
    this.closed = true;
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    this.onReset?.();
  }

  /**
   * A peer announcing presence for a client id nobody owns yet becomes its provisional owner
   * (before anyone else can learn the id), in memory only; a few fresh ids per connection.
   */
  private claimPresence(peer: Peer, client: number): boolean {
    const owner = this.clientOwners.ownerOf(client);
    if (owner !== undefined) return owner === peer.grantId;
    if (!this.presenceClaims.mayIntroduce(peer)) return false;
    this.clientOwners.claimProvisionally(client, peer.grantId);
    this.presenceClaims.introducedBy(peer, client);
    return true;
  }

  private readonly presenceClaims = new PresenceClaims((client) => {
    if (this.presenceController.has(client)) return false;
    // A stored owner stays; a provisional one is forgotten, with the presence clock kept for it.
    this.clientOwners.releaseProvisional(client);
    if (!this.awareness.states.has(client)) this.awareness.meta.delete(client);
    return true;
  });

  /** Client ids this room keeps something for in memory (owners, presence), for tests. */
  get trackedClients(): { owners: number; presence: number; presenceClocks: number; claims: number } {
    return { owners: this.clientOwners.size, presence: this.presenceController.size, presenceClocks: this.awareness.meta.size, claims: this.presenceClaims.size };
  }

  private readonly textListeners = new Set<(touched: readonly string[]) => void>();

  /** Calls `listener` after each stored change of a peer to any language's text, with the paragraphs it touched. */
  onTextChange(listener: (touched: readonly string[]) => void): () => void {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  }

  private readonly writeListeners = new Set<(roots: ReadonlySet<string> | null) => void>();

  /**
   * Calls `listener` after each stored change of a peer, with the roots it wrote, or with null
   * for changes another instance stored (which roots is not known here).
   */
  onWrite(listener: (roots: ReadonlySet<string> | null) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** Set by the registry: a reset room must be unloaded and loaded afresh. */
  onReset: (() => void) | undefined;

  private readonly closeHooks: (() => Promise<void>)[] = [];

  /** Work to finish (and store) before the room closes, e.g. a debounced re-alignment. */
  beforeClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /** Compacts and frees the room; peers must already be gone or be closed with `code`. */
  async close(code: number = CloseCode.Restart, reason = 'server restart'): Promise<void> {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    if (!this.closed) {
      for (const hook of this.closeHooks) await hook().catch((error) => this.log.error('room.close_hook_failed', { declaration: this.id, error: String(error) }));
    }
    // The last instance to let go of a declaration folds its log, whoever led before.
    if (!this.closed && (this.leads || (await this.options.leases?.acquire(this.id)))) {
      // Not folding only leaves a longer log to read next time; say so, and close anyway.
      await this.compact().catch((error) => this.log.warn('room.compact_failed', { declaration: this.id, error: String(error) }));
    }
    this.closed = true;
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
