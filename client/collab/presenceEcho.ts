import type { WebsocketProvider } from 'y-websocket';

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };
type AwarenessHandler = (changes: AwarenessChanges, origin: unknown) => void;

/**
 * The stock provider sends every presence change it sees, including the ones it has just received
 * from the server: in a room of 300 people each caret move comes back 300 times. Only changes to
 * this client's own presence are sent; others' presence is the server's to relay. The provider's
 * own 15-second renewal is one of those, so the server's echo still keeps an idle socket alive.
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const stock = (provider as unknown as { _awarenessUpdateHandler: AwarenessHandler })._awarenessUpdateHandler;
  const awareness = provider.awareness;
  awareness.off('update', stock);
  const own: AwarenessHandler = (changes, origin) => {
    const mine = awareness.clientID;
    if (changes.added.includes(mine) || changes.updated.includes(mine) || changes.removed.includes(mine)) {
      stock(
        {
          added: changes.added.filter((c) => c === mine),
          updated: changes.updated.filter((c) => c === mine),
          removed: changes.removed.filter((c) => c === mine),
        },
        origin,
      );
    }
  };
  awareness.on('update', own);
  // destroy() unregisters the stock handler by reference: unregister ours with it.
  const destroy = provider.destroy.bind(provider);
  provider.destroy = () => {
    awareness.off('update', own);
    destroy();
  };
}
