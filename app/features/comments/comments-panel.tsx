import { useId } from 'react';
import type * as Y from 'yjs';
import type { CommentRecord } from '../../../shared/api/comments.ts';
import type { Mentionable } from '../../../shared/comments/mentions.ts';
import { listScenes, scenesMap } from '../../../shared/project-doc.ts';
import { useYValue } from '../../collab/use-y.ts';
import { useI18n } from '../../i18n/index.ts';
import { CommentThread, type ThreadPermissions } from './comment-thread.tsx';
import type { CommentActions, CommentTime } from './use-comments.ts';

export interface SceneOption {
  id: string;
  title: string;
}

/** Which scene's comments are shown: the scenes in order, and a deleted one still commented on. */
export function SceneSelect(props: {
  scenes: readonly SceneOption[];
  sceneId: string | null;
  onChange(sceneId: string): void;
}) {
  const { t } = useI18n();
  const { scenes, sceneId } = props;
  const known = scenes.some((s) => s.id === sceneId);
  return (
    <label className="field">
      <span>{t('comments.scene')}</span>
      <select
        value={sceneId ?? ''}
        data-testid="comments-scene"
        onChange={(event) => props.onChange(event.target.value)}
      >
        {scenes.map((scene, i) =>
          scene.title ? (
            <option key={scene.id} value={scene.id}>
              {t('comments.sceneOption', { n: i + 1, title: scene.title })}
            </option>
          ) : (
            <option key={scene.id} value={scene.id}>
              {t('comments.sceneOptionUntitled', { n: i + 1 })}
            </option>
          ),
        )}
        {sceneId && !known ? (
          <option value={sceneId}>{t('comments.deletedSceneTitle')}</option>
        ) : null}
      </select>
    </label>
  );
}

const sameOptions = (a: readonly SceneOption[], b: readonly SceneOption[]) =>
  a.length === b.length && a.every((o, i) => o.id === b[i]!.id && o.title === b[i]!.title);

/** The scenes in order with their titles (re-read when scenes change, not on typing in them). */
function useSceneOptions(doc: Y.Doc): readonly SceneOption[] {
  return useYValue(
    scenesMap(doc),
    () =>
      listScenes(doc).map((ref) => {
        const title = ref.map.get('title');
        return { id: ref.id, title: typeof title === 'string' ? title : '' };
      }),
    { deep: true, same: sameOptions },
  );
}

/**
 * The Comments side tab: pick a scene (or arrive from a scene card, a
 * timeline block or a notification), read and write its threads.
 */
export function CommentsPanel(props: {
  doc: Y.Doc;
  sceneId: string | null;
  onSceneChange(sceneId: string): void;
  comments: readonly CommentRecord[] | null;
  failed: boolean;
  members: readonly Mentionable[];
  actions: CommentActions;
  permissions: ThreadPermissions;
  highlightId: string | null;
  /** The render time a new top comment will be about (from the player), or null. */
  at: CommentTime | null;
  onClearAt(): void;
}) {
  const { t, duration } = useI18n();
  const id = useId();
  const scenes = useSceneOptions(props.doc);
  const current = scenes.find((s) => s.id === props.sceneId) ?? scenes[0] ?? null;
  const sceneId = props.sceneId ?? current?.id ?? null;
  return (
    <section className="comments-panel" data-testid="comments-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="panel-heading">
        {t('comments.heading')}
      </h2>
      {scenes.length === 0 && !sceneId ? (
        <p className="muted">{t('comments.noScenes')}</p>
      ) : (
        <>
          <SceneSelect scenes={scenes} sceneId={sceneId} onChange={props.onSceneChange} />
          {props.failed ? (
            <p className="form-error" role="alert">
              {t('comments.loadFailed')}
            </p>
          ) : props.comments === null ? (
            <p className="muted">{t('comments.loading')}</p>
          ) : sceneId ? (
            <CommentThread
              key={sceneId}
              comments={props.comments.filter((c) => c.sceneId === sceneId)}
              members={props.members}
              permissions={props.permissions}
              highlightId={props.highlightId}
              post={async (body, parentId) => {
                const at = parentId ? null : props.at;
                const failure = await props.actions.post(body, sceneId, parentId, at);
                if (!failure && at) props.onClearAt();
                return failure;
              }}
              composerNote={
                props.at ? (
                  <p className="comment-attached" data-testid="comment-attached">
                    <span>{t('comments.attachedAt', { time: duration(props.at.atSec) })}</span>
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      data-testid="comment-detach"
                      onClick={props.onClearAt}
                    >
                      {t('comments.detach')}
                    </button>
                  </p>
                ) : null
              }
              resolve={props.actions.resolve}
              edit={props.actions.edit}
              remove={props.actions.remove}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
