import * as Y from 'yjs';
import type { DeclarationId } from '../../shared/model/ids.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { DocumentStore, StoredDocument } from '../storage/documentStore.js';
import type { Logger } from '../log.js';
import { checkWrite } from './writePolicy.js';
import { readFrozen } from '../../shared/model/freeze.js';
import { ensureParagraphIds, mayNeedParagraphIds } from '../../shared/model/paragraphIds.js';
import { touchedParagraphs } from '../../shared/model/touchedParagraphs.js';
import type { AttributionLog } from '../storage/attribution.js';
import type { ClientOwnership } from '../storage/clientOwnership.js';
import type { Fanout, StoredUpdateMessage } from '../cluster/fanout.js';
import type { Leases } from '../cluster/leases.js';
import { encodeSyncStep2Frame } from '../../shared/protocol/frames.js';
import { rebuildDocument, type RecoverySources } from './historyRecovery.js';
import { nextSlice, nextTurn, turnAfterIo } from './workSlices.js';
import { meterWork } from './workMeter.js';
import { Backlog } from './backlog.js';
import { Presence } from './presence.js';
import { isPeer, REMOTE_ORIGIN, SERVER_ORIGIN, type ChangeOrigin } from './changeOrigin.js';
import { Broadcast, type EmittedUpdate } from './broadcast.js';
import { SyncReplies } from './syncReplies.js';
import type { Peer, UpdateOutcome } from './peer.js';
import { ClientOwners } from './clientOwners.js';
import { CompactionPolicy } from './compactionPolicy.js';
import { ClusterSync } from './clusterSync.js';
import { RoomHooks } from './roomHooks.js';
import { STORAGE_REFUSAL, StorageFailure, storageAccepts, type StorageHealth } from './storageHealth.js';
import { countServerUpdate } from '../metrics.js';

export type { Peer, UpdateOutcome } from './peer.js';
export { REMOTE_ORIGIN, SERVER_ORIGIN, type ChangeOrigin } from './changeOrigin.js';

/** A room is settling (see `settling`) this long after a peer joined… */
const SETTLING_JOIN_MS = 500;
/** …and while a peer's socket holds more than this to send. */
const SETTLING_QUEUED_BYTES = 64 * 1024;

/** Updates above this size are processed in phases that let the event loop breathe. */
const LARGE_UPDATE_BYTES = 16 * 1024;

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

/**
 * One open declaration: its Yjs document, its presence, and its peers. Every change goes
 * through one serial task queue, so the in-memory document equals the stored one between
 * tasks and nothing is sent to anyone before it is durable.
 */
export class Room {
  /** Set by the registry: a reset room must be unloaded and loaded afresh. */
  onReset: (() => void) | undefined;
  /** Where services are told of stored changes and of the room closing. */
  readonly hooks = new RoomHooks();
  /** Carets and names: applied and relayed outside the queue, never stored. */
  readonly presence: Presence;
  /** Changed only inside queue tasks, so that between tasks it equals the stored document. */
  private readonly doc: Y.Doc;
  private readonly peers = new Set<Peer>();
  /** Updates the document emitted during the current task, in order. */
  private outbox: EmittedUpdate[] = [];
  private readonly broadcast: Broadcast;
  private readonly sync: ClusterSync;
  /**
   * The sync step 2 frames clients get while the document does not change, each encoded once:
   * for those that hold nothing, the snapshot it was loaded from, the state last compacted, or
   * the document encoded once; for the others, the difference, by state vector.
   */
  private readonly replies: SyncReplies;
  /** Paragraphs peers changed during the current task. */
  private touched = new Set<string>();
  /** Whether a peer's change since the last id pass may have left a block without an id (it added a block or wrote a pid). */
  private blocksChanged = false;
  /** Languages whose blocks were all checked for ids since loading: typing in them needs no new pass. */
  private readonly checkedTexts = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly backlog = new Backlog();
  private compactionScheduled = false;
  private joinedAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly clientOwners: ClientOwners;

