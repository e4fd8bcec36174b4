import {
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type RefObject,
  type VideoHTMLAttributes,
} from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import { formatDuration } from '../import/import-dialog.tsx';
import { presetName } from './render-panel.tsx';
import {
  chapterAt,
  PlaybackContext,
  playbackPoint,
  revealPlayingScene,
  sortedChapters,
  timeOfScenePoint,
} from '../theatre/playback.ts';

/** Whole seconds shown as the browser's controls show them (3.6 s → "0:03"). */
const clock = (seconds: number) => formatDuration(Math.floor(seconds));

type RenderOutput = NonNullable<RenderRecord['output']>;
type OutputChapter = RenderOutput['chapters'][number];

/** "Preview of revision 3 (1080p)": the player's name. */
export function usePlayerName(render: RenderRecord): string {
  const i18n = useI18n();
  return i18n.t('render.player', {
    n: render.revisionNumber ?? '?',
    preset: presetName(i18n, render.preset),
  });
}

/**
 * The video of a finished render with its poster and captions (native
 * controls, keyboard operable). It takes the focus when it appears, picks up
 * where the previous player of the same render was (panel ↔ theatre), and
 * publishes its position to the page's playback store, which marks the scene
 * under the playhead on the board and the timeline.
 */
export function PreviewVideo(props: {
  render: RenderRecord;
  output: RenderOutput;
  chapters: readonly OutputChapter[];
  /** The project's narration language, for the captions track. */
  language: string;
  videoRef: RefObject<HTMLVideoElement>;
  onTime(timeSec: number): void;
  style?: CSSProperties;
}) {
  const { render, output, chapters, videoRef, onTime } = props;
  const playback = useContext(PlaybackContext);
  const name = usePlayerName(render);
  const shownScene = useRef<string | null>(null);

  // Keyboard users land on the video they asked for.
  useEffect(() => {
    videoRef.current?.focus();
  }, [render.id, videoRef]);

  // Nothing is marked once this player is gone.
  useEffect(() => () => playback?.release(render.id), [playback, render.id]);

  // The timeline's ruler moves the video to the same point of the same scene.
  useEffect(
    () =>
      playback?.onSeekRequest((sceneId, fraction) => {
        const element = videoRef.current;
        const to = timeOfScenePoint(chapters, output.durationSec, sceneId, fraction);
        if (element && to !== null) element.currentTime = to;
      }),
    [playback, chapters, output.durationSec, videoRef],
  );

  const publish = (element: HTMLVideoElement) => {
    onTime(element.currentTime);
    if (!playback) return;
    const point = playbackPoint(render.id, chapters, output.durationSec, element.currentTime);
    playback.publish(point, !element.paused);
    if (point.sceneId && point.sceneId !== shownScene.current) revealPlayingScene(point.sceneId);
    shownScene.current = point.sceneId;
  };

  return (
    <RenderVideo
      key={render.id}
      videoRef={videoRef}
      output={output}
      language={props.language}
      label={name}
      className="player-video"
      testId="player-video"
      style={props.style}
      onLoadedMetadata={(event) => {
        const element = event.currentTarget;
        const resume = playback?.resumeOf(render.id);
        if (!resume) return;
        element.currentTime = resume.timeSec;
        // Playback started by a click carries on; a browser that refuses just stays paused.
        if (resume.playing) element.play().catch(() => undefined);
      }}
      onTimeUpdate={(event) => publish(event.currentTarget)}
      onSeeking={(event) => publish(event.currentTarget)}
      onSeeked={(event) => publish(event.currentTarget)}
      onPlay={(event) => publish(event.currentTarget)}
      onPause={(event) => publish(event.currentTarget)}
    />
  );
}

type VideoEvents = Pick<
  VideoHTMLAttributes<HTMLVideoElement>,
  'onLoadedMetadata' | 'onTimeUpdate' | 'onSeeking' | 'onSeeked' | 'onPlay' | 'onPause'
>;

/**
 * A finished render's video: poster, native controls (keyboard operable) and
 * the captions track on by default. The editor's players and the shared page
 * use it; each follows playback through the media events it passes.
 */
export function RenderVideo(
  props: VideoEvents & {
    output: RenderOutput;
    /** The project's narration language, for the captions track. */
    language: string;
    label: string;
    videoRef: RefObject<HTMLVideoElement>;
    className: string;
    testId: string;
    style?: CSSProperties;
  },
) {
  const { t } = useI18n();
  const { output, videoRef, language, label, className, testId, style, ...events } = props;
  return (
    <video
      ref={videoRef}
      className={className}
      data-testid={testId}
      controls
      preload="metadata"
      playsInline
      poster={output.posterUrl}
      src={output.videoUrl}
      width={output.width}
      height={output.height}
      style={style}
      aria-label={label}
      {...events}
    >
      <track
        kind="captions"
        src={output.captionsVttUrl}
        srcLang={language}
        label={t('render.captions')}
        default
      />
    </video>
  );
}

