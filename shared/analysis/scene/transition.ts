import type { Transition } from '../../timeline.ts';
import type { RawScene } from '../parse/raw-scene.ts';
import type { MoodLabel, ScriptFormat } from '../types.ts';

/**
 * How a scene hands over to the next (for the last one: how the video
 * ends). The script's own transition wins (CUT TO:, FADE OUT., Transition:).
 * Otherwise: the end fades to black; a screenplay scene that runs on
 * (CONTINUOUS) cuts; a chapter or a scene break fades through black; two
 * intense, tense scenes in a row cut; the rest cross-fade.
 */
export function chooseTransition(
  scene: RawScene,
  next: RawScene | undefined,
  format: ScriptFormat,
  mood: MoodLabel,
  nextMood: MoodLabel | undefined,
  bothIntense: boolean,
): Transition {
  if (scene.transition) return scene.transition;
  if (!next) return 'fade-black';
  if (format === 'screenplay' && next.timeModifier && /continu|suite/.test(next.timeModifier))
    return 'cut';
  if (
    (format === 'prose' || format === 'markdown') &&
    (next.opening === 'heading' || next.opening === 'break')
  ) {
    return 'fade-black';
  }
  if (mood === 'tense' && nextMood === 'tense' && bothIntense) return 'cut';
  return 'crossfade';
}
