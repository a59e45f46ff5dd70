import { useEffect, useState, useSyncExternalStore } from 'react';
import { CollabSession, type SessionState } from './collabSession';
import { canWriteRoot, type Role } from '../../shared/model/access';

/**
 * Opens the live document for the page's lifetime; a new `generation` opens a fresh copy.
 * No declaration id (access not confirmed yet): no session, so no socket is tried in vain.
 */
export function useCollabSession(declarationId: string | null, generation: number, role: Role): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  const roleKey = JSON.stringify(role);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `roleKey` stands for `role` (a new object each render, the same role)
  useEffect(() => {
    if (declarationId === null) {
      setSession(null);
      return;
    }
    const s = new CollabSession(declarationId, (root) => canWriteRoot(role, root));
    setSession(s);
    return () => s.destroy();
  }, [declarationId, generation, roleKey]);
  return session;
}

const IDLE: SessionState = { link: 'connecting', saved: true, pending: 0, savedAt: null, refusal: null, storageTrouble: false };

export function useSessionState(session: CollabSession | null): SessionState {
  return useSyncExternalStore(session ? session.subscribe : () => () => undefined, session ? session.getState : () => IDLE);
}
