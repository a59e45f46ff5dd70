import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../shared/model/access';

/** What each client publishes about itself in awareness, besides its caret. */
export interface PresenceUser {
  readonly name: string;
  readonly color: string;
  /** 'secretariat', 'observer', or the delegation's language code. */
  readonly delegation: string;
}

export interface Presence extends PresenceUser {
  readonly clientId: number;
  readonly self: boolean;
  /** The paragraph id the person's caret is in, if any. */
  readonly row: string | null;
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
        const s = state as { user?: Partial<PresenceUser>; row?: { pid?: unknown } | null };
        const user = s.user;
        if (!user || typeof user.name !== 'string') return;
        list.push({
          clientId,
          name: user.name.slice(0, 80),
          color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#666666',
          delegation: typeof user.delegation === 'string' ? user.delegation.slice(0, 35) : '',
          self: clientId === awareness.clientID,
          row: typeof s.row?.pid === 'string' ? s.row.pid : null,
        });
      });
      list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
      setPeople(list);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return people;
}

/** One colour per delegation (by column), so that a glance tells whose caret it is. */
const DELEGATION_COLOURS = ['#1f5fbf', '#b3261e', '#1a7f37', '#8a3ffc'];

export function delegationOf(role: Role): string {
  return role.kind === 'delegation' || role.kind === 'signatory' ? role.lang : role.kind;
}

export function colourFor(role: Role, languages: readonly string[]): string {
  if (role.kind === 'secretariat') return '#3d3d3d';
  if (role.kind === 'observer') return '#6b6b6b';
  const i = languages.indexOf(role.lang);
  return DELEGATION_COLOURS[i >= 0 ? i % DELEGATION_COLOURS.length : 0]!;
}
