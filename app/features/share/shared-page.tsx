import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { SharedRender, SharedView } from '../../../shared/api/share-links.ts';
import { listScenes, projectMap, readScene } from '../../../shared/project-doc.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatDuration } from '../import/import-dialog.tsx';
import { ChapterList, RenderVideo } from '../renders/render-player.tsx';
import { sortedChapters } from '../theatre/playback.ts';
import { parseSharedHash, type LinkEnd } from './shared-link.ts';
import { useSharedLive } from './use-shared-live.ts';
import { SharedComments } from './shared-comments.tsx';

/** What a read-only scene card shows. */
interface SharedScene {
  id: string;
  title: string;
  narration: string;
  durationSec: number | null;
}

/** The scenes and title of the live document once it has content, else of the page's snapshot. */
function readLive(doc: Y.Doc | null, view: SharedView): { title: string; scenes: SharedScene[] } {
  const fromView = {
    title: view.project.title,
    scenes: (view.timeline?.scenes ?? []).map((s) => ({
      id: s.id,
      title: s.title,
      narration: s.narration,
      durationSec: s.durationSec,
    })),
  };
  if (!doc || !projectMap(doc).has('schemaVersion')) return fromView;
  const title = projectMap(doc).get('title');
  return {
    title: typeof title === 'string' ? title : fromView.title,
    scenes: listScenes(doc).map((ref) => {
      const scene = readScene(ref);
      return {
        id: scene.id,
        title: typeof scene.title === 'string' ? scene.title : '',
        narration: scene.narration,
        durationSec: typeof scene.durationSec === 'number' ? scene.durationSec : null,
      };
    }),
  };
}

/**
 * The page a preview link opens (/s/:token), no account needed: the video
 * with captions and chapters, and the scenes read-only and live. When the
 * link is revoked or expires, it says so at once.
 */
export function SharedPage({ token, view }: { token: string; view: SharedView }) {
  const { t } = useI18n();
  const live = useSharedLive(token);
  // `version` changes on every update of the live document: read it again then.
  const { title, scenes } = useMemo(
    () => readLive(live.doc, view),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live.doc, live.version, view],
  );
  const video = useRef<HTMLVideoElement>(null);
  const [marked, setMarked] = useState<string | null>(null);
  useHashTargets(video, scenes, setMarked);

  if (live.ended) return <LinkUnavailable reason={live.ended} />;
  const render = view.render;
  const seek = (sec: number) => {
    if (video.current) video.current.currentTime = sec;
  };

  return (
    <div className="shared-page" data-testid="shared-page" data-live={live.status}>
      <header className="shared-head">
        <p className="shared-kicker">{t('shared.preview')}</p>
        <h1 data-testid="shared-title">{title}</h1>
      </header>
      <div className="shared-layout">
        <div className="shared-main">
          {render ? (
            <SharedPlayer
              render={render}
              title={title}
              language={view.project.settings?.language ?? 'en'}
              videoRef={video}
            />
          ) : (
            <p className="panel muted" data-testid="shared-no-render">
              {t('shared.noRender')}
            </p>
          )}
          <SceneList
            scenes={scenes}
            render={render}
            marked={marked}
            status={live.status}
            onPlay={seek}
          />
        </div>
        {view.link.allowComments ? (
          <SharedComments
            token={token}
            projectId={view.project.id}
            scenes={scenes}
            marked={marked}
            live={live.relay}
          />
        ) : null}
      </div>
    </div>
  );
}

