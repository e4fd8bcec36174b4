import { useEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import { formatDuration } from '../import/import-dialog.tsx';
import { presetName } from './render-panel.tsx';

/** Whole seconds shown as the browser's controls show them (3.6 s → "0:03"). */
const clock = (seconds: number) => formatDuration(Math.floor(seconds));

/**
 * The preview of a finished render: the video with its poster and captions
 * (native controls, keyboard operable), chapter markers per scene that seek,
 * and the files to download.
 */
export function RenderPlayer(props: {
  render: RenderRecord;
  /** The project's narration language, for the captions track. */
  language: string;
  onClose(): void;
}) {
  const { render } = props;
  const output = render.output;
  const i18n = useI18n();
  const { t } = i18n;
  const video = useRef<HTMLVideoElement>(null);
  const [time, setTime] = useState(0);
  const vars = { n: render.revisionNumber ?? '?', preset: presetName(i18n, render.preset) };

  // Keyboard users land on the video they asked for.
  useEffect(() => {
    video.current?.focus();
  }, [render.id]);

  if (!output) return null;

  const seek = (startSec: number) => {
    const element = video.current;
    if (!element) return;
    element.currentTime = startSec;
    setTime(startSec);
  };

  return (
    <section className="player" aria-labelledby="player-heading" data-testid="player">
      <div className="player-head">
        <h3 id="player-heading">{t('render.player', vars)}</h3>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          data-testid="player-close"
          onClick={props.onClose}
        >
          {t('render.playerClose')}
        </button>
      </div>
      <div className="player-body">
        <RenderVideo
          key={render.id}
          videoRef={video}
          output={output}
          language={props.language}
          label={t('render.player', vars)}
          className="player-video"
          testId="player-video"
          onTime={setTime}
        />
        <ChapterList chapters={output.chapters} time={time} onSeek={seek} />
      </div>
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
    </section>
  );
}

/** A render's chapters, one per scene, in time order; the one playing is marked; each seeks. */
export function ChapterList(props: {
  chapters: NonNullable<RenderRecord['output']>['chapters'];
  time: number;
  onSeek(startSec: number): void;
}) {
  const { t } = useI18n();
  const chapters = [...props.chapters].sort((a, b) => a.startSec - b.startSec);
  if (!chapters.length) return null;
  const current = chapters.findLastIndex((c) => c.startSec <= props.time + 0.05);
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

/**
 * A finished render's video: poster, native controls (keyboard operable) and
 * the captions track on by default; `onTime` follows playback and seeks.
 */
export function RenderVideo(props: {
  output: NonNullable<RenderRecord['output']>;
  /** The project's narration language, for the captions track. */
  language: string;
  label: string;
  videoRef: RefObject<HTMLVideoElement>;
  className: string;
  testId: string;
  onTime(seconds: number): void;
}) {
  const { t } = useI18n();
  const { output } = props;
  return (
    <video
      ref={props.videoRef}
      className={props.className}
      data-testid={props.testId}
      controls
      preload="metadata"
      playsInline
      poster={output.posterUrl}
      src={output.videoUrl}
      width={output.width}
      height={output.height}
      aria-label={props.label}
      onTimeUpdate={(event) => props.onTime(event.currentTarget.currentTime)}
      onSeeked={(event) => props.onTime(event.currentTarget.currentTime)}
    >
      <track
        kind="captions"
        src={output.captionsVttUrl}
        srcLang={props.language}
        label={t('render.captions')}
        default
      />
    </video>
  );
}
