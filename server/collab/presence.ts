import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DeclarationId } from '../../shared/model/ids.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { encodeAwarenessFrame } from '../../shared/protocol/frames.js';
import type { Fanout } from '../cluster/fanout.js';
import type { Logger } from '../log.js';
import { MAX_AWARENESS_BYTES, readAwarenessEntries, writeAwarenessEntries, type AwarenessEntry } from './awarenessEntries.js';
import { isPeer, REMOTE_ORIGIN } from './changeOrigin.js';
import type { ClientOwners } from './clientOwners.js';
import type { Peer, UpdateOutcome } from './peer.js';
import { PresenceClaims } from './presenceClaims.js';

/**
 * Presence changes are relayed in batches whose window grows with the room: a few people see
 * carets almost at once (10 ms), 300 people at twenty frames a second (50 ms: a caret's p95 under
 * 100 ms, the server near a tenth of a core when every caret moves once a second), a hall of 600 or
 * more at ten (100 ms), which keeps its presence near a tenth of a core too.
 */
const presenceBatchMs = (peers: number): number => Math.min(100, Math.max(10, peers / 6));

/** Who changed presence: a peer, another instance, or y-protocols itself ('local', 'timeout' for a silent client). */
type PresenceOrigin = Peer | typeof REMOTE_ORIGIN | string;

/** What presence needs of its room. */
export interface PresenceRoom {
  readonly id: DeclarationId;
  readonly log: Logger;
  /** Other instances holding the declaration, told this instance's presence changes. */
  readonly fanout?: Fanout;
  readonly isClosed: () => boolean;
}

/**
 * One room's presence (awareness): who controls which presence client id, and the batched relay
 * to every peer. Presence is never stored; ownership of fresh ids is provisional (presenceClaims.ts).
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Each peer with the presence client ids it controls. */
  private readonly controlled = new Map<Peer, Set<number>>();
  /** The same, the other way round: which peer controls a presence client id. */
  private readonly controller = new Map<number, Peer>();
  // Presence is sent in batches: 300 carets moving once a second would otherwise be 90,000
  // frames a second (and as many echoed back by stock providers); batched, a peer gets one
  // frame per window with every caret that moved in it (see presenceBatchMs).
  private readonly pending = new Set<number>();
  /** Of those, the ones this instance's peers changed: told to the other instances. */
  private readonly local = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly claims: PresenceClaims;

  constructor(
    doc: Y.Doc,
    private readonly owners: ClientOwners,
    private readonly room: PresenceRoom,
  ) {
    this.claims = new PresenceClaims((client) => {
      if (this.controller.has(client)) return false;
      // A stored owner stays; a provisional one is forgotten, with the presence clock kept for it.
      this.owners.releaseProvisional(client);
      if (!this.awareness.states.has(client)) this.awareness.meta.delete(client);
      return true;
    });
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relay);
  }

  join(peer: Peer): void {
    this.controlled.set(peer, new Set());
  }

  /** Removes a peer and the presence it controlled. */
  leave(peer: Peer): void {
    const controlled = this.controlled.get(peer);
    this.controlled.delete(peer);
    this.claims.left(peer);
    for (const client of controlled ?? []) this.controller.delete(client);
    if (controlled && controlled.size > 0 && !this.room.isClosed()) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], peer);
    }
  }

  /**
   * Applies a peer's presence change. A peer speaks only for its own presence: entries for client
   * ids another peer controls are dropped (a stock y-websocket client echoes everyone's presence
   * back, so they are not an offence), and an oversized state is refused.
   */
  apply(peer: Peer, update: Uint8Array): UpdateOutcome {
    if (update.byteLength > MAX_AWARENESS_BYTES) return { kind: 'refused', code: CloseCode.Malformed, reason: 'presence state too large' };
    let entries: AwarenessEntry[];
    try {
      entries = readAwarenessEntries(update);
    } catch {
      return { kind: 'refused', code: CloseCode.Malformed, reason: 'invalid awareness update' };
    }
    // Stock providers echo every presence frame they receive: most entries belong to others.
    const own = entries.filter((e) => {
      const controller = this.controller.get(e.client);
      return (controller === undefined || controller === peer) && this.claim(peer, e.client);
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
  encodeAll(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /** Presence from another instance's peers: shown to ours, not sent back out. */
  applyRemote(update: Uint8Array): void {
    if (this.room.isClosed()) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
    } catch (error) {
      this.room.log.warn('remote.presence_invalid', { declaration: this.room.id, error: String(error) });
    }
  }

  /** Presence client ids kept in memory, for tests. */
  get tracked(): { presence: number; presenceClocks: number; claims: number } {
    return { presence: this.controller.size, presenceClocks: this.awareness.meta.size, claims: this.claims.size };
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
  }

  /**
   * A peer announcing presence for a client id nobody owns yet becomes its provisional owner
   * (before anyone else can learn the id), in memory only; a few fresh ids per connection.
   */
  private claim(peer: Peer, client: number): boolean {
    const owner = this.owners.ownerOf(client);
    if (owner !== undefined) return owner === peer.grantId;
    if (!this.claims.mayIntroduce(peer)) return false;
    this.owners.claimProvisionally(client, peer.grantId);
    this.claims.introducedBy(peer, client);
    return true;
  }

  private readonly relay = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: PresenceOrigin): void => {
    const peer = isPeer(origin) ? origin : null;
    const controlled = peer && this.controlled.get(peer);
    if (peer && controlled) {
      for (const client of added) {
        controlled.add(client);
        this.controller.set(client, peer);
      }
      for (const client of removed) {
        controlled.delete(client);
        this.controller.delete(client);
      }
    }
    for (const client of added.concat(updated, removed)) {
      this.pending.add(client);
      if (origin !== REMOTE_ORIGIN) this.local.add(client);
    }
    if (this.pending.size > 0 && !this.timer) this.timer = setTimeout(this.send, presenceBatchMs(this.controlled.size));
  };

  private readonly send = (): void => {
    this.timer = null;
    // An id whose owner left meanwhile has no presence left to send (its entry was dropped with it).
    const changed = [...this.pending].filter((id) => this.awareness.meta.has(id));
    const local = [...this.local].filter((id) => this.awareness.meta.has(id));
    this.pending.clear();
    this.local.clear();
    if (this.room.isClosed() || changed.length === 0) return;
    if (local.length > 0) this.room.fanout?.publishPresence(this.room.id, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
    const frame = encodeAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Everyone, the sender included: its own echo is what keeps an idle provider's socket alive.
    for (const peer of this.controlled.keys()) peer.send(frame);
  };
}
