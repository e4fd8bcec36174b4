import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type ReactNode,
} from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { projectMap } from '../../../shared/project-doc.ts';
import type { MeasuredNarration } from '../../../shared/scene-duration.ts';
import { LANGUAGES, type Language } from '../../../shared/timeline.ts';
import { useSelectedIds, type SceneSelection } from '../../collab/scene-selection.ts';
import { useSceneSlots, useYMapField } from '../../collab/use-y.ts';
import { useProgressiveCount } from '../../lib/use-progressive-count.ts';
import { useI18n } from '../../i18n/index.ts';
import { fitToNarration } from './duration-fit.ts';
import { NarrationBlock, VideoBlock } from './timeline-blocks.tsx';
import { MusicTrack } from './timeline-music.tsx';
import { Ruler } from './timeline-ruler.tsx';
import { TimelineToolbar } from './timeline-toolbar.tsx';
import { TimelineContext } from './timeline-context.ts';
import {
  DEFAULT_PPS,
  MIN_BLOCK_PX,
  clamp,
  clampPps,
  fitPps,
  formatTime,
  layoutBlocks,
  sceneAtTime,
  ticksBetween,
  timeToX,
  xToTime,
} from './timeline-math.ts';
import { DurationStore, PreviewStore } from './timeline-store.ts';
import { useTimelineController } from './use-timeline-controller.ts';
import { usePlayback, usePlaybackPoint } from '../theatre/playback.ts';

export interface TimelineProps {
  doc: Y.Doc;
  projectId: string;
  readOnly: boolean;
  /** The session's undo manager: the music picker's changes are one step each. */
  undo?: Y.UndoManager;
  selection: SceneSelection;
  awareness: Awareness | null;
  /** Enter on a block: the board scrolls to and focuses that scene's card. */
  onOpenScene(id: string): void;
  /** Scene id → its narration as the latest render measured it (else estimated). */
  narrations?: ReadonlyMap<string, MeasuredNarration>;
  /** Folded to its header bar (the editor's layout). */
  collapsed?: boolean;
  /** The button that folds and unfolds it, at the end of the header bar. */
  foldButton?: ReactNode;
}

/** Free space after the last block, to drop a scene at the end and see the end of the ruler. */
const TAIL_PX = 160;
/** Space before time 0, so the first block and the 0:00 mark do not touch the edge. */
const PAD_PX = 12;

const isLanguage = (value: unknown): value is Language =>
  (LANGUAGES as readonly unknown[]).includes(value);

/**
 * The horizontal timeline under the project editor: ruler and playhead, one
 * video block per scene sized by its duration, the narration under it and the
 * music bed. Blocks subscribe to their own scene only; the timeline learns
 * their durations through a small store, so typing in one narration never
 * re-renders the other 299 scenes.
 */
