import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  durationMismatch,
  narrationLength,
  sceneDuration,
  type DurationMismatch,
  type MeasuredNarration,
} from '../../../shared/scene-duration.ts';
import type { Language } from '../../../shared/timeline.ts';
import type { SceneSelection } from '../../collab/scene-selection.ts';
import { useSceneMap, useYMapField, useYText } from '../../collab/use-y.ts';
import type { DurationStore, PreviewStore } from './timeline-store.ts';

/**
 * What the blocks share with the timeline. The object is stable for the
 * timeline's life (its methods read the latest state through refs), so the
 * memoised blocks never re-render because of it.
 */
export interface TimelineController {
  doc: Y.Doc;
  selection: SceneSelection;
  awareness: Awareness | null;
  durations: DurationStore;
  previews: PreviewStore;
  /** Current zoom, pixels per second. */
  pps(): number;
  /** Scene ids in timeline order. */
  order(): readonly string[];
  openScene(id: string): void;
  /** A block got focus or was clicked: it becomes the tab stop and this user's focused scene. */
  activate(id: string): void;
  focusAt(index: number): void;
  /** Alt+←/→: one position left or right, keeping the keyboard focus on the block. */
  moveBy(id: string, delta: -1 | 1): void;
  register(id: string, element: HTMLElement | null): void;
  dragStart(id: string): void;
  dragMove(clientX: number): void;
  /** Drops at clientX, or cancels with null. */
  dragEnd(clientX: number | null): void;
}

export const TimelineContext = createContext<TimelineController | null>(null);

export function useTimelineController(): TimelineController {
  const controller = useContext(TimelineContext);
  if (!controller) throw new Error('Timeline blocks must be rendered inside <Timeline>');
  return controller;
}

/** The duration being previewed for one scene while its edge is dragged (null otherwise). */
export function usePreviewSec(previews: PreviewStore, id: string): number | null {
  const get = useCallback(() => previews.get(id), [previews, id]);
  return useSyncExternalStore(previews.subscribe, get, get);
}

export interface SceneTiming {
  map: Y.Map<unknown> | null;
  narration: string;
  /** The stored duration, null when it follows the narration. */
  manual: number | null;
  sec: number;
  auto: boolean;
  /** How far a set duration is from the narration; null when fine or automatic. */
  mismatch: DurationMismatch | null;
}

/**
 * One scene's narration and duration; re-renders only when that scene's
 * fields (or its measurement) change. `measured`: the latest render's
 * measurement of this scene's narration, used while the text is unchanged.
 */
export function useSceneTiming(
  doc: Y.Doc,
  id: string,
  language: Language,
  measured: MeasuredNarration | null = null,
): SceneTiming {
  const map = useSceneMap(doc, id);
  const stored = useYMapField(map, 'durationSec');
  const text = useYMapField(map, 'narration');
  const narration = useYText(text instanceof Y.Text ? text : null);
  const manual = typeof stored === 'number' && Number.isFinite(stored) ? stored : null;
  const measuredSec = measured?.sec;
  const fingerprint = measured?.fingerprint;
  const { sec, auto, mismatch } = useMemo(() => {
    const measurement =
      measuredSec !== undefined && fingerprint !== undefined
        ? { sec: measuredSec, fingerprint }
        : null;
    return {
      ...sceneDuration(narration, language, manual, measurement),
      mismatch: durationMismatch(manual, narrationLength(narration, language, measurement)),
    };
  }, [narration, language, manual, measuredSec, fingerprint]);
  return { map, narration, manual, sec, auto, mismatch };
}
