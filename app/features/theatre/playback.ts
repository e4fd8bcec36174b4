import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

/** A render's chapter: where one scene starts in the video. */
export interface Chapter {
  sceneId: string;
  startSec: number;
}

/** Where a player is: the scene under the playhead and how far into it (0..1). */
export interface PlaybackPoint {
  renderId: string;
  timeSec: number;
  /** The chapter under the playhead (-1 before the first one). */
  index: number;
  sceneId: string | null;
  fraction: number;
}

/**
 * A chapter starting within this many seconds after `time` counts as current:
 * a seek to a chapter's start lands a few milliseconds early on some decoders.
 */
const CHAPTER_SLACK_SEC = 0.05;

/** The index of the chapter playing at `timeSec` in chapters sorted by start (-1: before all). */
export function chapterAt(chapters: readonly Chapter[], timeSec: number): number {
  return chapters.findLastIndex((c) => c.startSec <= timeSec + CHAPTER_SLACK_SEC);
}

/** The chapters by start time (a render stores them in scene order, which is the same today). */
export function sortedChapters<C extends Chapter>(chapters: readonly C[]): C[] {
  return [...chapters].sort((a, b) => a.startSec - b.startSec);
}

/** The scene under the playhead and the fraction of it played, from the render's chapters. */
export function playbackPoint(
  renderId: string,
  chapters: readonly Chapter[],
  durationSec: number,
  timeSec: number,
): PlaybackPoint {
  const index = chapterAt(chapters, timeSec);
  const chapter = chapters[index];
  if (!chapter) return { renderId, timeSec, index, sceneId: null, fraction: 0 };
  const end = chapters[index + 1]?.startSec ?? durationSec;
  const length = end - chapter.startSec;
  const fraction = length > 0 ? Math.min(1, Math.max(0, (timeSec - chapter.startSec) / length)) : 0;
  return { renderId, timeSec, index, sceneId: chapter.sceneId, fraction };
}

/**
 * The time in the video of a point of a scene (the inverse of
 * `playbackPoint`); null when the render has no chapter for that scene.
 */
export function timeOfScenePoint(
  chapters: readonly Chapter[],
  durationSec: number,
  sceneId: string,
  fraction: number,
): number | null {
  const index = chapters.findIndex((c) => c.sceneId === sceneId);
  const chapter = chapters[index];
  if (!chapter) return null;
  const end = chapters[index + 1]?.startSec ?? durationSec;
  return (
    chapter.startSec + Math.min(1, Math.max(0, fraction)) * Math.max(0, end - chapter.startSec)
  );
}

/** Where to resume a render when its player changes size (panel ↔ theatre). */
interface Resume {
  renderId: string;
  timeSec: number;
  playing: boolean;
}

/**
 * The playback position of the open preview on this page, published by the
 * player and read by the scene board and the timeline (each scene re-renders
 * only when its own answer changes), plus where a player that replaces
 * another picks up.
 */
export class PlaybackPosition {
  #point: PlaybackPoint | null = null;
  #resume: Resume | null = null;
  #listeners = new Set<() => void>();
  #seekers = new Set<(sceneId: string, fraction: number) => void>();

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  get point(): PlaybackPoint | null {
    return this.#point;
  }

  publish(point: PlaybackPoint, playing: boolean) {
    this.#resume = { renderId: point.renderId, timeSec: point.timeSec, playing };
    const before = this.#point;
    if (
      before?.renderId === point.renderId &&
      before.sceneId === point.sceneId &&
      before.fraction === point.fraction &&
      before.timeSec === point.timeSec
    ) {
      return;
    }
    this.#point = point;
    this.#emit();
  }

  /** Where a new player of `renderId` starts (null: from the beginning, paused). */
  resumeOf(renderId: string): { timeSec: number; playing: boolean } | null {
    return this.#resume?.renderId === renderId ? this.#resume : null;
  }

  /** The player went away: no scene is marked any more (the resume point stays). */
  release(renderId: string) {
    if (this.#point?.renderId !== renderId) return;
    this.#point = null;
    this.#emit();
  }

  /** The player follows seeks asked from elsewhere (the timeline's ruler). */
  onSeekRequest(seeker: (sceneId: string, fraction: number) => void) {
    this.#seekers.add(seeker);
    return () => {
      this.#seekers.delete(seeker);
    };
  }

  /** Asks the open player, if any, to go to this point of this scene. */
  requestSeek(sceneId: string, fraction: number) {
    for (const seeker of this.#seekers) seeker(sceneId, fraction);
  }

  /** The preview closed: the next one starts from the beginning. */
  forget() {
    this.#resume = null;
  }

  #emit() {
    for (const listener of this.#listeners) listener();
  }
}

/** The page's playback position (null outside the editor: nothing is marked). */
export const PlaybackContext = createContext<PlaybackPosition | null>(null);

const noSubscribe = () => () => {};

/** The preview's position (null when no preview plays): the timeline's playhead follows it. */
export function usePlaybackPoint(): PlaybackPoint | null {
  const playback = useContext(PlaybackContext);
  const get = useCallback(() => playback?.point ?? null, [playback]);
  return useSyncExternalStore(playback?.subscribe ?? noSubscribe, get, get);
}

/** The page's playback position, to ask the player for a seek (null outside the editor). */
export function usePlayback(): PlaybackPosition | null {
  return useContext(PlaybackContext);
}

/** Whether this scene is under the preview's playhead. */
export function useIsPlaying(sceneId: string): boolean {
  const playback = useContext(PlaybackContext);
  const get = useCallback(() => playback?.point?.sceneId === sceneId, [playback, sceneId]);
  return useSyncExternalStore(playback?.subscribe ?? noSubscribe, get, get);
}

/**
 * Scrolls the playing scene's card on the board into view, without moving
 * the focus (the timeline keeps its playhead in view itself).
 */
export function revealPlayingScene(sceneId: string) {
  document
    .querySelector(`[data-testid="scene-item"][data-scene-id="${CSS.escape(sceneId)}"]`)
    ?.scrollIntoView({ block: 'nearest' });
}
