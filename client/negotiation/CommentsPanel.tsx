import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import type { Row } from '../../shared/model/rows';
import { COMMENTS_MAP, addRangeComment, addRowComment, readThreads, reopen, reply, resolve, threadsByRow, type CommentAuthor, type Thread } from '../../shared/negotiation/comments';
import { useI18n } from '../i18n/i18n';

const COMMENT_ORIGIN = Symbol('comment');

const newId = (): string => {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
};

interface Props {
  readonly doc: Y.Doc;
  readonly row: Row;
  readonly rows: readonly Row[];
  readonly author: CommentAuthor;
  readonly canComment: boolean;
  /** The editor with the caret, for comments on a selection. */
  readonly editor: Editor | null;
  readonly languageName: (code: string) => string;
}

/** The threads on the caret's row (on the row, or on text in it), with replies, resolve and reopen. */
export function CommentsPanel({ doc, row, rows, author, canComment, editor, languageName }: Props) {
  const { t, lang: uiLang, partyName } = useI18n();
  const [, setVersion] = useState(0);
  const [text, setText] = useState('');
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const map = doc.getMap(COMMENTS_MAP);
    map.observeDeep(bump);
    return () => map.unobserveDeep(bump);
  }, [doc]);
  const threads: Thread[] = threadsByRow(readThreads(doc), rows).get(row.key) ?? [];
  const when = (at: number) => new Intl.DateTimeFormat(uiLang, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
  const done = (r: { ok: boolean; reason?: string }) => {
    if (r.ok) setError(null);
    else setError(r.reason ?? 'refused');
    return r.ok;
  };

  const selection = (() => {
    if (!editor || editor.state.selection.empty) return null;
    const { $from, $to } = editor.state.selection;
    const pid = $from.parent.attrs.pid as unknown;
    if ($from.parent !== $to.parent || typeof pid !== 'string') return null;
    const lang = editor.view.dom.getAttribute('lang') ?? '';
    return { lang, from: { pid, offset: $from.parentOffset }, to: { pid, offset: $to.parentOffset } };
  })();

  const commentRow = () => {
    const pids = Object.values(row.cells).flat();
    if (done(addRowComment(doc, { id: newId(), pids, author, text, at: Date.now(), origin: COMMENT_ORIGIN }))) setText('');
  };
  const commentSelection = () => {
    if (!selection) return;
    const rowPids = Object.values(row.cells).flat();
    if (done(addRangeComment(doc, { id: newId(), ...selection, author, text, at: Date.now(), rowPids, origin: COMMENT_ORIGIN }))) setText('');
  };

  return (
    <details className="comments-panel" open={threads.length > 0}>
      <summary>{t('comments', { count: new Intl.NumberFormat(uiLang).format(threads.length) })}</summary>
      <ul className="threads">
        {threads.map((thread) => (
          <li key={thread.id} className="thread" data-status={thread.status} data-thread={thread.id}>
            {thread.anchor.kind === 'range' && (
              <blockquote lang={thread.anchor.lang}>
                {languageName(thread.anchor.lang)}: “{thread.anchor.quote}”
              </blockquote>
            )}
            {thread.anchor.kind === 'detached' && <p className="stale">{t('detachedAnchor', { quote: thread.anchor.lastQuote })}</p>}
            <ol className="messages">
              {thread.messages.map((m) => (
                <li key={m.id}>
                  <strong>{m.author.name}</strong>
                  {m.author.delegation ? ` (${partyName(m.author.delegation)})` : ''} · <time>{when(m.at)}</time>
                  <p>{m.text}</p>
                </li>
              ))}
            </ol>
            {thread.status === 'resolved' && thread.resolution && <p className="muted">✓ {t('resolvedBy', { name: thread.resolution.by.name })}</p>}
            {canComment && (
              <div className="thread-actions">
                <input
                  aria-label={t('replyText')}
                  value={replies[thread.id] ?? ''}
                  onChange={(e) => setReplies((r) => ({ ...r, [thread.id]: e.target.value }))}
                  maxLength={5000}
                />
                <button
                  type="button"
                  disabled={!(replies[thread.id] ?? '').trim()}
                  onClick={() => {
                    if (done(reply(doc, thread.id, { id: newId(), author, text: replies[thread.id] ?? '', at: Date.now(), origin: COMMENT_ORIGIN }))) {
                      setReplies((r) => ({ ...r, [thread.id]: '' }));
                    }
                  }}
                >
                  {t('sendReply')}
                </button>
                {thread.status === 'open' ? (
                  <button type="button" onClick={() => done(resolve(doc, thread.id, { by: author, at: Date.now(), origin: COMMENT_ORIGIN }))}>
                    {t('resolveThread')}
                  </button>
                ) : (
                  <button type="button" onClick={() => done(reopen(doc, thread.id, { origin: COMMENT_ORIGIN }))}>
                    {t('reopenThread')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {canComment && (
        <div className="new-comment">
          <input aria-label={t('commentText')} placeholder={t('commentText')} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />
          <button type="button" disabled={!text.trim()} onClick={commentRow}>
            {t('commentRow')}
          </button>
          <button type="button" disabled={!text.trim() || !selection} onMouseDown={(e) => e.preventDefault()} onClick={commentSelection}>
            {t('commentSelection')}
          </button>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </details>
  );
}
