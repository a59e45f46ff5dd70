import { useEffect, useState } from 'react';
import { META_MAP } from '../../shared/model/declaration';
import { readFrozen, type FrozenMark } from '../../shared/model/freeze';
import type { CollabSession } from '../collab/collabSession';

/** The document's freeze mark, live: every open page turns read-only the moment the text is frozen. */
export function useFrozen(session: CollabSession | null): FrozenMark | null {
  const [mark, setMark] = useState<FrozenMark | null>(null);
  useEffect(() => {
    if (!session) return;
    const meta = session.doc.getMap(META_MAP);
    const follow = () =>
      setMark((previous) => {
        const next = readFrozen(session.doc);
        return previous?.sha256 === next?.sha256 && previous?.at === next?.at ? previous : next;
      });
    meta.observe(follow);
    follow();
    return () => meta.unobserve(follow);
  }, [session]);
  return mark;
}
