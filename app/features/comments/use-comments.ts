import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyCommentMessage,
  commentMessageOf,
  openCountsByScene,
  type CommentRecord,
} from '../../../shared/api/comments.ts';
import type { Mentionable } from '../../../shared/comments/mentions.ts';
import type { CollabSession } from '../../collab/collab-session.ts';
import { apiCall, type ApiFailure } from '../../lib/api.ts';

/** A time in one of the project's renders that a comment is about. */
export interface CommentTime {
  renderId: string;
  atSec: number;
}

/** What the thread's buttons do; each answers null or the refusal to show. */
export interface CommentActions {
  post(
    body: string,
    sceneId: string,
    parentId?: string,
    at?: CommentTime | null,
  ): Promise<ApiFailure | null>;
  resolve(id: string, resolved: boolean): Promise<ApiFailure | null>;
  edit(id: string, body: string): Promise<ApiFailure | null>;
  remove(id: string): Promise<ApiFailure | null>;
}

/** Where a comment feed hears of changes: the project document's relayed messages and its resyncs. */
export interface CommentFeedSource {
  onStateless(listener: (payload: string) => void): () => void;
  onResync(listener: () => void): () => void;
}

/**
 * A project's comments, live, for a member (the project's live session) or a
 * preview link (its read-only connection): `load` on start and again on
 * every resync (messages may have been missed meanwhile), the comment
 * messages relayed on the document applied in between. `load` answers null
 * when the list could not be read. Nothing polls.
 */
export function useCommentFeed(
  projectId: string,
  source: CommentFeedSource,
  load: () => Promise<CommentRecord[] | null>,
) {
  const [comments, setComments] = useState<CommentRecord[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    const reload = async () => {
      const list = await load();
      if (!alive) return;
      if (list) setComments(list);
      setFailed(!list);
    };
    const offMessage = source.onStateless((payload) => {
      const message = commentMessageOf(payload, projectId);
      if (message) setComments((list) => applyCommentMessage(list ?? [], message));
    });
    const offResync = source.onResync(() => void reload());
    void reload();
    return () => {
      alive = false;
      offMessage();
      offResync();
    };
  }, [projectId, source, load]);

  /** A comment this page wrote (or changed), shown before its message comes back. */
  const apply = useCallback((comment: CommentRecord) => {
    setComments((list) => applyCommentMessage(list ?? [], { type: 'comment', comment }));
  }, []);
  return { comments, failed, setComments, apply };
}

/**
 * The project's comments, live: loaded once and again on every resync
 * (messages may have been missed while offline), then kept up to date by
 * the comment messages the server relays on the project document, as
 * renders are (use-renders.ts). Nothing polls.
 */
export function useComments(session: CollabSession, projectId: string) {
  const [members, setMembers] = useState<Mentionable[]>([]);
  const base = `/projects/${encodeURIComponent(projectId)}`;
  const load = useCallback(async () => {
    const [list, people] = await Promise.all([
      apiCall<{ comments: CommentRecord[] }>('GET', `${base}/comments`),
      apiCall<{ members: Mentionable[] }>('GET', `${base}/members`),
    ]);
    if (people.ok) setMembers(people.data.members);
    return list.ok ? list.data.comments : null;
  }, [base]);
  const { comments, failed, setComments, apply } = useCommentFeed(projectId, session, load);

  const actions: CommentActions = useMemo(() => {
    const patch = async (id: string, change: { resolved: boolean } | { body: string }) => {
      const res = await apiCall<{ comment: CommentRecord }>(
        'PATCH',
        `/comments/${encodeURIComponent(id)}`,
        change,
      );
      if (!res.ok) return res.error;
      apply(res.data.comment);
      return null;
    };
    return {
      async post(body, sceneId, parentId, at) {
        const res = await apiCall<{ comment: CommentRecord }>('POST', `${base}/comments`, {
          sceneId,
          body,
          ...(parentId ? { parentId } : {}),
          ...(at ? { renderId: at.renderId, atSec: at.atSec } : {}),
        });
        if (!res.ok) return res.error;
        apply(res.data.comment);
        return null;
      },
      resolve: (id, resolved) => patch(id, { resolved }),
      edit: (id, body) => patch(id, { body }),
      async remove(id) {
        const res = await apiCall('DELETE', `/comments/${encodeURIComponent(id)}`);
        if (!res.ok) return res.error;
        setComments((list) => (list ?? []).filter((c) => c.id !== id && c.parentId !== id));
        return null;
      },
    };
  }, [base, apply]);

  const counts = useMemo(() => openCountsByScene(comments ?? []), [comments]);
  return { comments, failed, members, actions, counts };
}
