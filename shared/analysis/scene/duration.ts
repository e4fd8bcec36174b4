import { MAX_SCENE_SEC } from '../../api/limits.ts';
import type { ScriptFormat } from '../types.ts';

/**
 * Seconds a scene lasts on screen: its words at the language's narration
 * speed, a pause per dialogue line (speaker change) and per paragraph, and a
 * beat to let the image land. An explicit duration (storyboard) wins.
 */

export const MIN_SCENE_SEC = 3;
const DIALOGUE_PAUSE_SEC = 0.5;
const PARAGRAPH_PAUSE_SEC = 0.3;
const LEAD_SEC = 1;

export interface DurationInput {
  narrationWords: number;
  dialogueWords: number;
  dialogueLines: number;
  paragraphs: number;
  explicit: number | null;
  format: ScriptFormat;
}

const round = (sec: number) => Math.round(sec * 2) / 2;

export function estimateDuration(input: DurationInput, wordsPerMinute: number): number {
  if (input.explicit !== null && input.explicit > 0) {
    return Math.min(MAX_SCENE_SEC, Math.max(1, round(input.explicit)));
  }
  const sec = estimateSpokenSec(input, wordsPerMinute) + LEAD_SEC;
  return Math.min(MAX_SCENE_SEC, Math.max(MIN_SCENE_SEC, round(sec)));
}

/**
 * Seconds the words take to say, with their pauses, unrounded and without the
 * beat before the scene: the one narration-speed estimate (the timeline uses
 * it too, until a render has measured the narration).
 */
export function estimateSpokenSec(
  input: Omit<DurationInput, 'explicit'>,
  wordsPerMinute: number,
): number {
  // Prose quotes are part of the narration already; other formats keep dialogue apart.
  const spoken =
    input.narrationWords +
    (input.format === 'prose' || input.format === 'markdown' ? 0 : input.dialogueWords);
  return (
    (spoken / wordsPerMinute) * 60 +
    input.dialogueLines * DIALOGUE_PAUSE_SEC +
    Math.max(0, input.paragraphs - 1) * PARAGRAPH_PAUSE_SEC
  );
}
