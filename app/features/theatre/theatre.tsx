import {
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import type { SceneSelection } from '../../collab/scene-selection.ts';
import { useI18n } from '../../i18n/index.ts';
import {
  ChapterList,
  PlayerFiles,
  PreviewVideo,
  usePlayer,
  usePlayerName,
} from '../renders/render-player.tsx';
import { PlaybackContext } from './playback.ts';
import { keyTargetOf, seekTarget, theatreAction } from './theatre-keys.ts';
import { theatreLayout, type Size } from './theatre-layout.ts';

/**
 * A finished render watched large: over the project bar and the editor's
 * panels (which are inert meanwhile), with the timeline left below it so the
 * playing scene shows there. The chapters sit beside the video or below it,
 * whichever leaves the video larger. Keyboard: see `theatreAction`. Closing
 * (button or Escape) returns the focus to where it was when it opened.
 */
export function Theatre(props: {
  render: RenderRecord;
  language: string;
  /** Selecting one scene (on the timeline) while watching seeks to its chapter. */
  selection: SceneSelection;
  /** Back to the small player in the render panel. */
  onSmall(): void;
  onClose(): void;
  /** Where the focus goes on close when what opened the theatre is gone. */
  onFocusFallback(): void;
}) {
  const { render, selection } = props;
  const output = render.output;
  const { t } = useI18n();
  const name = usePlayerName(render);
  const player = usePlayer(render);
  const playback = useContext(PlaybackContext);
  const root = useRef<HTMLElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [stageSize, setStageSize] = useState<Size | null>(null);
  const height = useHeightAboveTimeline(root);
  // What had the focus before the theatre took it (read while rendering, before the video's effect).
  const [opener] = useState(() =>
    typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null),
  );
  const closing = useRef(false);
  const { onFocusFallback } = props;

  useCovered(root, () => {
    if (!closing.current) return;
    if (opener && opener !== document.body && opener.isConnected) opener.focus();
    else onFocusFallback();
  });

  useLayoutEffect(() => {
    const element = stage.current;
    if (!element) return;
    const measure = () =>
      setStageSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // One scene selected on the timeline while watching: play from its chapter.
  const { chapters, seek } = player;
  useEffect(
    () =>
      selection.subscribe(() => {
        if (selection.ids.size !== 1) return;
        const [id] = selection.ids;
        const chapter = chapters.find((c) => c.sceneId === id);
        if (chapter && playback?.point?.sceneId !== id) seek(chapter.startSec);
      }),
    [selection, playback, chapters, seek],
  );

  if (!output) return null;
  const layout = stageSize
    ? theatreLayout(stageSize, { width: output.width, height: output.height })
    : null;

  const close = () => {
    closing.current = true;
    playback?.forget();
    props.onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return;
    const action = theatreAction(event, keyTargetOf(event.target));
    const video = player.video.current;
    if (!action || !video) return;
    event.preventDefault();
    event.stopPropagation();
    if (action.kind === 'close') return close();
    if (action.kind === 'toggle') {
      if (video.paused) video.play().catch(() => undefined);
      else video.pause();
      return;
    }
    if (action.kind === 'pause') return video.pause();
    const to = seekTarget(action, {
      timeSec: video.currentTime,
      durationSec: Number.isFinite(video.duration) ? video.duration : output.durationSec,
      chapters,
    });
    if (to !== null) seek(to);
  };

  return (
    <section
      ref={root}
      className="theatre"
      aria-labelledby="theatre-heading"
      data-testid="theatre"
      data-layout={layout?.layout}
      data-orientation={output.height > output.width ? 'portrait' : 'landscape'}
      style={height === null ? undefined : { height }}
      // Capture: the video's own controls listen on it and would act a second time.
      onKeyDownCapture={onKeyDown}
      onKeyUpCapture={(event) => {
        // Chromium's video toggles on Space's key-up: the theatre already did on key-down.
        if (theatreAction(event, keyTargetOf(event.target))?.kind !== 'toggle') return;
        event.preventDefault();
        event.stopPropagation();
      }}
    >
      <div className="theatre-head">
        <h2 id="theatre-heading">{name}</h2>
        <p className="theatre-keys" data-testid="theatre-keys">
          {t('theatre.keys')}
        </p>
        <div className="theatre-actions">
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid="theatre-small"
            onClick={props.onSmall}
          >
            {t('theatre.small')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="theatre-close"
            aria-keyshortcuts="Escape"
            onClick={close}
          >
            {t('theatre.close')}
          </button>
        </div>
      </div>
      <div ref={stage} className="theatre-stage">
        <PreviewVideo
          render={render}
          output={output}
          chapters={chapters}
          language={props.language}
          videoRef={player.video}
          onTime={player.setTime}
          style={layout ? { width: layout.video.width, height: layout.video.height } : undefined}
        />
        <div className="theatre-side">
          <ChapterList chapters={chapters} timeSec={player.timeSec} onSeek={seek} />
          <PlayerFiles output={output} />
        </div>
      </div>
    </section>
  );
}

/** Room between the theatre and the timeline below it. */
const TIMELINE_GAP_PX = 8;

/**
 * The theatre's height: from the top of the editor down to the timeline,
 * whatever the editor's layout (followed as it changes), within the window.
 */
function useHeightAboveTimeline(root: { current: HTMLElement | null }): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const editor = root.current?.parentElement;
    const timeline = editor?.querySelector('[data-testid="timeline"]');
    if (!editor || !timeline) return;
    const measure = () => {
      const room = timeline.getBoundingClientRect().top - editor.getBoundingClientRect().top;
      setHeight(Math.max(0, Math.min(room - TIMELINE_GAP_PX, window.innerHeight)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(editor);
    observer.observe(timeline);
    return () => observer.disconnect();
  }, [root]);
  return height;
}

/**
 * Makes what the theatre covers (its siblings but the timeline) inert while
 * it is open, so neither the Tab key nor a screen reader wanders behind it;
 * `afterUncover` runs once they are usable again (where the focus goes back).
 */
function useCovered(root: { current: HTMLElement | null }, afterUncover: () => void) {
  const after = useRef(afterUncover);
  after.current = afterUncover;
  useEffect(() => {
    const parent = root.current?.parentElement;
    if (!parent) return;
    const covered = [...parent.children].filter(
      (child): child is HTMLElement =>
        child instanceof HTMLElement &&
        child !== root.current &&
        !child.inert &&
        !child.matches('[data-testid="timeline"], :has([data-testid="timeline"])'),
    );
    for (const element of covered) element.inert = true;
    return () => {
      for (const element of covered) element.inert = false;
      after.current();
    };
  }, [root]);
}
