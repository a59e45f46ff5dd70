import type { DeclarationId } from '../../shared/model/ids.js';
import type { DocumentStore } from '../storage/documentStore.js';
import type { Logger } from '../log.js';
import { Room, type RoomOptions } from './room.js';
import { storedStateFrame } from './storedStateFrame.js';
import { turnAfterIo } from './workSlices.js';

export interface RoomRegistryOptions extends RoomOptions {
  /** How long a room with no peer stays loaded (a reconnect storm reuses it). */
  readonly idleUnloadMs: number;
  /** With other instances: how often a loaded room checks the store for updates another instance stored and pub/sub did not bring (2 s). */
  readonly catchUpMs?: number;
  /** Called once per loaded room, before any peer joins (background services attach here). */
  readonly onRoomLoaded?: (room: Room) => void;
}

/**
 * A room a client socket opens is built at the socket's first frame (or after this long without
 * one): when that frame is a fresh client's sync step 1, it is answered from the stored snapshot
 * first, so that the client's download and the build of the document overlap instead of
 * following each other.
 */
const BUILD_WAIT_MS = 100;

/** A room being opened for a client socket (see `open`). */
export interface OpeningRoom {
  readonly room: Promise<Room>;
  /**
   * Until the room is built: the sync step 2 frame for a client that holds nothing, from the
   * store's bytes (`storedStateFrame`), or null when the document must be built first.
   */
  readonly stateFrame: Promise<Uint8Array | null>;
  /** The socket needs the room now (its first frame arrived): build it. */
  needed(): void;
}

interface Entry {
  readonly loading: Promise<Room>;
  readonly stateFrame: Promise<Uint8Array | null>;
  /** Builds the room now if it waits for a client's first frame; does nothing afterwards. */
  readonly build: () => void;
  room: Room | null;
  refs: number;
  idleTimer: NodeJS.Timeout | null;
  unloading: Promise<void> | null;
}

/** The open rooms, one per declaration in use; loads on first use, unloads when idle. */
export class RoomRegistry {
  private readonly entries = new Map<DeclarationId, Entry>();

  private readonly catchUpTimer: NodeJS.Timeout | null;

  constructor(
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly options: RoomRegistryOptions,
  ) {
    // Pub/sub may drop messages (a Redis restart, a network cut): every loaded room also checks
    // the store now and then, so no client stays behind for long even when nobody writes.
    this.catchUpTimer = options.fanout
      ? setInterval(() => {
          for (const entry of this.entries.values()) {
            const room = entry.room;
            if (room && !room.isClosed)
              void room.catchUp().catch((error) => this.log.warn('room.catch_up_failed', { declaration: room.id, error: String(error) }));
          }
        }, options.catchUpMs ?? 2_000)
      : null;
    this.catchUpTimer?.unref();
  }

  get openRooms(): number {
    return this.entries.size;
  }

  /** The loaded room, if any, without taking a reference (for server-side work and tests). */
  peek(id: DeclarationId): Room | null {
    return this.entries.get(id)?.room ?? null;
  }

  /** Loads (or reuses) the room and counts one more user of it; pair with `release`. */
  async acquire(id: DeclarationId): Promise<Room> {
    let entry = this.entries.get(id);
    while (entry?.unloading) {
      await entry.unloading;
      entry = this.entries.get(id);
    }
    entry ??= this.load(id, false);
    entry.build();
    return this.take(entry);
  }

  /**
   * `acquire` for a client socket: a room that is not loaded yet is built at the socket's first
   * frame (`needed`), and meanwhile `stateFrame` answers a fresh client from the store.
   */
  open(id: DeclarationId): OpeningRoom {
    let entry = this.entries.get(id);
    if (entry?.unloading) return { room: this.acquire(id), stateFrame: Promise.resolve(null), needed: () => undefined };
    entry ??= this.load(id, true);
    const stateFrame = entry.room ? Promise.resolve(null) : entry.stateFrame;
    return { room: this.take(entry), stateFrame, needed: entry.build };
  }

  private async take(entry: Entry): Promise<Room> {
    entry.refs++;
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    try {
      return await entry.loading;
    } catch (error) {
      entry.refs--;
      throw error;
    }
  }

