/** How a benchmark worker connects one client to Accord: the stock y-websocket provider, with Accord's client's presence rule (no echo). */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { countingWebSocket } from './countingSocket.js';
import { sendOwnPresenceOnly } from '../../client/collab/presenceEcho.js';
import type { BenchClient, ClientFactory } from './target.js';

const connectAccordClient: ClientFactory = ({ wsUrl, token, document, reconnect }) => {
  const counting = countingWebSocket();
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, document, doc, {
    params: { token },
    WebSocketPolyfill: counting.Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  sendOwnPresenceOnly(provider);
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
    bytesReceived: counting.received,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  return client;
};

export default connectAccordClient;
