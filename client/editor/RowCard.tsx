import type { Editor } from '@tiptap/core';
import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Objection } from '../../shared/negotiation/circulation';
import type { CommentAuthor, Thread } from '../../shared/negotiation/commentModel';
import type { Suggestion } from '../../shared/negotiation/suggestionModel';
import { BracketChoices } from '../negotiation/BracketToolbar';
import { type CommentTarget, RowCommentForm, SelectionCommentForm, ThreadList } from '../negotiation/CommentsPanel';
import { StaleDiff } from '../negotiation/StaleDiff';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { RowPanel } from './RowPanel';
import type { RowInfo } from './rowInfo';
import { SuggestionCards } from './SuggestionCards';
import type { RowActions } from './useRowActions';

interface Props {
  readonly doc: Y.Doc;
  readonly info: RowInfo;
  /** The row after it (what a merge joins it with). */
  readonly next: RowInfo | null;
  /** The row being worked on: its card shows everything about it; another row's card only what is open. */
  readonly isCurrent: boolean;
  readonly threads: readonly Thread[];
  readonly objections: readonly Objection[];
  readonly suggestions: readonly Suggestion[];
  /** Words are selected in this row: the "Comment…" button shows. */
  readonly selecting: boolean;
  /** The comment being written on words of this row, if any. */
  readonly composing: CommentTarget | null;
  readonly onStartComment: () => void;
  readonly onComposed: () => void;
  readonly rowActions: RowActions;
  readonly canEditRows: boolean;
  readonly canComment: boolean;
  readonly canSuggest: boolean;
  readonly author: CommentAuthor;
  /** The side this person decides for; null for an observer. */
  readonly side: string | null;
  readonly sideName: (code: string) => string;
  readonly languageName: (code: string) => string;
  readonly focusSuggestion: string | null;
  /** Why the last suggestion made in this row was refused, if it was. */
  readonly suggestProblem: string | null;
  readonly onDecide: (list: readonly Suggestion[], decision: 'accept' | 'reject') => void;
  readonly onWithdraw: (s: Suggestion) => void;
  /** The editor the bracket choices act on. */
  readonly activeEditor: Editor | null;
  readonly onFocusThread: (id: string | null) => void;
  readonly onGoTo: (info: RowInfo) => void;
  /** More about the current row, from the page. */
  readonly extras?: ReactNode;
}

/** A row's card in the rail: its tools and status, its suggestions, objections and comment threads. */
export function RowCard(props: Props) {
  const { doc, info, isCurrent, threads, objections, composing, rowActions, author, languageName, canEditRows } = props;
  const { t } = useI18n();
  const n = String(info.index + 1);
  const open = threads.filter((th) => th.status === 'open');
  return (
    <section className={isCurrent ? 'row-card current' : 'row-card'} aria-label={t('rowTools', { n })} data-row={info.row.key}>
      {props.selecting && (
        <button
          type="button"
          className="comment-button"
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onStartComment}
          aria-keyshortcuts="Control+Alt+M"
        >
          {t('commentEllipsis')}
        </button>
      )}
      {composing && <SelectionCommentForm doc={doc} target={composing} author={author} onDone={props.onComposed} />}
      {isCurrent ? (
        <RowPanel
          info={info}
          next={props.next}
          canEdit={canEditRows}
          languageName={languageName}
          onStatus={(status) => rowActions.setStatus(info, status)}
          onConfirm={() => rowActions.confirm(info)}
          onMerge={() => rowActions.mergeWithNext(info, props.next!)}
          onSplit={() => rowActions.split(info)}
          onRelease={() => rowActions.release(info)}
        />
      ) : (
        <button type="button" className="card-row-link" onClick={() => props.onGoTo(info)}>
          {t('row', { n })}
        </button>
      )}
      {rowActions.confirmingAgree === info.row.key && (
        <div className="confirm-agree" role="alertdialog" aria-label={t('confirmAgreeOpen', { n })}>
          <p>{t('confirmAgreeOpen', { n })}</p>
          <button type="button" className="danger" onClick={() => rowActions.setStatus(info, 'agreed', true)}>
            {t('agreeAnyway')}
          </button>
          <button type="button" onClick={rowActions.cancelAgree}>
            {t('cancel')}
          </button>
        </div>
      )}
      {isCurrent && props.canSuggest && info.state.status === 'agreed' && (
        <p className="agreed-notice" role="status" data-agreed-notice={info.row.key}>
          {t('agreedRowNotice')}
        </p>
      )}
      {props.suggestProblem !== null && (
        <p className="suggestion-problem" role="status" title={props.suggestProblem}>
          {t('suggestionNotMade')}
        </p>
      )}
      <SuggestionCards
        suggestions={props.suggestions}
        side={props.side}
        author={author}
        sideName={props.sideName}
        focused={props.focusSuggestion}
        history={isCurrent}
        onVote={(s, decision) => props.onDecide([s], decision)}
        onWithdraw={props.onWithdraw}
        onAcceptAll={(_, list) => props.onDecide(list, 'accept')}
      />
      {isCurrent && <BracketChoices editor={props.activeEditor} />}
      <StaleDiff info={info} languageName={languageName} onConfirmAgain={canEditRows ? () => rowActions.confirm(info) : null} />
      {objections.length > 0 && (
        <ul className="row-objections" aria-label={t('objectionsHeading')}>
          {objections.map((o, i) => (
            <li key={i} data-objection-delegation={o.delegation}>
              ⚑ {t('objectionLine', { delegation: delegationName(o.delegation, languageName, t), name: o.name, reason: o.text })}
            </li>
          ))}
        </ul>
      )}
      <ThreadList
        doc={doc}
        threads={isCurrent ? threads : open}
        author={author}
        canComment={props.canComment}
        languageName={languageName}
        onFocusThread={props.onFocusThread}
      />
      {isCurrent && props.canComment && <RowCommentForm doc={doc} pids={Object.values(info.row.cells).flat()} author={author} />}
      {isCurrent && props.extras}
    </section>
  );
}

function delegationName(delegation: string, languageName: (code: string) => string, t: (key: MessageKey, params?: Record<string, string>) => string): string {
  return delegation === 'secretariat'
    ? t('secretariat')
    : delegation === 'observer'
      ? t('observer')
      : t('delegationOf', { language: languageName(delegation) });
}
