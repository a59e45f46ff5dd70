import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export interface Presence {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly self: boolean;
}

/** Who is connected, from the awareness states every client publishes. */
export function usePresence(provider: WebsocketProvider | null): Presence[] {
  const [people, setPeople] = useState<Presence[]>([]);
  useEffect(() => {
    if (!provider) return;
    const awareness = provider.awareness;
    const read = () => {
      const list: Presence[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (!user || typeof user.name !== 'string') return;
        list.push({
          clientId,
          name: user.name,
          color: typeof user.color === 'string' ? user.color : '#888',
          self: clientId === awareness.clientID,
        });
      });
      setPeople(list);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return people;
}

/** A stable, readable colour for a name. */
export function colorFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return `hsl(${h}, 65%, 38%)`;
}
