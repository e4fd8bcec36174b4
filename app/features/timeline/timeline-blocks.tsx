import {
  memo,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { setSceneField } from '../../../shared/project-doc.ts';
import { BlockCommentCount } from '../comments/comment-counts.tsx';
import type { MeasuredNarration } from '../../../shared/scene-duration.ts';
import { TRANSITIONS, type Language, type Transition } from '../../../shared/timeline.ts';
import { useIsSelected } from '../../collab/scene-selection.ts';
import { setFocusedScene, useSceneFocusers } from '../../collab/use-presence.ts';
import { useYMapField } from '../../collab/use-y.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { FIT_KEY, fitToNarration, mismatchMessages } from './duration-fit.ts';
import {
  DURATION_STEP_SEC,
  firstWords,
  initials,
  resizedDuration,
  roundDuration,
} from './timeline-math.ts';
import { usePreviewSec, useSceneTiming, useTimelineController } from './timeline-context.ts';
import { useIsPlaying } from '../theatre/playback.ts';

/** Pointer travel before a press on a block becomes a drag (a shorter one is a click). */
const DRAG_THRESHOLD_PX = 4;

const numberFormats = new Map<string, Intl.NumberFormat>();

/** "4.5 s" / "4,5 s" in the UI's language. */
export function useSecondsLabel(): (sec: number) => string {
  const { t, locale } = useI18n();
  return useCallback(
    (sec: number) => {
      let format = numberFormats.get(locale);
      if (!format) {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
        numberFormats.set(locale, format);
      }
      return t('timeline.seconds', { n: format.format(sec) });
    },
    [t, locale],
  );
}

const asTransition = (value: unknown): Transition =>
  (TRANSITIONS as readonly unknown[]).includes(value) ? (value as Transition) : 'crossfade';

const cssVars = (vars: Record<string, string | number | undefined>) => vars as CSSProperties;

interface VideoBlockProps {
  id: string;
  index: number;
  isLast: boolean;
  /** The one block of the track in the tab order (roving tabindex). */
  tabbable: boolean;
  readOnly: boolean;
  language: Language;
  /** The latest render's measurement of this scene's narration (primitives: memo-friendly). */
  measuredSec?: number;
  measuredFingerprint?: string;
}

/** The measurement from a block's primitive props (null when there is none). */
const measurementOf = (sec?: number, fingerprint?: string): MeasuredNarration | null =>
  sec !== undefined && fingerprint !== undefined ? { sec, fingerprint } : null;

/** One scene on the video track: number, title, duration; drag to move, drag its edge to resize. */
export const VideoBlock = memo(function VideoBlock({
  id,
  index,
  isLast,
  tabbable,
  readOnly,
  language,
  measuredSec,
  measuredFingerprint,
}: VideoBlockProps) {
  const ctrl = useTimelineController();
  const { t } = useI18n();
  const secondsLabel = useSecondsLabel();
  const timing = useSceneTiming(
    ctrl.doc,
    id,
    language,
    measurementOf(measuredSec, measuredFingerprint),
  );
  const preview = usePreviewSec(ctrl.previews, id);
  const sec = preview ?? timing.sec;
  const auto = preview === null && timing.auto;
  const rawTitle = useYMapField(timing.map, 'title');
  const transition = asTransition(useYMapField(timing.map, 'transition'));
  const selected = useIsSelected(ctrl.selection, id);
  const playing = useIsPlaying(id);
  const focusers = useSceneFocusers(ctrl.awareness, id);
  const [dragging, setDragging] = useState(false);
  const [resizing, setResizing] = useState(false);
  const element = useRef<HTMLDivElement | null>(null);
  const gesture = useRef<{ pointerId: number; startX: number; dragging: boolean } | null>(null);
  const resize = useRef<{
    pointerId: number;
    startX: number;
    startSec: number;
    pps: number;
    sec: number;
    moved: boolean;
  } | null>(null);
  const suppressClick = useRef(false);

  // Publish this scene's duration for the ruler, the total and drop targets.
  useLayoutEffect(() => {
    ctrl.durations.set(id, sec);
  }, [ctrl, id, sec]);
  useLayoutEffect(() => () => ctrl.durations.delete(id), [ctrl, id]);

  const setRef = useCallback(
    (node: HTMLDivElement | null) => {
      element.current = node;
      ctrl.register(id, node);
    },
    [ctrl, id],
  );

  const n = index + 1;
  const title = typeof rawTitle === 'string' && rawTitle.trim() ? rawTitle : t('timeline.untitled');
  const duration = secondsLabel(sec);
  const baseLabel = t(auto ? 'timeline.blockLabelAuto' : 'timeline.blockLabel', {
    n,
    title,
    duration,
  });
  // A set duration far from the narration (never while its edge is dragged).
  const mismatch = preview === null ? timing.mismatch : null;
  const mismatchText = mismatch ? mismatchMessages(mismatch) : null;
  const mismatchSentence =
    mismatch && mismatchText
      ? {
          mismatch: t(mismatchText.sentence, { off: secondsLabel(mismatchText.offSec) }),
          source: t(mismatchText.source, { fit: secondsLabel(mismatch.fitSec) }),
        }
      : null;
  const sceneLabel = mismatchSentence
    ? t('timeline.blockMismatch', { label: baseLabel, ...mismatchSentence })
    : baseLabel;
  const label = focusers.length
    ? t('timeline.blockFocusers', {
        label: sceneLabel,
        names: focusers.map((p) => p.name).join(', '),
      })
    : sceneLabel;

  const cancelGestures = () => {
    const g = gesture.current;
    gesture.current = null;
    if (g?.dragging) {
      suppressClick.current = true;
      setDragging(false);
      ctrl.dragEnd(null);
    }
    if (resize.current) {
      resize.current = null;
      setResizing(false);
      ctrl.previews.clear();
    }
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    suppressClick.current = false;
    if (readOnly || event.button !== 0 || event.pointerType === 'touch') return;
    gesture.current = { pointerId: event.pointerId, startX: event.clientX, dragging: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== event.pointerId) return;
    if (!g.dragging) {
      if (Math.abs(event.clientX - g.startX) < DRAG_THRESHOLD_PX) return;
      g.dragging = true;
      setDragging(true);
      ctrl.dragStart(id);
    }
    ctrl.dragMove(event.clientX);
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== event.pointerId) return;
    gesture.current = null;
    if (!g.dragging) return;
    suppressClick.current = true;
    setDragging(false);
    ctrl.dragEnd(event.clientX);
  };

  const onPointerCancel = (event: PointerEvent<HTMLDivElement>) => {
    if (gesture.current?.pointerId === event.pointerId) cancelGestures();
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    ctrl.selection.click(id, event, ctrl.order());
    ctrl.activate(id);
  };

  const writeDuration = (next: number | null) => {
    if (readOnly || next === timing.manual) return;
    setSceneField(ctrl.doc, id, 'durationSec', next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const { key } = event;
    const arrow = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
    if (key === 'Escape') {
      if (gesture.current?.dragging || resize.current) {
        event.preventDefault();
        cancelGestures();
      }
    } else if (arrow && event.altKey) {
      event.preventDefault();
      if (!readOnly) ctrl.moveBy(id, arrow);
    } else if (arrow && event.shiftKey) {
      event.preventDefault();
      if (!readOnly) writeDuration(roundDuration(timing.sec + arrow * DURATION_STEP_SEC));
    } else if (arrow && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      ctrl.focusAt(index + arrow);
    } else if (key === 'Home' || key === 'End') {
      event.preventDefault();
      ctrl.focusAt(key === 'Home' ? 0 : ctrl.order().length - 1);
    } else if (key === 'Enter') {
      event.preventDefault();
      ctrl.openScene(id);
    } else if (key === ' ') {
      event.preventDefault();
      ctrl.selection.toggle(id);
    } else if (
      key.toLowerCase() === FIT_KEY &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      mismatch
    ) {
      event.preventDefault();
      if (!readOnly) fitToNarration(ctrl.doc, [id]);
    }
  };

  const onResizeDown = (event: PointerEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (readOnly || event.button !== 0) return;
    event.preventDefault();
    element.current?.focus({ preventScroll: true });
    resize.current = {
      pointerId: event.pointerId,
      startX: event.clientX,
      startSec: timing.sec,
      pps: ctrl.pps(),
      sec: timing.sec,
      moved: false,
    };
    setResizing(true);
    event.currentTarget.setPointerCapture(event.pointerId);
  };

  const onResizeMove = (event: PointerEvent<HTMLDivElement>) => {
    const r = resize.current;
    if (!r || r.pointerId !== event.pointerId) return;
    const dx = event.clientX - r.startX;
    if (!r.moved && Math.abs(dx) < 2) return;
    r.moved = true;
    r.sec = resizedDuration(r.startSec, dx, r.pps);
    ctrl.previews.set(id, r.sec);
  };

  const onResizeUp = (event: PointerEvent<HTMLDivElement>) => {
    const r = resize.current;
    if (!r || r.pointerId !== event.pointerId) return;
    resize.current = null;
    setResizing(false);
    ctrl.previews.clear();
    if (r.moved) writeDuration(r.sec);
  };

  const onResizeCancel = (event: PointerEvent<HTMLDivElement>) => {
    if (resize.current?.pointerId === event.pointerId) cancelGestures();
  };

  const presence = focusers[0]?.color;
  return (
    <div
      ref={setRef}
      role="option"
      aria-selected={selected}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      className="tl-block"
      data-testid="timeline-block"
      data-scene-id={id}
      data-selected={selected}
      data-auto={auto}
      data-mismatch={mismatch?.kind}
      aria-keyshortcuts={mismatch && !readOnly ? FIT_KEY.toUpperCase() : undefined}
      data-dragging={dragging}
      data-resizing={resizing}
      data-present={presence ? true : undefined}
      data-playing={playing || undefined}
      style={cssVars({ '--sec': sec, '--presence': presence })}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onLostPointerCapture={onPointerCancel}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget) ctrl.activate(id);
      }}
    >
      <div className="tl-block-body">
        <span className="tl-block-head">
          <span className="tl-block-number">{n}</span>
          <span className="tl-block-title">{title}</span>
          <BlockCommentCount sceneId={id} />
        </span>
        <span className="tl-block-duration">
          {duration}
          {auto ? <span className="tl-block-auto">{t('timeline.auto')}</span> : null}
          {mismatch && mismatchText && mismatchSentence ? (
            <button
              type="button"
              className="tl-block-mismatch"
              data-testid="timeline-fit"
              data-kind={mismatch.kind}
              // The block is the keyboard stop (F fits it): the badge is for the pointer.
              tabIndex={-1}
              disabled={readOnly}
              title={t('timeline.fitHint', mismatchSentence)}
              aria-label={t('timeline.fit')}
              onPointerDown={(event) => event.stopPropagation()}
              onClick={(event) => {
                event.stopPropagation();
                if (!readOnly) fitToNarration(ctrl.doc, [id]);
              }}
            >
              {t(mismatchText.badge, { off: secondsLabel(mismatchText.offSec) })}
            </button>
          ) : null}
        </span>
        {focusers.length ? (
          <span className="tl-block-people">
            {focusers.slice(0, 3).map((person) => (
              <span
                key={person.id}
                className="tl-person"
                style={cssVars({ '--person': person.color })}
                title={person.name}
              >
                {initials(person.name)}
              </span>
            ))}
            {focusers.length > 3 ? (
              <span className="tl-person tl-person-more">+{focusers.length - 3}</span>
            ) : null}
          </span>
        ) : null}
      </div>
      {readOnly ? null : (
        <div
          className="tl-block-resize"
          data-testid="timeline-block-resize"
          aria-hidden
          title={t('timeline.resizeHint')}
          onPointerDown={onResizeDown}
          onPointerMove={onResizeMove}
          onPointerUp={onResizeUp}
          onPointerCancel={onResizeCancel}
          onLostPointerCapture={onResizeCancel}
          onClick={(event) => event.stopPropagation()}
          onDoubleClick={(event) => {
            event.stopPropagation();
            writeDuration(null);
          }}
        />
      )}
      {isLast ? null : <TransitionMarker transition={transition} from={n} />}
    </div>
  );
});

