import { useCallback, useId, useMemo, useState } from 'react';
import type { CommentRecord } from '../../../shared/api/comments.ts';
import { useI18n } from '../../i18n/index.ts';
import { apiCall, type ApiFailure } from '../../lib/api.ts';
import { CommentThread } from '../comments/comment-thread.tsx';
import { SceneSelect, type SceneOption } from '../comments/comments-panel.tsx';
import { useCommentFeed, type CommentFeedSource } from '../comments/use-comments.ts';

/** A reviewer may post and read; resolving, editing and deleting are the team's. */
const GUEST = { selfId: null, canResolve: false, canDeleteAny: false } as const;

/** The comments through a link that allows them; a reviewer posts under a name. */
function useLinkComments(token: string, projectId: string, live: CommentFeedSource) {
  const base = `/shared/${encodeURIComponent(token)}/comments`;
  const load = useCallback(async () => {
    const res = await apiCall<{ comments: CommentRecord[] }>('GET', base);
    return res.ok ? res.data.comments : null;
  }, [base]);
  const { comments, failed, apply } = useCommentFeed(projectId, live, load);

  const post = async (
    sceneId: string,
    body: string,
    parentId: string | undefined,
    authorName: string,
  ): Promise<ApiFailure | null> => {
    const res = await apiCall<{ comment: CommentRecord }>('POST', base, {
      sceneId,
      body,
      authorName,
      ...(parentId ? { parentId } : {}),
    });
    if (!res.ok) return res.error;
    apply(res.data.comment);
    return null;
  };
  return { comments, failed, post };
}

/**
 * The comments column of the shared page, for a link that allows comments:
 * a scene's threads (read, reply) and a box for a new comment under the
 * name the reviewer gives. Everything is plain text.
 */
export function SharedComments(props: {
  token: string;
  projectId: string;
  scenes: readonly SceneOption[];
  /** The scene marked on the page (`#scene=`), shown first. */
  marked: string | null;
  live: CommentFeedSource;
}) {
  const { t } = useI18n();
  const id = useId();
  const { comments, failed, post } = useLinkComments(props.token, props.projectId, props.live);
  const [chosen, setChosen] = useState<string | null>(null);
  const sceneId = chosen ?? props.marked ?? props.scenes[0]?.id ?? null;
  const shown = useMemo(
    () => (comments ?? []).filter((c) => c.sceneId === sceneId),
    [comments, sceneId],
  );
  return (
    <aside
      className="shared-comments comments-panel"
      data-testid="shared-comments"
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`} className="panel-heading">
        {t('comments.heading')}
      </h2>
      <p className="muted">{t('shared.commentsHint')}</p>
      {props.scenes.length === 0 ? (
        <p className="muted">{t('shared.empty')}</p>
      ) : (
        <>
          <SceneSelect scenes={props.scenes} sceneId={sceneId} onChange={setChosen} />
          {failed ? (
            <p className="form-error" role="alert">
              {t('comments.loadFailed')}
            </p>
          ) : comments === null ? (
            <p className="muted">{t('comments.loading')}</p>
          ) : sceneId ? (
            <CommentThread
              key={sceneId}
              comments={shown}
              members={[]}
              permissions={GUEST}
              askName
              post={(body, parentId, name) => post(sceneId, body, parentId, name)}
            />
          ) : null}
        </>
      )}
    </aside>
  );
}
