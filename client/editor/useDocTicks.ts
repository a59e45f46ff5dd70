import { type MutableRefObject, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { ALIGNMENT_MAP, ROW_STATE_MAP } from '../../shared/model/alignment';
import { textFragmentName } from '../../shared/model/declaration';
import type { LanguageCode } from '../../shared/model/ids';
import { ADOPTION_LOG } from '../../shared/negotiation/adoption';
import { CIRCULATION_MAP, OBJECTIONS } from '../../shared/negotiation/circulation';
import { COMMENTS_MAP } from '../../shared/negotiation/commentModel';
import { SUGGESTION_VOTES_MAP, SUGGESTIONS_MAP, type Suggestion } from '../../shared/negotiation/suggestionModel';
import { readSuggestions } from '../../shared/negotiation/suggestionState';
import type { LayoutController } from './layoutController';

/**
 * A tick that moves whenever the rows' alignment, statuses, circulations, objections, adoptions
 * or comments change in the document (React cannot see a Y.Doc change: values read from it are
 * memoised on this tick). Each change also asks the layout to run again.
 */
export function useRowsTick(doc: Y.Doc, controller: MutableRefObject<LayoutController | null>): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => {
      setVersion((v) => v + 1);
      controller.current?.schedule();
    };
    const maps = [doc.getMap(ALIGNMENT_MAP), doc.getMap(ROW_STATE_MAP), doc.getMap(CIRCULATION_MAP)];
    const arrays = [doc.getArray(OBJECTIONS), doc.getArray(ADOPTION_LOG)];
    const comments = doc.getMap(COMMENTS_MAP);
    for (const m of maps) m.observe(bump);
    for (const a of arrays) a.observe(bump);
    comments.observeDeep(bump);
    return () => {
      maps.forEach((m) => m.unobserve(bump));
      arrays.forEach((a) => a.unobserve(bump));
      comments.unobserveDeep(bump);
    };
  }, [doc, controller]);
  return version;
}

/** Every suggestion, re-read when they or their votes change, and when the text moves under them. */
export function useSuggestions(doc: Y.Doc, langs: readonly LanguageCode[]): Suggestion[] {
  const [suggestionVersion, setSuggestionVersion] = useState(0);
  useEffect(() => {
    const suggestionMaps = [doc.getMap(SUGGESTIONS_MAP), doc.getMap(SUGGESTION_VOTES_MAP)];
    const texts = langs.map((l) => doc.getXmlFragment(textFragmentName(l)));
    const bump = () => setSuggestionVersion((v) => v + 1);
    const onText = () => {
      if (suggestionMaps[0]!.size > 0) bump();
    };
    for (const m of suggestionMaps) m.observe(bump);
    for (const f of texts) f.observeDeep(onText);
    return () => {
      suggestionMaps.forEach((m) => m.unobserve(bump));
      texts.forEach((f) => f.unobserveDeep(onText));
    };
  }, [doc, langs]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the value is read from the Y.Doc, which React cannot see change; the tick is what says it did
  return useMemo(() => readSuggestions(doc), [doc, suggestionVersion]);
}
