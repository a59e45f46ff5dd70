import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { readSuggestions } from '../../shared/negotiation/suggestionState';

/**
 * The suggestions awaiting a decision, read again when the document changes (at most about three
 * times a second: whether one still applies depends on the text around it, so typing matters too).
 */
export function usePendingSuggestions(doc: Y.Doc): readonly Suggestion[] {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setTick((x) => x + 1);
      }, 300);
    };
    doc.on('update', bump);
    return () => {
      if (timer) clearTimeout(timer);
      doc.off('update', bump);
    };
  }, [doc]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  return useMemo(() => readSuggestions(doc).filter((s) => s.status === 'pending'), [doc, tick]);
}
