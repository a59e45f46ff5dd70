import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

export interface YClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves when the provider has received the server's whole document. */
  synced(): Promise<void>;
  destroy(): void;
}

/** A stock y-websocket client, as any program would connect. */
export function connectClient(wsUrl: string, declarationId: string, token: string, options: { connect?: boolean; reconnect?: boolean } = {}): YClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, declarationId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 200,
  });
  if (options.reconnect === false) {
    // After the first close, stay down: the crash test's writer must not re-send its edits.
    provider.on('connection-close', () => {
      provider.shouldConnect = false;
    });
  }
  return {
    doc,
    provider,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) return resolve();
        const onSync = (state: boolean) => {
          if (!state) return;
          provider.off('sync', onSync);
          resolve();
        };
        provider.on('sync', onSync);
      }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` holds or `timeoutMs` passes; fails with `what`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
