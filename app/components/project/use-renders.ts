import { useEffect, useState, useSyncExternalStore } from 'react';
import type { CollabSession } from '../../collab/collab-session.ts';
import { apiCall } from '../../lib/api.ts';
import { RenderFeed, renderFromMessage, type RenderRecord } from '../../lib/render-feed.ts';

/**
 * The project's renders, live: the list the page was loaded with, the list
 * again whenever the live connection (re)syncs (updates may have been missed
 * while it was down), and every update the server relays on the project
 * document in between. Nothing polls.
 */
export function useRenders(
  session: CollabSession,
  projectId: string,
  initial: readonly RenderRecord[],
): { renders: readonly RenderRecord[]; feed: RenderFeed } {
  const [feed] = useState(() => new RenderFeed(initial));
  useEffect(() => {
    let alive = true;
    let latestLoad = 0;
    const load = async () => {
      const load = ++latestLoad;
      const mark = feed.mark();
      const res = await apiCall<{ renders: RenderRecord[] }>(
        'GET',
        `/projects/${encodeURIComponent(projectId)}/renders`,
      );
      // Only the latest load counts: an earlier one may answer last.
      if (alive && load === latestLoad && res.ok) feed.replace(res.data.renders, mark);
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
  }, [session, projectId, feed]);
  const renders = useSyncExternalStore(feed.subscribe, feed.getSnapshot, feed.getSnapshot);
  return { renders, feed };
}
