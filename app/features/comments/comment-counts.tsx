import { createContext, useContext } from 'react';
import { useI18n } from '../../i18n/index.ts';

/** Open comments per scene, and how to open a scene's comments (given by the editor). */
export interface CommentCounts {
  counts: ReadonlyMap<string, number>;
  open(sceneId: string): void;
}

export const CommentCountsContext = createContext<CommentCounts | null>(null);

/**
 * A scene card's comments button: the open count, and a way in to the
 * scene's thread (keyboard included). Nothing outside the editor.
 */
export function SceneCommentsButton({ sceneId, n }: { sceneId: string; n: number }) {
  const context = useContext(CommentCountsContext);
  const { t } = useI18n();
  if (!context) return null;
  const count = context.counts.get(sceneId) ?? 0;
  return (
    <button
      type="button"
      className="comment-count-button"
      data-testid="scene-comment-count"
      data-count={count}
      aria-label={t('comments.openOnScene', { n, count })}
      title={t('comments.openOnScene', { n, count })}
      onClick={() => context.open(sceneId)}
    >
      <CommentIcon />
      {count ? <span className="comment-count">{count}</span> : null}
    </button>
  );
}

/** A timeline block's count of open comments (the block itself is the keyboard stop). */
export function BlockCommentCount({ sceneId }: { sceneId: string }) {
  const context = useContext(CommentCountsContext);
  const { plural } = useI18n();
  const count = context?.counts.get(sceneId) ?? 0;
  if (!count) return null;
  return (
    <span
      className="tl-block-comments"
      data-testid="block-comment-count"
      data-count={count}
      title={plural('comments.count', count)}
    >
      <CommentIcon />
      {count}
    </span>
  );
}

function CommentIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden focusable="false">
      <path
        d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-4.4 3.5A.5.5 0 0 1 4 20.1V17a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z"
        fill="currentColor"
      />
    </svg>
  );
}
