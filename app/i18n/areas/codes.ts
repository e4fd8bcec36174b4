/**
 * Words for values and codes that come from the analysis and the render node
 * (moods, analysis warnings, render failures): the data keeps its English
 * value or code (a mood feeds prompts; API clients read the English text),
 * and the UI words it here in the user's language.
 */
export const en = {
  'mood.tense': 'tense',
  'mood.somber': 'somber',
  'mood.joyful': 'joyful',
  'mood.calm': 'calm',
  'mood.mysterious': 'mysterious',
  'mood.hopeful': 'hopeful',
  'mood.neutral': 'neutral',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'mood.tense': 'tendue',
  'mood.somber': 'sombre',
  'mood.joyful': 'joyeuse',
  'mood.calm': 'calme',
  'mood.mysterious': 'mystérieuse',
  'mood.hopeful': 'pleine d’espoir',
  'mood.neutral': 'neutre',
};
