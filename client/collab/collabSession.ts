import { CloseCode } from '../../shared/protocol/closeCodes';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { sendOwnPresenceOnly } from './presenceEcho.js';
import * as decoding from 'lib0/decoding';
import { MessageType } from '../../shared/protocol/messages';
import { encodeSaveCheckFrame } from '../../shared/protocol/frames';
import { COLLAB_PATH } from '../../shared/protocol/api';
import { IndexeddbPersistence } from 'y-indexeddb';
import { ensureParagraphIds, textFragmentNames } from '../../shared/model/paragraphIds';

export type Link = 'connecting' | 'live' | 'offline';

/** Why the server closed our socket for good: its close code and its short reason. */
export interface Refusal {
  readonly code: number;
  readonly reason: string;
  /**
   * Set when access itself was refused before any socket opened: the HTTP status (401, 403, 404)
   * the API gives for this declaration. The browser hides a refused upgrade's status, so we ask.
   */
  readonly accessStatus?: number;
}

/** What the status bar shows; changes are published to subscribers. */
export interface SessionState {
  readonly link: Link;
  /** Every local change has been durably stored by the server. */
  readonly saved: boolean;
  /** Local changes the server has not confirmed yet. */
  readonly pending: number;
  /** When the server last confirmed that everything was stored. */
  readonly savedAt: Date | null;
  /** Set when the server refused a change (or our access) and closed the connection. */
  readonly refusal: Refusal | null;
  /** The server could not store our changes (its disk refused them): they wait here and are sent again. */
  readonly storageTrouble: boolean;
}

/** Origin of the transactions that give blocks their ids. */
export const PID_FIX_ORIGIN = Symbol('pid-fix');

/** How long local changes may accumulate before we ask the server to confirm them. */
const SAVE_CHECK_DELAY_MS = 150;

/**
 * One declaration's live document: the Yjs doc, its y-websocket provider, and the
 * "saved" bookkeeping (local changes counted, acknowledged by the server once stored).
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** The offline copy: edits made without a connection survive a closed tab and merge later. */
  readonly local: IndexeddbPersistence;
  private state: SessionState = { link: 'connecting', saved: true, pending: 0, savedAt: null, refusal: null, storageTrouble: false };
  private readonly listeners = new Set<() => void>();
  private localChanges = 0;
  private acknowledged = 0;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * The socket authenticates with the session cookie, which the browser sends on the upgrade.
   * `mayWrite` says which shared types this user may change (a delegation: its own language).
   */
  constructor(
    readonly declarationId: string,
    private readonly mayWrite: (rootName: string) => boolean,
  ) {
    const wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    this.local = new IndexeddbPersistence(`accord:${declarationId}`, this.doc);
    this.provider = new WebsocketProvider(wsBase, declarationId, this.doc, { disableBc: true });
    sendOwnPresenceOnly(this.provider);
    this.provider.messageHandlers[MessageType.Saved] = (_encoder, decoder) => {
      this.acknowledged = Math.max(this.acknowledged, decoding.readVarUint(decoder));
      const pending = Math.max(0, this.localChanges - this.acknowledged);
      this.update({ saved: pending === 0, pending, ...(pending === 0 ? { savedAt: new Date() } : {}) });
    };
    this.provider.on('status', ({ status }) => {
      this.update({ link: status === 'connected' ? (this.provider.synced ? 'live' : 'connecting') : status === 'connecting' ? 'connecting' : 'offline' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.update({ link: 'live', storageTrouble: false });
      // Everything local went to the server in sync step 2, before this point.
      this.sendSaveCheck();
    });
    this.provider.on('connection-error', () => this.update({ link: 'offline' }));
    // 1013: the server's store refused a write; the provider reconnects by itself and sends our changes again.
    this.provider.on('connection-close', (event) => {
      if (event?.code === CloseCode.TryAgainLater) this.update({ storageTrouble: true });
      // A socket that closed before it opened: the upgrade was refused, or the server is away.
      // Hold the provider's retries until the API says which, so a refusal is not retried forever.
      if (event && !this.provider.wsconnected && this.provider.shouldConnect) {
        this.provider.shouldConnect = false;
        void this.recheckAccess();
      }
    });
    this.provider.on('closed', ({ code, reason }) => this.update({ refusal: { code, reason: reason || 'refused' }, link: 'offline' }));
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.local) return;
      this.localChanges++;
      this.update({ saved: false, pending: this.localChanges - this.acknowledged });
      this.scheduleSaveCheck();
    });
    // A lost network may leave the socket half-open for a long time: follow the browser's word.
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
    // Every block gets a unique id, whoever made it; the fix is deterministic, so clients agree.
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === PID_FIX_ORIGIN || !tr.changedParentTypes.size) return;
      queueMicrotask(() => {
        // Only in what we may write: a block of another language gets its id from its writers or the server.
        if (!this.destroyed) ensureParagraphIds(this.doc, textFragmentNames(this.doc), PID_FIX_ORIGIN, this.mayWrite);
      });
    });
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private destroyed = false;

  private readonly goOffline = (): void => {
    this.provider.disconnect();
    this.update({ link: 'offline' });
  };

  private readonly goOnline = (): void => {
    this.provider.connect();
  };

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }

  /** After a socket that never opened: stop for good if access is refused, else reconnect after the provider's backoff. */
  private async recheckAccess(): Promise<void> {
    const attempts = this.provider.wsUnsuccessfulReconnects;
    let status: number | null = null;
    try {
      status = (await fetch(`/api/declarations/${encodeURIComponent(this.declarationId)}`)).status;
    } catch {
      // the server is away or the network is down: not a refusal
    }
    if (this.destroyed) return;
    const code = status === 401 ? CloseCode.Unauthorized : status === 403 ? CloseCode.Forbidden : status === 404 ? CloseCode.NotFound : null;
    if (status !== null && code !== null) {
      this.update({ refusal: { code, reason: `access refused (HTTP ${status})`, accessStatus: status }, link: 'offline' });
      return;
    }
    setTimeout(
      () => {
        if (!this.destroyed && !this.state.refusal && navigator.onLine) this.provider.connect();
      },
      Math.min(2 ** attempts * 100, this.provider.maxBackoffTime),
    );
  }

  /** Forgets the offline copy (after a refusal: it holds an edit that did not happen). */
  async discardLocalCopy(): Promise<void> {
    await this.local.clearData();
  }

  private update(patch: Partial<SessionState>): void {
    const next = { ...this.state, ...patch };
    if (
      next.link === this.state.link &&
      next.saved === this.state.saved &&
      next.pending === this.state.pending &&
      next.savedAt === this.state.savedAt &&
      next.refusal === this.state.refusal &&
      next.storageTrouble === this.state.storageTrouble
    ) {
      return;
    }
    this.state = next;
    for (const l of this.listeners) l();
  }

  private scheduleSaveCheck(): void {
    if (this.checkTimer) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      this.sendSaveCheck();
    }, SAVE_CHECK_DELAY_MS);
  }

  /** Frames on one socket arrive in order, so the answer covers every change sent before it. */
  private sendSaveCheck(): void {
    const ws = this.provider.ws;
    if (ws && ws.readyState === WebSocket.OPEN && this.provider.synced) ws.send(encodeSaveCheckFrame(this.localChanges));
  }
}
