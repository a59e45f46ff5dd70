import { useEffect, useRef } from 'react';
import type { Editor } from '@tiptap/core';
import type { LanguageCode } from '../../shared/model/ids';
import type { Thread } from '../../shared/negotiation/commentModel';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { useI18n } from '../i18n/i18n';
import { commentHighlightsKey, type CommentRange } from './commentHighlights';
import { suggestionMarksKey, type SuggestionMark } from './suggestionMarks';

/** Commented words, highlighted in every column (the focused thread's stronger). */
export function useCommentHighlights(editors: ReadonlyMap<LanguageCode, Editor>, threads: readonly Thread[], focusThread: string | null): void {
  useEffect(() => {
    for (const [lang, editor] of editors) {
      if (editor.isDestroyed) continue;
      const ranges: CommentRange[] = threads
        .filter((th) => th.status === 'open' && th.anchor.kind === 'range' && th.anchor.lang === lang)
        .map((th) => {
          const a = th.anchor as Extract<Thread['anchor'], { kind: 'range' }>;
          return { id: th.id, pid: a.pid, from: a.from, to: a.to, active: th.id === focusThread };
        });
      editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, ranges).setMeta('addToHistory', false));
    }
  }, [threads, editors, focusThread]);
}

/** Pending suggestions, drawn in the column they concern, in every page (redrawn only when they change). */
export function useSuggestionMarks(
  editors: ReadonlyMap<LanguageCode, Editor>,
  suggestions: readonly Suggestion[],
  focusSuggestion: string | null,
  sideName: (code: string) => string,
): void {
  const { t } = useI18n();
  const drawnMarks = useRef(new Map<Editor, string>());
  useEffect(() => {
    for (const [lang, editor] of editors) {
      if (editor.isDestroyed) continue;
      const marks: SuggestionMark[] = suggestions
        .filter((s) => s.status === 'pending' && s.place && s.lang === lang)
        .map((s) => ({
          id: s.id,
          pid: s.place!.pid,
          from: s.place!.from,
          to: s.place!.to,
          text: s.text,
          delegation: s.author.delegation,
          tag: s.author.delegation === 'secretariat' ? t('secretariatTag') : s.author.delegation.toUpperCase(),
          title: t('suggestionTitle', { name: s.author.name, delegation: sideName(s.author.delegation) }),
          active: s.id === focusSuggestion,
        }));
      const key = JSON.stringify(marks);
      if (drawnMarks.current.get(editor) === key) continue;
      drawnMarks.current.set(editor, key);
      editor.view.dispatch(editor.state.tr.setMeta(suggestionMarksKey, marks).setMeta('addToHistory', false));
    }
  }, [suggestions, editors, focusSuggestion, t, sideName]);
}
