import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { MessageType } from '../../shared/protocol/messages';
import { encodeSaveCheckFrame } from '../../shared/protocol/frames';
import { COLLAB_PATH } from '../../shared/protocol/api';

export type Link = 'connecting' | 'live' | 'offline';

/** What the status bar shows; changes are published to subscribers. */
export interface SessionState {
  readonly link: Link;
  /** Every local change has been durably stored by the server. */
  readonly saved: boolean;
  /** Set when the server refused a change and closed the connection; the copy is reloaded. */
  readonly refusal: string | null;
}

/** How long local changes may accumulate before we ask the server to confirm them. */
const SAVE_CHECK_DELAY_MS = 150;

/**
 * One declaration's live document: the Yjs doc, its y-websocket provider, and the
 * "saved" bookkeeping (local changes counted, acknowledged by the server once stored).
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private state: SessionState = { link: 'connecting', saved: true, refusal: null };
  private readonly listeners = new Set<() => void>();
  private localChanges = 0;
  private acknowledged = 0;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly declarationId: string,
    token: string,
  ) {
    const wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    this.provider = new WebsocketProvider(wsBase, declarationId, this.doc, { params: { token }, disableBc: true });
    this.provider.messageHandlers[MessageType.Saved] = (_encoder, decoder) => {
      this.acknowledged = Math.max(this.acknowledged, decoding.readVarUint(decoder));
      this.update({ saved: this.acknowledged >= this.localChanges });
    };
    this.provider.on('status', ({ status }) => {
      this.update({ link: status === 'connected' ? (this.provider.synced ? 'live' : 'connecting') : status === 'connecting' ? 'connecting' : 'offline' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.update({ link: 'live' });
      // Everything local went to the server in sync step 2, before this point.
      this.sendSaveCheck();
    });
    this.provider.on('connection-error', () => this.update({ link: 'offline' }));
    this.provider.on('closed', ({ reason }) => this.reloadAfterRefusal(reason));
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      this.localChanges++;
      this.update({ saved: false });
      this.scheduleSaveCheck();
    });
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.provider.destroy();
    this.doc.destroy();
  }

  private update(patch: Partial<SessionState>): void {
    const next = { ...this.state, ...patch };
    if (next.link === this.state.link && next.saved === this.state.saved && next.refusal === this.state.refusal) return;
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

  /**
   * The server refused an update (4400–4499) and closed. Our copy holds an edit that did not
   * happen: the page reloads so that it shows only what the server holds.
   */
  private reloadAfterRefusal(reason: string): void {
    this.update({ refusal: reason || 'refused', link: 'offline' });
  }
}