export function Timeline({
  doc,
  projectId,
  readOnly,
  undo,
  selection,
  awareness,
  onOpenScene,
  narrations,
  collapsed = false,
  foldButton,
}: TimelineProps) {
  const { t } = useI18n();
  const slots = useSceneSlots(doc);
  const ids = useMemo(() => slots.map((slot) => slot.id), [slots]);
  const shown = useProgressiveCount(ids.length);
  const project = projectMap(doc);
  const rawLanguage = useYMapField(project, 'language');
  const language: Language = isLanguage(rawLanguage) ? rawLanguage : 'en';
  const music = useYMapField(project, 'music');
  const selectedIds = useSelectedIds(selection);

  const [stores] = useState(() => ({
    durations: new DurationStore(),
    previews: new PreviewStore(),
  }));
  const durationsVersion = useSyncExternalStore(
    stores.durations.subscribe,
    stores.durations.getVersion,
    stores.durations.getVersion,
  );
  const secs = useMemo(
    () => ids.map((id) => stores.durations.get(id) ?? 0),
    // durationsVersion: the store changed (a block published a new duration).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ids, stores, durationsVersion],
  );
  const known = ids.every((id) => stores.durations.get(id) !== undefined);

  const scroller = useRef<HTMLDivElement>(null);
  const videoTrack = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(0);
  const [userPps, setUserPps] = useState<number | null>(null);
  const pps = userPps ?? DEFAULT_PPS;
  const layout = useMemo(() => layoutBlocks(secs, pps), [secs, pps]);
  const contentWidth = Math.max(layout.totalPx + TAIL_PX + PAD_PX, viewport);

  // The first time the scenes and the viewport are known, fit the whole project in view.
  useLayoutEffect(() => {
    if (userPps !== null || viewport <= 0 || ids.length === 0 || !known) return;
    setUserPps(fitPps(secs, viewport));
  }, [userPps, viewport, ids.length, known, secs]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Ruler ticks are drawn around the visible part only; re-render per half screen scrolled.
  const [scrollChunk, setScrollChunk] = useState(0);
  const chunkPx = Math.max(200, (viewport || 1200) / 2);
  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const chunk = Math.floor(element.scrollLeft / chunkPx);
    if (chunk !== scrollChunk) setScrollChunk(chunk);
  };

  // Zooming keeps the time under the pointer (or the playhead, or the centre) in place.
  const anchor = useRef<{ sec: number; offset: number } | null>(null);
  useLayoutEffect(() => {
    const pending = anchor.current;
    const element = scroller.current;
    if (!pending || !element) return;
    anchor.current = null;
    element.scrollLeft = Math.max(0, timeToX(layout, pending.sec) + PAD_PX - pending.offset);
    setScrollChunk(Math.floor(element.scrollLeft / chunkPx));
  }, [layout, chunkPx]);

  const [playhead, setPlayhead] = useState(0);
  const shownPlayhead = clamp(playhead, 0, layout.totalSec);
  const revealPlayhead = useRef(false);

  const zoomTo = useCallback(
    (next: number, around?: { clientX: number }) => {
      const element = scroller.current;
      const target = clampPps(next);
      if (target === pps) return;
      if (element) {
        const rect = element.getBoundingClientRect();
        let offset = element.clientWidth / 2;
        if (around) offset = around.clientX - rect.left;
        else {
          const headX = timeToX(layout, shownPlayhead) + PAD_PX - element.scrollLeft;
          if (headX >= 0 && headX <= element.clientWidth) offset = headX;
        }
        anchor.current = { sec: xToTime(layout, element.scrollLeft + offset - PAD_PX), offset };
      }
      setUserPps(target);
    },
    [pps, layout, shownPlayhead],
  );

  // Ctrl+wheel (and pinch on trackpads) zooms; the listener is not passive so it can
  // keep the browser from zooming the page.
  const zoomRef = useRef({ zoomTo, pps });
  zoomRef.current = { zoomTo, pps };
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      const { zoomTo: zoom, pps: current } = zoomRef.current;
      zoom(current * Math.exp(-delta * 0.002), { clientX: event.clientX });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const { controller, drag, tabbableId } = useTimelineController({
    doc,
    selection,
    awareness,
    stores,
    ids,
    layout,
    pps,
    onOpenScene,
    readOnly,
    scroller,
    videoTrack,
  });

  // While a preview is open, the playhead and the video follow each other: the same point of
  // the same scene (right even when durations changed since the render).
  const playback = usePlayback();
  const playing = usePlaybackPoint();
  const seek = (sec: number, fromKeyboard: boolean) => {
    revealPlayhead.current = fromKeyboard;
    const next = clamp(sec, 0, layout.totalSec);
    setPlayhead(next);
    const at = playing ? sceneAtTime(layout, next) : null;
    if (at) playback?.requestSeek(ids[at.index]!, at.fraction);
  };

  useLayoutEffect(() => {
    const index = playing?.sceneId ? ids.indexOf(playing.sceneId) : -1;
    if (!playing || index < 0) return;
    revealPlayhead.current = true;
    setPlayhead(layout.secStarts[index]! + playing.fraction * layout.secs[index]!);
  }, [playing, ids, layout]);

  // Keep the playhead in view when the keyboard (or the preview) moves it.
  useLayoutEffect(() => {
    if (!revealPlayhead.current) return;
    revealPlayhead.current = false;
    const element = scroller.current;
    if (!element) return;
    const x = timeToX(layout, shownPlayhead) + PAD_PX;
    const margin = 32;
    if (x < element.scrollLeft + margin) element.scrollLeft = Math.max(0, x - margin);
    else if (x > element.scrollLeft + element.clientWidth - margin) {
      element.scrollLeft = x - element.clientWidth + margin;
    }
  }, [layout, shownPlayhead]);

  const resetSelectedToAuto = () => {
    if (!readOnly) fitToNarration(doc, selectedIds);
  };

  const total = formatTime(layout.totalSec);
  const visibleFrom = scrollChunk * chunkPx - chunkPx - PAD_PX;
  const visibleTo = (scrollChunk + 1) * chunkPx + (viewport || 1200) + chunkPx;
  const ticks = ticksBetween(
    xToTime(layout, Math.max(0, visibleFrom)),
    xToTime(layout, Math.min(contentWidth, visibleTo)),
    pps,
  );

  const rootStyle = {
    '--pps': pps,
    '--min-block': `${MIN_BLOCK_PX}px`,
    '--tl-pad': `${PAD_PX}px`,
  } as CSSProperties;

  return (
    <TimelineContext.Provider value={controller}>
      <section
        className="timeline"
        data-testid="timeline"
        data-readonly={readOnly}
        data-collapsed={collapsed || undefined}
        data-dragging={drag ? (drag.ids.length > 1 ? 'group' : 'one') : undefined}
        aria-labelledby="timeline-heading"
        style={rootStyle}
      >
        <TimelineToolbar
          readOnly={readOnly}
          readout={t('timeline.readout', { time: formatTime(shownPlayhead), total })}
          canResetAuto={selectedIds.size > 0}
          onResetAuto={resetSelectedToAuto}
          pps={pps}
          onZoom={zoomTo}
          foldButton={foldButton}
        />

        <div className="tl-body" id="editor-timeline-body" hidden={collapsed}>
          <div className="tl-labels" aria-hidden>
            <div className="tl-label tl-label-ruler" />
            <div className="tl-label tl-label-video">{t('timeline.videoTrack')}</div>
            <div className="tl-label tl-label-narration">{t('timeline.narrationTrack')}</div>
            <div className="tl-label tl-label-music">{t('timeline.musicTrack')}</div>
          </div>
          <div className="tl-scroller" ref={scroller} onScroll={onScroll}>
            <div className="tl-content" style={{ width: contentWidth }}>
              <Ruler
                layout={layout}
                ticks={ticks}
                playhead={shownPlayhead}
                label={t('timeline.playhead')}
                valueText={t('timeline.playheadValue', {
                  time: formatTime(shownPlayhead),
                  total,
                })}
                onSeek={seek}
              />

              <div
                ref={videoTrack}
                className="tl-track tl-track-video"
                role="group"
                aria-label={t('timeline.videoTrackLabel')}
              >
                {ids.length === 0 ? (
                  <p className="tl-empty">{t('timeline.empty')}</p>
                ) : (
                  <div
                    className="tl-blocks"
                    role="listbox"
                    aria-label={t('timeline.scenesLabel')}
                    aria-multiselectable
                    aria-orientation="horizontal"
                  >
                    {ids.slice(0, shown).map((id, index) => (
                      <VideoBlock
                        key={id}
                        id={id}
                        index={index}
                        isLast={index === ids.length - 1}
                        tabbable={id === tabbableId}
                        readOnly={readOnly}
                        language={language}
                        measuredSec={narrations?.get(id)?.sec}
                        measuredFingerprint={narrations?.get(id)?.fingerprint}
                      />
                    ))}
                  </div>
                )}
              </div>

              <div
                className="tl-track tl-track-narration"
                role="group"
                aria-label={t('timeline.narrationTrackLabel')}
              >
                {ids.slice(0, shown).map((id, index) => (
                  <NarrationBlock
                    key={id}
                    id={id}
                    index={index}
                    language={language}
                    measuredSec={narrations?.get(id)?.sec}
                    measuredFingerprint={narrations?.get(id)?.fingerprint}
                  />
                ))}
              </div>

              <MusicTrack
                music={music}
                totalPx={layout.totalPx}
                doc={doc}
                projectId={projectId}
                readOnly={readOnly}
                undo={undo}
              />

              {drag ? (
                <div
                  className="tl-drop"
                  aria-hidden
                  style={{ transform: `translateX(${drag.x}px)` }}
                  data-testid="timeline-drop-indicator"
                  data-side={drag.x > 160 ? 'left' : 'right'}
                >
                  {drag.ids.length > 1 ? (
                    <span className="tl-drop-badge">
                      {t('timeline.moving', { n: drag.ids.length })}
                    </span>
                  ) : null}
                </div>
              ) : null}

              <div
                className="tl-playhead"
                data-testid="timeline-playhead"
                aria-hidden
                style={{ transform: `translateX(${timeToX(layout, shownPlayhead)}px)` }}
              />
            </div>
          </div>
        </div>
      </section>
    </TimelineContext.Provider>
  );
}
