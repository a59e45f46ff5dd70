/** How a benchmark worker connects one client to Hocuspocus: its own provider, as its documentation shows. */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { countingWebSocket } from '../collab/countingSocket.js';
import type { BenchClient, ClientFactory } from '../collab/target.js';

const connectHocuspocusClient: ClientFactory = ({ wsUrl, document, reconnect }) => {
  const counting = countingWebSocket();
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    WebSocketPolyfill: counting.Socket,
    // Runs before the socket's own close handler, which schedules the reconnection: after the
    // first close, stay down, so that a crashed server's writer does not re-send its edits.
    onClose: () => {
      if (reconnect === false) socket.shouldConnect = false;
    },
  });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: document, document: doc });
  // Hocuspocus 3 attaches a provider by itself only to a socket it created.
  provider.attach();
  const client: BenchClient = {
    doc,
    awareness: provider.awareness!,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.isSynced) return resolve();
        const onSynced = ({ state }: { state: boolean }) => {
          if (!state) return;
          provider.off('synced', onSynced);
          resolve();
        };
        provider.on('synced', onSynced);
      }),
    bytesReceived: counting.received,
    destroy: () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
  return client;
};

export default connectHocuspocusClient;