  private constructor(
    readonly id: DeclarationId,
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly options: RoomOptions,
    storedSeq: number,
    private readonly compaction: CompactionPolicy,
    doc: Y.Doc,
  ) {
    this.doc = doc;
    this.replies = new SyncReplies(doc);
    this.sync = new ClusterSync(storedSeq, store, id);
    this.clientOwners = new ClientOwners(id, options.clientOwnership);
    this.broadcast = new Broadcast(this.peers, () => this.closed);
    this.doc.on('update', (update: Uint8Array, origin: ChangeOrigin) => {
      this.replies.changed();
      this.outbox.push({ update, origin });
    });
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (isPeer(tr.origin)) {
        for (const pid of touchedParagraphs(tr)) this.touched.add(pid);
        if (!this.blocksChanged) this.blocksChanged = mayNeedParagraphIds(tr);
      }
    });
    meterWork(this.doc);
    this.presence = new Presence(doc, this.clientOwners, { id, log, fanout: options.fanout, isClosed: () => this.closed });
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
    const logged = stored.updates.length + (filled ? 1 : 0);
    const loggedBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    const compaction = new CompactionPolicy(options.compactAfterUpdates, logged, loggedBytes, stored.snapshot?.byteLength ?? 0);
    const room = new Room(id, store, log, options, stored.lastSeq, compaction, doc);
    room.outbox = [];
    // Loaded from the snapshot alone: it is the document, encoded; nothing to encode for the first fresh clients.
    if (skipped === 0 && !filled && stateFrame) room.replies.knowFull(stateFrame);
    await room.clientOwners.load(doc);
    log.info('room.loaded', {
      declaration: id,
      updates: stored.updates.length,
      skipped,
      ms: Math.round(performance.now() - started),
    });
    if (filled || room.wantsCompaction()) room.scheduleCompaction();
    // Building held the event loop for a while; the first answer (an encoding of it all) waits a turn.
    await turnAfterIo();
    return room;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /**
   * Whether clients are still arriving: one joined in the last moment, or a peer's socket still
   * holds much of what it was sent (a hall downloading the document). Background work that holds
   * the event loop for long waits for this to pass.
   */
  get settling(): boolean {
    if (performance.now() - this.joinedAt < SETTLING_JOIN_MS) return true;
    for (const peer of this.peers) if ((peer.queuedBytes ?? 0) > SETTLING_QUEUED_BYTES) return true;
    return false;
  }

  join(peer: Peer): void {
    this.joinedAt = performance.now();
    this.peers.add(peer);
    this.presence.join(peer);
  }

  /** Removes a peer and the presence it controlled. */
  leave(peer: Peer): void {
    this.peers.delete(peer);
    this.presence.leave(peer);
  }

  /**
   * Runs `fn` on the document once every change queued before it is stored and applied (the
   * document then equals the stored one). `fn` must not change it: that is `change`.
   */
  read<T>(fn: (doc: Y.Doc) => Promise<T> | T): Promise<T> {
    return this.enqueue(() => fn(this.doc));
  }

  /** Looks at the document now, outside the queue: it may hold a change that is not stored yet. For quick checks only. */
  peek<T>(fn: (doc: Y.Doc) => T): T {
    return fn(this.doc);
  }

  /**
   * Answers a peer's sync step 1 from the queue (with other instances, once caught up with what
   * they stored): `reply` gets the sync step 2, or null for an invalid state vector.
   */
  answerSync(stateVector: Uint8Array, reply: (frame: Uint8Array | null) => void): Promise<void> {
    return this.enqueue(async () => {
      // Synced means complete: with other instances writing, read what they stored first.
      if (this.options.fanout) await this.catchUpNow();
      let frame: Uint8Array | null;
      try {
        frame = this.replies.replyTo(stateVector);
      } catch {
        frame = null;
      }
      reply(frame);
    });
  }

  /** Runs `task` after every task queued before it; tasks never overlap, and share the event loop (workSlices.ts). */
  private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const queuedAt = performance.now();
    const run = this.queue.then(nextSlice).then(() => {
      this.backlog.taskStarted(queuedAt, this.peers);
      return task();
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
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
      const breathe = update.byteLength > LARGE_UPDATE_BYTES ? nextTurn : () => undefined;
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
      if (verdict.roots.size > 0 && !(await this.writable())) return { kind: 'refused', code: CloseCode.TryAgainLater, reason: STORAGE_REFUSAL };
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
      // Typing leaves every block's id as it was: the pass over the whole text is for new blocks and ids.
      if (textChanged && (this.blocksChanged || texts.some((t) => !this.checkedTexts.has(t)))) {
        await this.clientOwners.ownServerClient(this.doc);
        try {
          ensureParagraphIds(this.doc, texts, SERVER_ORIGIN);
        } catch (error) {
          return this.poison(peer, error);
        }
        this.blocksChanged = false;
        for (const t of texts) this.checkedTexts.add(t);
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
      if (changed && textChanged) this.hooks.textChanged(pids);
      if (changed) this.hooks.wrote(verdict.roots);
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
      if (!(await this.writable())) throw new Error(STORAGE_REFUSAL);
      await this.clientOwners.ownServerClient(this.doc);
      this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
      const changed = await this.flush(null);
      if (changed && options.textChanged) this.hooks.textChanged([]);
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
        this.sync.stored(seq);
        this.compaction.logged(update.byteLength);
        if (origin === SERVER_ORIGIN) countServerUpdate();
      }
    } catch (error) {
      // The document now holds a change the store does not: nobody may see it. Every peer is
      // closed with "try again later" (they keep their edits) and reconnects to a room rebuilt
      // from the store, which serves it read-only until the store takes writes again.
      this.log.error('store.append_failed', { declaration: this.id, error: String(error) });
      this.options.storage?.failed();
      void this.reset(STORAGE_REFUSAL, CloseCode.TryAgainLater);
      throw new StorageFailure(String(error));
    }
    // Stored: now it may be sent.
    this.broadcast.send(emitted);
    if (this.sync.behind) void this.catchUp();
    if (this.wantsCompaction()) this.scheduleCompaction();
    return true;
  }

  /** An update another instance stored: applied in order, or, past a gap, everything missed is read from the store. */
  receiveRemote(message: StoredUpdateMessage): void {
    void this.enqueue(async () => {
      if (this.closed) return;
      const place = this.sync.place(message.seq);
      if (place === 'next') this.applyStored([message.update], message.seq);
      else if (place === 'gap') await this.catchUpNow();
    });
  }

  /** Reads what other instances stored since (clusterSync.ts) and applies it, in its turn. */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.catchUpNow());
  }

  /** `catchUp` from inside a queue task. */
  private async catchUpNow(): Promise<void> {
    if (this.closed) return;
    const missed = await this.sync.readMissed();
    if (missed) this.applyStored(missed.updates, missed.through);
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
    this.sync.applied(throughSeq);
    if (emitted.length === 0) return;
    for (const e of emitted) this.compaction.logged(e.update.byteLength);
    this.broadcast.send(emitted);
    // The instance that holds the lease aligns; it learns of text changed elsewhere here.
    this.hooks.textChanged([]);
    this.hooks.wrote(null);
    if (this.wantsCompaction()) this.scheduleCompaction();
  }

  /** Whether this instance does the declaration's background work (aligning, checkpoints, compaction). */
  get leads(): boolean {
    return this.options.leases?.holds(this.id) ?? true;
  }

  private writable(): Promise<boolean> {
    return storageAccepts(this.options.storage, this.store, this.id, this.log);
  }

  private wantsCompaction(): boolean {
    return this.compaction.wantsCompaction && this.leads;
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
      if (this.compaction.pending === 0) return;
      const started = performance.now();
      // Caught up before encoding: the snapshot stands for every update up to `sync.through`.
      if (this.sync.behind) await this.catchUpNow();
      const state = Y.encodeStateAsUpdate(this.doc);
      const encodedMs = performance.now() - started;
      // Storing it reads and writes the files whole: after a turn of its own.
      await nextTurn();
      // The queue holds every change back meanwhile: until the next one, this is what a fresh client gets.
      this.replies.knowFull(encodeSyncStep2Frame(state));
      await this.store.compact(this.id, state, this.sync.through);
      const folded = this.compaction.folded(state.byteLength);
      this.log.info('compaction', {
        declaration: this.id,
        folded,
        bytes: state.byteLength,
        encodeMs: Math.round(encodedMs),
        ms: Math.round(performance.now() - started),
      });
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
    for (const peer of [...this.peers]) peer.close(code, reason);
    this.onReset?.();
  }

  /** Client ids this room keeps something for in memory (owners, presence), for tests. */
  get trackedClients(): { owners: number; presence: number; presenceClocks: number; claims: number } {
    return { owners: this.clientOwners.size, ...this.presence.tracked };
  }

  /** Compacts and frees the room; peers must already be gone or be closed with `code`. */
  async close(code: CloseCode = CloseCode.Restart, reason = 'server restart'): Promise<void> {
    for (const peer of [...this.peers]) peer.close(code, reason);
    if (!this.closed) {
      await this.hooks.closing((error) => this.log.error('room.close_hook_failed', { declaration: this.id, error: String(error) }));
    }
    // The last instance to let go of a declaration folds its log, whoever led before.
    if (!this.closed && (this.leads || (await this.options.leases?.acquire(this.id)))) {
      // Not folding only leaves a longer log to read next time; say so, and close anyway.
      await this.compact().catch((error) => this.log.warn('room.compact_failed', { declaration: this.id, error: String(error) }));
    }
    this.closed = true;
    this.presence.destroy();
    this.doc.destroy();
  }
}
