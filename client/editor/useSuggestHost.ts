import { useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import type { LanguageCode } from '../../shared/model/ids';
import { ok, type Result } from '../../shared/model/result';
import type { CommentAuthor } from '../../shared/negotiation/commentModel';
import { suggestBackspace, suggestDelete, suggestReplace, type SuggestPlace } from './suggestEdits';
import type { SuggestHost } from './suggestInput';

/** What the page's state says about suggesting, read at each keystroke. */
export interface SuggestState {
  /** Suggesting mode, this page's own (not shared with others, not remembered). */
  readonly suggesting: boolean;
  /** Whether this person may suggest at all (not an observer, not a frozen text). */
  readonly canSuggest: boolean;
  readonly writable: (lang: LanguageCode) => boolean;
  readonly agreedPids: ReadonlySet<string>;
  readonly commentAuthor: CommentAuthor;
}

/**
 * The host the columns ask, at each keystroke, whether to write or to suggest, and through which
 * they propose a suggestion; a refused one is reported to `onProblem` (null once one is made).
 */
export function useSuggestHost(doc: Y.Doc, state: SuggestState, onProblem: (problem: { pid: string; reason: string } | null) => void): SuggestHost {
  // The columns read the page's current state at each keystroke, through one object made once.
  const live = useRef({ ...state, onProblem });
  live.current = { ...state, onProblem };
  return useMemo<SuggestHost>(
    () => ({
      suggesting: () => live.current.suggesting && live.current.canSuggest,
      modeAt: (lang, pid) => {
        const now = live.current;
        if (!now.canSuggest) return 'write';
        if (now.agreedPids.has(pid)) return 'consent';
        return now.suggesting || !now.writable(lang as LanguageCode) ? 'suggest' : 'write';
      },
      propose: (lang, edit) => {
        const place: SuggestPlace = { doc, lang, pid: edit.pid, author: live.current.commentAuthor, consent: edit.consent, at: Date.now() };
        let result: Result<{ moved: boolean }>;
        if (edit.kind === 'backspace') result = suggestBackspace(place, edit.at);
        else {
          const made = edit.kind === 'insert' ? suggestReplace(place, edit.from, edit.to, edit.text) : suggestDelete(place, edit.from, edit.to);
          result = made.ok ? ok({ moved: false }) : made;
        }
        live.current.onProblem(result.ok ? null : { pid: edit.pid, reason: result.reason });
        return result;
      },
    }),
    [doc],
  );
}
