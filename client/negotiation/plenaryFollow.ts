import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { isParagraphId } from '../../shared/model/paragraphIds';

/**
 * The row the chair is on in plenary, shared through awareness (presence is open to every role,
 * and the plenary's position is as fleeting as a caret): `plenary: { pid, n }` in the chair's state.
 */
export interface PlenaryPosition {
  /** A paragraph of the row. */
  readonly pid: string;
  /** The row's number as the chair sees it. */
  readonly n: number;
  readonly chair: string;
}

/** Publishes (or, with null, withdraws) this page's plenary position. */
export function publishPlenaryPosition(provider: WebsocketProvider, position: { pid: string; n: number } | null): void {
  provider.awareness.setLocalStateField('plenary', position);
}

/** The plenary position of the secretariat member chairing, as this page sees it; null when none. */
export function usePlenaryPosition(provider: WebsocketProvider | null): PlenaryPosition | null {
  const [position, setPosition] = useState<PlenaryPosition | null>(null);
  useEffect(() => {
    if (!provider) return;
    const awareness = provider.awareness;
    const read = () => {
      let found: PlenaryPosition | null = null;
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID || found) return;
        const s = state as { user?: { name?: unknown; delegation?: unknown }; plenary?: { pid?: unknown; n?: unknown } | null };
        if (s.user?.delegation !== 'secretariat' || !s.plenary) return;
        const { pid, n } = s.plenary;
        if (isParagraphId(pid) && typeof n === 'number' && Number.isInteger(n) && n > 0) {
          found = { pid, n, chair: typeof s.user.name === 'string' ? s.user.name.slice(0, 80) : '' };
        }
      });
      setPosition((prev) => (prev?.pid === found?.pid && prev?.n === found?.n ? prev : found));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return position;
}
