import { chapterAt, type Chapter } from './playback.ts';

/** What a key does in the theatre. */
export type TheatreAction =
  | { kind: 'toggle' }
  | { kind: 'pause' }
  | { kind: 'seekBy'; sec: number }
  | { kind: 'seekTo'; to: 'start' | 'end' }
  | { kind: 'chapter'; step: -1 | 1 }
  | { kind: 'close' };

/** ←/→ step, as most web players. */
export const ARROW_STEP_SEC = 5;
/** J/L step, as most web players. */
export const JL_STEP_SEC = 10;
/** "Previous chapter" this far into a chapter goes back to its start first. */
export const RESTART_CHAPTER_SEC = 1;

/** Where the key was pressed: a text field keeps every key but Escape; a button keeps Space and Enter. */
export type KeyTarget = 'field' | 'button' | 'other';

interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The theatre's shortcuts: Space play/pause, ←/→ 5 s, J/L 10 s back/forward,
 * K pause, Home/End, PageUp/PageDown or ,/. previous/next chapter, Escape
 * closes. Keys with Ctrl, ⌘ or Alt belong to the browser.
 */
export function theatreAction(press: KeyPress, target: KeyTarget): TheatreAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return { kind: 'close' };
  if (target === 'field') return null;
  switch (press.key) {
    case ' ':
      return target === 'button' ? null : { kind: 'toggle' };
    case 'ArrowLeft':
      return { kind: 'seekBy', sec: -ARROW_STEP_SEC };
    case 'ArrowRight':
      return { kind: 'seekBy', sec: ARROW_STEP_SEC };
    case 'Home':
      return { kind: 'seekTo', to: 'start' };
    case 'End':
      return { kind: 'seekTo', to: 'end' };
    case 'PageUp':
    case ',':
      return { kind: 'chapter', step: -1 };
    case 'PageDown':
    case '.':
      return { kind: 'chapter', step: 1 };
  }
  switch (press.key.toLowerCase()) {
    case 'j':
      return { kind: 'seekBy', sec: -JL_STEP_SEC };
    case 'k':
      return { kind: 'pause' };
    case 'l':
      return { kind: 'seekBy', sec: JL_STEP_SEC };
  }
  return null;
}

/**
 * The time a seeking action goes to, within 0..duration; null when it has
 * nowhere to go (the next chapter after the last one).
 */
export function seekTarget(
  action: Extract<TheatreAction, { kind: 'seekBy' | 'seekTo' | 'chapter' }>,
  state: { timeSec: number; durationSec: number; chapters: readonly Chapter[] },
): number | null {
  const { timeSec, durationSec, chapters } = state;
  const clamp = (t: number) => Math.min(Math.max(0, t), Math.max(0, durationSec));
  if (action.kind === 'seekBy') return clamp(timeSec + action.sec);
  if (action.kind === 'seekTo') return action.to === 'start' ? 0 : clamp(durationSec);
  const index = chapterAt(chapters, timeSec);
  if (action.step === 1) {
    const next = chapters[index + 1];
    return next ? clamp(next.startSec) : null;
  }
  const current = chapters[index];
  if (current && timeSec - current.startSec > RESTART_CHAPTER_SEC) return clamp(current.startSec);
  const previous = chapters[index - 1];
  return previous ? clamp(previous.startSec) : 0;
}

/** What kind of element a key event came from. */
export function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof Element)) return 'other';
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return 'field';
  if (target.closest('button, a[href], [role="button"]')) return 'button';
  return 'other';
}
