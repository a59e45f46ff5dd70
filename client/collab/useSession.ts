import { useEffect, useState, useSyncExternalStore } from 'react';
import { CollabSession, type SessionState } from './collabSession';

/** Opens the live document for the page's lifetime; a new `generation` opens a fresh copy. */
export function useCollabSession(declarationId: string, generation: number): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const s = new CollabSession(declarationId);
    setSession(s);
    return () => s.destroy();
  }, [declarationId, generation]);
  return session;
}

const IDLE: SessionState = { link: 'connecting', saved: true, pending: 0, savedAt: null, refusal: null };

export function useSessionState(session: CollabSession | null): SessionState {
  return useSyncExternalStore(
    session ? session.subscribe : () => () => undefined,
    session ? session.getState : () => IDLE,
  );
}
