/** How a benchmark worker connects one client to Accord: the stock y-websocket provider, as any program would. */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { BenchClient, ClientFactory } from './target.js';

const connectAccordClient: ClientFactory = ({ wsUrl, token, document, reconnect }) => {
  let bytes = 0;
  // Counts what arrives on every socket the provider opens (it opens a new one per reconnect).
  class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.addEventListener('message', (event) => {
        bytes += byteLength(event.data);
      });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, document, doc, {
    params: { token },
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  if (reconnect === false) {
    // After the first close, stay down: a crashed server's writer must not re-send its edits.
    provider.on('connection-close', () => {
      provider.shouldConnect = false;
    });
  }
  const client: BenchClient = {
    doc,
    awareness: provider.awareness,
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
    bytesReceived: () => bytes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  return client;
};

export default connectAccordClient;

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: Buffer) => sum + part.byteLength, 0);
  if (typeof data === 'string') return Buffer.byteLength(data);
  return 0;
}
