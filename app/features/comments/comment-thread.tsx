import { useState, type ReactNode } from 'react';
import type { CommentRecord } from '../../../shared/api/comments.ts';
import type { Mentionable } from '../../../shared/comments/mentions.ts';
import { useI18n } from '../../i18n/index.ts';
import type { ApiFailure } from '../../lib/api.ts';
import { CommentComposer } from './comment-composer.tsx';

/** What the viewer of a thread may do; a guest on a preview link gets `post` only. */
export interface ThreadPermissions {
  selfId: string | null;
  canResolve: boolean;
  canDeleteAny: boolean;
}

export interface CommentThreadProps {
  /** The scene's comments, top comments and their replies, in any order. */
  comments: readonly CommentRecord[];
  members: readonly Mentionable[];
  permissions: ThreadPermissions;
  /** Writes a comment (a reply with parentId); `name` is the guest's name when askName is set. */
  post(body: string, parentId: string | undefined, name: string): Promise<ApiFailure | null>;
  resolve?(id: string, resolved: boolean): Promise<ApiFailure | null>;
  edit?(id: string, body: string): Promise<ApiFailure | null>;
  remove?(id: string): Promise<ApiFailure | null>;
  /** A guest reviewer: every composer asks their name. */
  askName?: boolean;
  /** The comment to scroll to and highlight (a notification's target). */
  highlightId?: string | null;
  /** Shown above the new-comment box (the render time a new comment will be about). */
  composerNote?: ReactNode;
}

/**
 * One scene's comments: open threads first, then resolved ones (folded),
 * each with its replies, and a box for a new comment. Every text is shown as
 * text (React escapes it): no markup is ever interpreted. Runs for members
 * and, with `askName` and `post` alone, for a guest on a preview link.
 */
export function CommentThread(props: CommentThreadProps) {
  const { t } = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  const tops = props.comments
    .filter((c) => !c.parentId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const repliesOf = (id: string) =>
    props.comments
      .filter((c) => c.parentId === id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const open = tops.filter((c) => !c.resolved);
  const resolved = tops.filter((c) => c.resolved);
  const shown = showResolved ? [...open, ...resolved] : open;
  return (
    <div className="comment-thread" data-testid="comment-thread">
      {shown.length === 0 ? <p className="muted">{t('comments.empty')}</p> : null}
      <ol className="comment-list" aria-label={t('comments.thread')}>
        {shown.map((top) => (
          <li key={top.id} className="comment-top" data-resolved={top.resolved}>
            <CommentItem {...props} comment={top} />
            <ol className="comment-replies">
              {repliesOf(top.id).map((reply) => (
                <li key={reply.id}>
                  <CommentItem {...props} comment={reply} />
                </li>
              ))}
            </ol>
            {top.resolved ? null : <ReplyBox {...props} parentId={top.id} />}
          </li>
        ))}
      </ol>
      {resolved.length ? (
        <button
          type="button"
          className="btn btn-quiet btn-small"
          aria-expanded={showResolved}
          data-testid="toggle-resolved"
          onClick={() => setShowResolved((v) => !v)}
        >
          {showResolved
            ? t('comments.hideResolved')
            : t('comments.showResolved', { count: resolved.length })}
        </button>
      ) : null}
      {props.composerNote}
      <CommentComposer
        members={props.members}
        placeholder={t(props.members.length ? 'comments.placeholder' : 'comments.placeholderPlain')}
        submitLabel={t('comments.post')}
        askName={props.askName ?? false}
        onSubmit={(body, name) => props.post(body, undefined, name)}
      />
    </div>
  );
}

function ReplyBox(props: CommentThreadProps & { parentId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-quiet btn-small comment-reply-button"
        data-testid="comment-reply"
        onClick={() => setOpen(true)}
      >
        {t('comments.reply')}
      </button>
    );
  }
  return (
    <CommentComposer
      members={props.members}
      placeholder={t('comments.replyPlaceholder')}
      submitLabel={t('comments.reply')}
      askName={props.askName ?? false}
      autoFocus
      testId="reply-composer"
      onCancel={() => setOpen(false)}
      onSubmit={async (body, name) => {
        const failure = await props.post(body, props.parentId, name);
        if (!failure) setOpen(false);
        return failure;
      }}
    />
  );
}

function CommentItem(props: CommentThreadProps & { comment: CommentRecord }) {
  const { t, relativeTime, duration, sent } = useI18n();
  const { comment, permissions } = props;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine =
    comment.author.kind === 'member' &&
    permissions.selfId !== null &&
    comment.author.userId === permissions.selfId;
  const run = async (work: Promise<ApiFailure | null> | undefined) => {
    const failure = await work;
    setError(failure ? t('comments.failed', { reason: sent(failure) }) : null);
  };
  return (
    <article
      className="comment"
      data-testid="comment"
      data-comment-id={comment.id}
      data-highlighted={props.highlightId === comment.id || undefined}
    >
      <header className="comment-head">
        <span className="comment-author" data-testid="comment-author">
          {comment.author.name}
        </span>
        {comment.author.kind === 'guest' ? (
          <span className="badge">{t('comments.guest')}</span>
        ) : null}
        <time className="comment-time" dateTime={comment.createdAt}>
          {relativeTime(comment.createdAt)}
        </time>
        {comment.editedAt ? <span className="comment-edited">{t('comments.edited')}</span> : null}
        {comment.resolved ? (
          <span className="badge comment-resolved" data-testid="comment-resolved">
            {t('comments.resolved')}
          </span>
        ) : null}
      </header>
      {comment.atSec !== null ? (
        <p className="comment-at">{t('comments.atTime', { time: duration(comment.atSec) })}</p>
      ) : null}
      {editing && props.edit ? (
        <CommentComposer
          members={props.members}
          placeholder={t(
            props.members.length ? 'comments.placeholder' : 'comments.placeholderPlain',
          )}
          submitLabel={t('comments.save')}
          initial={comment.body}
          autoFocus
          testId="edit-composer"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const failure = await props.edit!(comment.id, body);
            if (!failure) setEditing(false);
            return failure;
          }}
        />
      ) : (
        <p className="comment-body" data-testid="comment-body">
          {comment.body}
        </p>
      )}
      <div className="comment-actions">
        {!comment.parentId && permissions.canResolve && props.resolve ? (
          <button
            type="button"
            className="btn btn-quiet btn-small"
            data-testid={comment.resolved ? 'comment-reopen' : 'comment-resolve'}
            onClick={() => void run(props.resolve?.(comment.id, !comment.resolved))}
          >
            {comment.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        ) : null}
        {mine && props.edit && !editing ? (
          <button
            type="button"
            className="btn btn-quiet btn-small"
            data-testid="comment-edit"
            onClick={() => setEditing(true)}
          >
            {t('comments.edit')}
          </button>
        ) : null}
        {(mine || permissions.canDeleteAny) && props.remove ? (
          <button
            type="button"
            className="btn btn-quiet btn-small btn-danger-text"
            data-testid="comment-delete"
            onClick={() => void run(props.remove?.(comment.id))}
          >
            {t('comments.delete')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
