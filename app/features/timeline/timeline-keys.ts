/** Pure keyboard rules of the ruler (the playhead's slider). No React, no DOM. */

const KEY_STEPS: Partial<Record<string, number>> = {
  ArrowLeft: -1,
  ArrowDown: -1,
  ArrowRight: 1,
  ArrowUp: 1,
  PageDown: -10,
  PageUp: 10,
};

/**
 * Where a key press moves the playhead, in seconds, or null for a key the
 * ruler leaves alone. Arrows step 1 s (5 s with Shift), Page keys 10 s, Home
 * and End jump to the ends; steps land on whole seconds, the ruler's marks.
 */
export function playheadAfterKey(
  key: string,
  shiftKey: boolean,
  playhead: number,
  totalSec: number,
): number | null {
  if (key === 'Home') return 0;
  if (key === 'End') return totalSec;
  const step = Object.hasOwn(KEY_STEPS, key) ? KEY_STEPS[key] : undefined;
  if (step === undefined) return null;
  const size = shiftKey && Math.abs(step) === 1 ? 5 : 1;
  return step > 0 ? Math.floor(playhead) + step * size : Math.ceil(playhead) + step * size;
}
