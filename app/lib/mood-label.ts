import { MOODS, type MoodLabel } from '../../shared/analysis/types.ts';
import type { I18n, MessageKey } from '../i18n/index.ts';

/**
 * A scene's mood is free text stored in English when it is one of the
 * analysis moods (it feeds image and voice prompts). The UI shows a known
 * mood in the user's language and reads a typed label of one back as the
 * English value, so "calme" typed in French is stored as "calm".
 */
const MOOD_KEYS: Record<MoodLabel, MessageKey> = {
  tense: 'mood.tense',
  somber: 'mood.somber',
  joyful: 'mood.joyful',
  calm: 'mood.calm',
  mysterious: 'mood.mysterious',
  hopeful: 'mood.hopeful',
  neutral: 'mood.neutral',
};

function isMood(value: string): value is MoodLabel {
  return (MOODS as readonly string[]).includes(value);
}

/** The stored mood as the user reads it: a known mood translated, anything else as written. */
export function moodForDisplay(stored: string, i18n: I18n): string {
  return isMood(stored) ? i18n.t(MOOD_KEYS[stored]) : stored;
}

/**
 * What to store for typed text: the English mood when the text is exactly a
 * known mood's label, else the text as typed. Exact, so that the field shows
 * back what was typed (a trailing space or a capital is kept while typing on).
 */
export function moodFromInput(typed: string, i18n: I18n): string {
  return MOODS.find((mood) => i18n.t(MOOD_KEYS[mood]) === typed) ?? typed;
}

/** The catalogue key of every analysis mood (for tests that each reads in every language). */
export const MOOD_MESSAGE_KEYS: Readonly<Record<MoodLabel, MessageKey>> = MOOD_KEYS;
