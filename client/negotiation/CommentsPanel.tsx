import { useState } from 'react';
import type * as Y from 'yjs';
import type { CommentAuthor, TextPoint, Thread } from '../../shared/negotiation/commentModel';
import { addRangeComment, addRowComment, reopen, reply, resolve } from '../../shared/negotiation/comments';
import { useI18n } from '../i18n/i18n';

export const COMMENT_ORIGIN = Symbol('comment');

export const newCommentId = (): string => {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/** Words selected in one column, to comment on. */
export interface CommentTarget {
  readonly lang: string;
  readonly from: TextPoint;
  readonly to: TextPoint;
  readonly rowPids: readonly string[];
}

interface ThreadsProps {
  readonly doc: Y.Doc;
  readonly threads: readonly Thread[];
  readonly author: CommentAuthor;
  readonly canComment: boolean;
  readonly languageName: (code: string) => string;
  /** The thread whose words are highlighted strongest. */
  readonly onFocusThread?: (id: string | null) => void;
}

/** A row's threads (on the row, or on words in it), with replies, resolve and reopen. */
export function ThreadList({ doc, threads, author, canComment, languageName, onFocusThread }: ThreadsProps) {
  const { t, lang: uiLang, partyName } = useI18n();
  const [replies, setReplies] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const when = (at: number) => new Intl.DateTimeFormat(uiLang, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
  const done = (r: { ok: boolean; reason?: string }) => {
    setError(r.ok ? null : (r.reason ?? 'refused'));
    return r.ok;
  };
  if (threads.length === 0) return null;
  return (
    <>
      <ul className="threads">
        {threads.map((thread) => (
          <li
            key={thread.id}
            className="thread"
            data-status={thread.status}
            data-thread={thread.id}
            onFocus={() => onFocusThread?.(thread.id)}
            onMouseEnter={() => onFocusThread?.(thread.id)}
            onMouseLeave={() => onFocusThread?.(null)}
          >
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
                    if (done(reply(doc, thread.id, { id: newCommentId(), author, text: replies[thread.id] ?? '', at: Date.now(), origin: COMMENT_ORIGIN }))) {
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
      {error && <p role="alert">{error}</p>}
    </>
  );
}

/** A comment on the whole row the caret is in. */
export function RowCommentForm({ doc, pids, author }: { doc: Y.Doc; pids: readonly string[]; author: CommentAuthor }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    const r = addRowComment(doc, { id: newCommentId(), pids, author, text, at: Date.now(), origin: COMMENT_ORIGIN });
    setError(r.ok ? null : r.reason);
    if (r.ok) setText('');
  };
  return (
    <div className="new-comment">
      <input aria-label={t('commentText')} placeholder={t('commentText')} value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} />
      <button type="button" disabled={!text.trim()} onClick={send}>
        {t('commentRow')}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

/** The box that opens from "Comment…" on selected words: the comment is anchored to those words. */
export function SelectionCommentForm({ doc, target, author, onDone }: { doc: Y.Doc; target: CommentTarget; author: CommentAuthor; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    const r = addRangeComment(doc, {
      id: newCommentId(),
      lang: target.lang,
      from: target.from,
      to: target.to,
      author,
      text,
      at: Date.now(),
      rowPids: target.rowPids,
      origin: COMMENT_ORIGIN,
    });
    setError(r.ok ? null : r.reason);
    if (r.ok) onDone();
  };
  return (
    <form
      className="selection-comment"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) send();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <textarea
        aria-label={t('commentEllipsis')}
        placeholder={t('commentEllipsis')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={5000}
        rows={3}
        // biome-ignore lint/a11y/noAutofocus: the box opens on the person's own "Comment…" and is where they mean to type
        autoFocus
      />
      <span className="form-buttons">
        <button type="submit" disabled={!text.trim()}>
          {t('postComment')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </span>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