  /** Runs `fn` with the declaration's room held, and lets it go afterwards (for server-side work). */
  async using<T>(id: DeclarationId, fn: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.acquire(id);
    try {
      return await fn(room);
    } finally {
      this.release(room);
    }
  }

  release(room: Room): void {
    const entry = this.entries.get(room.id);
    if (!entry || entry.room !== room) return; // already evicted
    entry.refs--;
    if (entry.refs > 0) return;
    entry.idleTimer = setTimeout(() => this.unload(room.id, entry), this.options.idleUnloadMs);
    entry.idleTimer.unref();
  }

  /** Hears the other instances from now on, then reads what they stored while this room was loading. */
  private async joinCluster(room: Room): Promise<void> {
    const { fanout, leases } = this.options;
    try {
      await leases?.acquire(room.id);
      if (!fanout) return;
      await fanout.subscribe(room.id, { update: (m) => room.receiveRemote(m), presence: (u) => room.presence.applyRemote(u) });
      await room.catchUp();
    } catch (error) {
      this.log.warn('room.join_cluster_failed', { declaration: room.id, error: String(error) });
    }
  }

  /** Closes every room (peers get `Restart`), storing a final snapshot of each. */
  async closeAll(): Promise<void> {
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    const closing: Promise<void>[] = [];
    for (const [id, entry] of this.entries) closing.push(this.unload(id, entry));
    await Promise.all(closing);
  }

  /** Reads the store at once; builds the room then, or, `forSocket`, at the socket's first frame. */
  private load(id: DeclarationId, forSocket: boolean): Entry {
    const started = performance.now();
    const stored = this.store.loadDocument(id);
    const frame = stored.then(storedStateFrame, () => null);
    // With other instances, a client is answered only once caught up with them (Room.answerSync).
    const stateFrame = this.options.fanout ? Promise.resolve(null) : frame;
    let build: () => void = () => undefined;
    const needed = new Promise<void>((resolve) => (build = resolve));
    const loading = (async () => {
      const document = await stored;
      if (forSocket && (await stateFrame)) {
        const timer = setTimeout(build, BUILD_WAIT_MS);
        await needed;
        clearTimeout(timer);
      }
      // A turn between reading the files and building from them (each holds the event loop a while);
      // the frames answered from the snapshot meanwhile leave before the build.
      await turnAfterIo();
      return Room.fromStored(id, document, await frame, this.store, this.log, this.options, started);
    })();
    const entry: Entry = {
      loading,
      stateFrame,
      build,
      room: null,
      refs: 0,
      idleTimer: null,
      unloading: null,
    };
    this.entries.set(id, entry);
    entry.loading.then(
      (room) => {
        entry.room = room;
        this.options.onRoomLoaded?.(room);
        void this.joinCluster(room);
        room.onReset = () => {
          // A reset room is dropped at once; the next peer loads it afresh from the store.
          if (this.entries.get(id) === entry) this.entries.delete(id);
          void room.close().catch((error) => this.log.warn('room.close_failed', { declaration: id, error: String(error) }));
        };
      },
      (error) => {
        this.log.error('room.load_failed', { declaration: id, error: String(error) });
        if (this.entries.get(id) === entry) this.entries.delete(id);
      },
    );
    return entry;
  }

  private unload(id: DeclarationId, entry: Entry): Promise<void> {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    if (entry.unloading) return entry.unloading;
    entry.unloading = (async () => {
      let room: Room;
      try {
        room = await entry.loading;
      } catch {
        // A room that failed to load (already logged as room.load_failed) has nothing to close.
        if (this.entries.get(id) === entry) this.entries.delete(id);
        return;
      }
      try {
        await room.close();
        await this.options.fanout?.unsubscribe(id);
        await this.options.leases?.release(id);
        this.log.info('room.unloaded', { declaration: id });
      } catch (error) {
        this.log.error('room.unload_failed', { declaration: id, error: String(error) });
      } finally {
        if (this.entries.get(id) === entry) this.entries.delete(id);
      }
    })();
    return entry.unloading;
  }
}