const TRANSITION_KEYS: Record<Transition, MessageKey> = {
  crossfade: 'timeline.transition.crossfade',
  'fade-black': 'timeline.transition.fade-black',
  cut: 'timeline.transition.cut',
};

function TransitionMarker({ transition, from }: { transition: Transition; from: number }) {
  const { t } = useI18n();
  return (
    <span
      className="tl-transition"
      role="img"
      data-testid="timeline-transition"
      data-transition={transition}
      aria-label={t('timeline.transitionLabel', {
        transition: t(TRANSITION_KEYS[transition]),
        from,
        to: from + 1,
      })}
    >
      <TransitionIcon transition={transition} />
    </span>
  );
}

function TransitionIcon({ transition }: { transition: Transition }) {
  if (transition === 'cut') {
    return (
      <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden focusable="false">
        <path d="M6 1.5v9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  }
  if (transition === 'fade-black') {
    return (
      <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden focusable="false">
        <circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.2" />
        <path d="M6 1.5a4.5 4.5 0 0 1 0 9z" fill="currentColor" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden focusable="false">
      <path d="M1.5 2.5 10.5 9.5V2.5L1.5 9.5z" fill="currentColor" opacity="0.85" />
    </svg>
  );
}

/** The scene's narration under its video block: its first words, faint when empty. */
export const NarrationBlock = memo(function NarrationBlock({
  id,
  index,
  language,
  measuredSec,
  measuredFingerprint,
}: Pick<VideoBlockProps, 'id' | 'index' | 'language' | 'measuredSec' | 'measuredFingerprint'>) {
  const ctrl = useTimelineController();
  const { t } = useI18n();
  const timing = useSceneTiming(
    ctrl.doc,
    id,
    language,
    measurementOf(measuredSec, measuredFingerprint),
  );
  const preview = usePreviewSec(ctrl.previews, id);
  const selected = useIsSelected(ctrl.selection, id);
  const words = firstWords(timing.narration);
  return (
    <div
      className="tl-narration"
      data-testid="timeline-narration-block"
      data-scene-id={id}
      data-empty={!words}
      data-selected={selected}
      style={cssVars({ '--sec': preview ?? timing.sec })}
      title={words || undefined}
      onClick={(event) => {
        ctrl.selection.click(id, event, ctrl.order());
        setFocusedScene(ctrl.awareness, id);
      }}
    >
      <span className="tl-narration-body">
        <span className="visually-hidden">{t('timeline.narrationOf', { n: index + 1 })} </span>
        {words || t('timeline.narrationEmpty')}
      </span>
    </div>
  );
});