/** `#t=` seeks the video once it can; `#scene=` scrolls to and marks that scene. */
function useHashTargets(
  video: RefObject<HTMLVideoElement>,
  scenes: readonly SharedScene[],
  mark: (id: string | null) => void,
) {
  const [hash, setHash] = useState('');
  useEffect(() => {
    const read = () => setHash(window.location.hash);
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  const { t: time, scene } = parseSharedHash(hash);
  const hasScene = scene !== null && scenes.some((s) => s.id === scene);
  useEffect(() => {
    const element = video.current;
    if (time === null || !element) return;
    const seek = () => {
      element.currentTime = time;
    };
    // The metadata may have loaded before the page was hydrated.
    if (element.readyState >= HTMLMediaElement.HAVE_METADATA) return seek();
    element.addEventListener('loadedmetadata', seek, { once: true });
    return () => element.removeEventListener('loadedmetadata', seek);
  }, [time, video]);
  useEffect(() => {
    mark(hasScene ? scene : null);
    if (!hasScene) return;
    const card = document.querySelector<HTMLElement>(`[data-scene-id="${CSS.escape(scene)}"]`);
    card?.scrollIntoView({ block: 'center' });
    card?.focus({ preventScroll: true });
  }, [scene, hasScene, mark]);
}

function SharedPlayer(props: {
  render: SharedRender;
  title: string;
  language: string;
  videoRef: RefObject<HTMLVideoElement>;
}) {
  const { t } = useI18n();
  const { output } = props.render;
  const [time, setTime] = useState(0);
  const chapters = useMemo(() => sortedChapters(output.chapters), [output.chapters]);
  const seek = (sec: number) => {
    const element = props.videoRef.current;
    if (!element) return;
    element.currentTime = sec;
    setTime(sec);
  };
  return (
    <section className="shared-player" aria-label={t('shared.video', { title: props.title })}>
      <RenderVideo
        videoRef={props.videoRef}
        output={output}
        language={props.language}
        label={t('shared.video', { title: props.title })}
        className="shared-video"
        testId="shared-video"
        onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        onSeeked={(event) => setTime(event.currentTarget.currentTime)}
      />
      <ChapterList chapters={chapters} timeSec={time} onSeek={seek} />
    </section>
  );
}

function SceneList(props: {
  scenes: readonly SharedScene[];
  render: SharedRender | null;
  marked: string | null;
  status: 'connecting' | 'live';
  onPlay(sec: number): void;
}) {
  const { t } = useI18n();
  const output = props.render?.output;
  return (
    <section className="shared-scenes" aria-labelledby="shared-scenes-heading">
      <div className="shared-scenes-head">
        <h2 id="shared-scenes-heading">{t('shared.scenes')}</h2>
        <span
          className={`shared-live-badge ${props.status === 'live' ? 'is-live' : ''}`}
          data-testid="shared-live"
          title={t('shared.liveHint')}
        >
          {props.status === 'live' ? t('shared.live') : t('shared.connecting')}
        </span>
      </div>
      {props.scenes.length === 0 ? <p className="muted">{t('shared.empty')}</p> : null}
      <ol className="shared-scene-list">
        {props.scenes.map((scene, index) => {
          const n = index + 1;
          const thumbnail = output?.thumbnails.find((th) => th.sceneId === scene.id);
          const chapter = output?.chapters.find((c) => c.sceneId === scene.id);
          return (
            <li
              key={scene.id}
              className="shared-scene"
              data-testid="shared-scene"
              data-scene-id={scene.id}
              aria-current={props.marked === scene.id ? 'true' : undefined}
              tabIndex={-1}
            >
              {thumbnail ? (
                <img
                  className="shared-thumb"
                  src={thumbnail.url}
                  alt={t('shared.thumbnailAlt', { n })}
                  loading="lazy"
                />
              ) : (
                <div className="shared-thumb shared-thumb-empty" aria-hidden />
              )}
              <div className="shared-scene-body">
                <h3 className="shared-scene-title" data-testid="shared-scene-title">
                  <span className="muted">{t('shared.sceneN', { n })} · </span>
                  {scene.title.trim() || t('shared.untitledScene')}
                </h3>
                <p className="shared-narration">{scene.narration || t('shared.noNarration')}</p>
                <p className="muted">
                  {scene.durationSec
                    ? t('shared.duration', { duration: formatDuration(scene.durationSec) })
                    : t('shared.autoDuration')}
                </p>
                {chapter ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => props.onPlay(chapter.startSec)}
                  >
                    {t('shared.playScene', { n })}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Shown for an unknown, revoked or expired link, and as soon as an open one ends. */
export function LinkUnavailable({ reason }: { reason: LinkEnd }) {
  const { t } = useI18n();
  return (
    <section
      className="panel narrow shared-unavailable"
      data-testid="shared-unavailable"
      role="alert"
    >
      <h1>{t('shared.unavailableTitle')}</h1>
      <p>{t(`shared.unavailable.${reason}`)}</p>
    </section>
  );
}
