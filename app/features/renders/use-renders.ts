import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CollabSession } from '../../collab/collab-session.ts';
import { apiCall } from '../../lib/api.ts';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import { RenderFeed, renderFromMessage } from '../../lib/render-feed.ts';

interface RenderPage {
  renders: RenderRecord[];
  nextBefore: string | null;
}

/** "Load more" of the render list: whether there is more, and how to get it. */
export interface MoreRenders {
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  load(): void;
}

/**
 * The project's renders, live: the first page the page was loaded with, the
 * first page again whenever the live connection (re)syncs (updates may have
 * been missed while it was down), every update the server relays on the
 * project document in between, and older pages on demand ("Load more").
 * Nothing polls.
 */
export function useRenders(
  session: CollabSession,
  projectId: string,
  initial: readonly RenderRecord[],
  initialNextBefore: string | null = null,
): { renders: readonly RenderRecord[]; feed: RenderFeed; more: MoreRenders } {
  const [feed] = useState(() => new RenderFeed(initial));
  const [nextBefore, setNextBefore] = useState(initialNextBefore);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  /** Whether older pages were loaded: a reload of the first page must not forget them. */
  const olderLoaded = useRef(false);
  const rendersUrl = `/projects/${encodeURIComponent(projectId)}/renders`;

  useEffect(() => {
    let alive = true;
    let latestLoad = 0;
    const load = async () => {
      const load = ++latestLoad;
      const mark = feed.mark();
      const res = await apiCall<RenderPage>('GET', rendersUrl);
      // Only the latest load counts: an earlier one may answer last.
      if (!(alive && load === latestLoad && res.ok)) return;
      const hasMore = res.data.nextBefore !== null;
      feed.replace(res.data.renders, mark, hasMore && olderLoaded.current);
      if (!olderLoaded.current) setNextBefore(res.data.nextBefore);
    };
    const offMessage = session.onStateless((payload) => {
      const render = renderFromMessage(payload, projectId);
      if (render) feed.live(render);
    });
    const offResync = session.onResync(() => void load());
    // Updates sent between the page load and this subscription would be lost otherwise.
    void load();
    return () => {
      alive = false;
      offMessage();
      offResync();
    };
  }, [session, projectId, feed, rendersUrl]);

  const loadMore = useCallback(() => {
    if (!nextBefore || loading) return;
    setLoading(true);
    setFailed(false);
    const mark = feed.mark();
    void apiCall<RenderPage>('GET', `${rendersUrl}?before=${encodeURIComponent(nextBefore)}`).then(
      (res) => {
        setLoading(false);
        if (!res.ok) {
          setFailed(true);
          return;
        }
        olderLoaded.current = true;
        feed.older(res.data.renders, mark);
        setNextBefore(res.data.nextBefore);
      },
    );
  }, [nextBefore, loading, feed, rendersUrl]);

  const renders = useSyncExternalStore(feed.subscribe, feed.getSnapshot, feed.getSnapshot);
  return { renders, feed, more: { hasMore: nextBefore !== null, loading, failed, load: loadMore } };
}