/** Chapter markers per scene that seek; the one under the playhead is current. */
export function ChapterList(props: {
  chapters: readonly OutputChapter[];
  timeSec: number;
  onSeek(startSec: number): void;
}) {
  const { t } = useI18n();
  const { chapters } = props;
  if (!chapters.length) return null;
  const current = chapterAt(chapters, props.timeSec);
  return (
    <nav className="chapters" aria-label={t('render.chapters')} data-testid="chapters">
      <h4 className="render-subhead">{t('render.chapters')}</h4>
      <ol>
        {chapters.map((chapter, index) => {
          const title = chapter.title.trim() || t('render.sceneN', { n: index + 1 });
          const at = clock(chapter.startSec);
          return (
            <li key={`${chapter.sceneId}-${chapter.startSec}`}>
              <button
                type="button"
                className="chapter"
                data-testid="chapter"
                data-start={chapter.startSec}
                data-scene-id={chapter.sceneId}
                aria-current={index === current ? 'true' : undefined}
                aria-label={t('render.chapterLabel', { title, time: at })}
                onClick={() => props.onSeek(chapter.startSec)}
              >
                <span className="chapter-time">{at}</span>
                <span className="chapter-title">{title}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The video's size, rate and length, and the files to download. */
export function PlayerFiles({ output }: { output: RenderOutput }) {
  const { t } = useI18n();
  return (
    <p className="player-info">
      <span data-testid="player-info">
        {t('render.videoInfo', {
          width: output.width,
          height: output.height,
          fps: output.fps,
          duration: clock(output.durationSec),
        })}
      </span>
      <a href={`${output.videoUrl}?download`} download data-testid="player-download-video">
        {t('render.downloadVideo')}
      </a>
      <a href={`${output.captionsVttUrl}?download`} download>
        {t('render.downloadVtt')}
      </a>
      <a href={`${output.captionsSrtUrl}?download`} download>
        {t('render.downloadSrt')}
      </a>
    </p>
  );
}

/** A player's video element, its time and its chapters in start order, with a seek. */
export function usePlayer(render: RenderRecord) {
  const video = useRef<HTMLVideoElement>(null);
  const [timeSec, setTime] = useState(0);
  const output = render.output;
  const chapters = useMemo(() => sortedChapters(output?.chapters ?? []), [output]);
  const seek = useCallback((startSec: number) => {
    const element = video.current;
    if (!element) return;
    element.currentTime = startSec;
    setTime(startSec);
  }, []);
  return { video, timeSec, setTime, chapters, seek };
}

/**
 * The small preview of a finished render in the render panel: the video,
 * chapter markers per scene that seek, the files to download, and the way
 * to the theatre.
 */
export function RenderPlayer(props: {
  render: RenderRecord;
  /** The project's narration language, for the captions track. */
  language: string;
  onTheatre(): void;
  onClose(): void;
  /** Comments on the scene playing now, at this time (review comments, issue 13). */
  onComment?(at: { atSec: number; sceneId: string | null }): void;
}) {
  const { render } = props;
  const output = render.output;
  const i18n = useI18n();
  const { t } = i18n;
  const player = usePlayer(render);
  const name = usePlayerName(render);
  const playback = useContext(PlaybackContext);

  if (!output) return null;
  // A comment is about the playhead's time to a tenth of a second.
  const commentAtSec = Math.round(player.timeSec * 10) / 10;
  return (
    <section className="player" aria-labelledby="player-heading" data-testid="player">
      <div className="player-head">
        <h3 id="player-heading">{name}</h3>
        <div className="player-actions">
          {props.onComment ? (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              data-testid="player-comment"
              onClick={() =>
                props.onComment?.({
                  atSec: commentAtSec,
                  sceneId:
                    player.chapters[chapterAt(player.chapters, player.timeSec)]?.sceneId ?? null,
                })
              }
            >
              {t('comments.commentAtTime', { time: i18n.duration(commentAtSec) })}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid="player-theatre"
            onClick={props.onTheatre}
          >
            {t('theatre.open')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid="player-close"
            onClick={() => {
              // Closed, not moved to the theatre: the next preview starts at the beginning.
              playback?.forget();
              props.onClose();
            }}
          >
            {t('render.playerClose')}
          </button>
        </div>
      </div>
      <div className="player-body">
        <PreviewVideo
          render={render}
          output={output}
          chapters={player.chapters}
          language={props.language}
          videoRef={player.video}
          onTime={player.setTime}
        />
        <ChapterList chapters={player.chapters} timeSec={player.timeSec} onSeek={player.seek} />
      </div>
      <PlayerFiles output={output} />
    </section>
  );
}
