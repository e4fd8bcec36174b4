import { useEffect, useRef, useState } from 'react';
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
  /** Comments on the scene playing now, at this time (review comments, issue 13). */
  onComment?(at: { atSec: number; sceneId: string | null }): void;
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
  const chapters = [...output.chapters].sort((a, b) => a.startSec - b.startSec);
  const current = chapters.findLastIndex((c) => c.startSec <= time + 0.05);

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
        {props.onComment ? (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid="player-comment"
            onClick={() =>
              props.onComment?.({
                atSec: Math.round(time * 10) / 10,
                sceneId: chapters[current]?.sceneId ?? null,
              })
            }
          >
            {t('comments.commentAtTime', { time: i18n.duration(Math.round(time * 10) / 10) })}
          </button>
        ) : null}
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
        <video
          key={render.id}
          ref={video}
          className="player-video"
          data-testid="player-video"
          controls
          preload="metadata"
          playsInline
          poster={output.posterUrl}
          src={output.videoUrl}
          width={output.width}
          height={output.height}
          aria-label={t('render.player', vars)}
          onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
          onSeeked={(event) => setTime(event.currentTarget.currentTime)}
        >
          <track
            kind="captions"
            src={output.captionsVttUrl}
            srcLang={props.language}
            label={t('render.captions')}
            default
          />
        </video>
        {chapters.length ? (
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
                      onClick={() => seek(chapter.startSec)}
                    >
                      <span className="chapter-time">{at}</span>
                      <span className="chapter-title">{title}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </nav>
        ) : null}
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
