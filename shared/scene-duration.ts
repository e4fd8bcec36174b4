import { estimateDuration, MIN_SCENE_SEC } from './analysis/scene/duration.ts';
import { countWords } from './analysis/text/tokens.ts';
import { en } from './analysis/vocabulary/en.ts';
import { fr } from './analysis/vocabulary/fr.ts';
import type { Language } from './timeline.ts';

/** Narration speed per language: the one the script analysis uses. */
const WORDS_PER_MINUTE: Record<Language, number> = {
  en: en.speakingWordsPerMinute,
  fr: fr.speakingWordsPerMinute,
};

/** Paragraphs are separated by a blank line (how the analysis writes narration). */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/;

/**
 * How long a scene lasts on screen. A set duration wins; `null` means
 * automatic (`auto: true`): estimated from the narration like the script
 * analysis does, and at least MIN_SCENE_SEC for an empty narration.
 */
export function sceneDuration(
  narration: string,
  language: Language,
  durationSec: number | null,
): { sec: number; auto: boolean } {
  if (durationSec !== null) return { sec: durationSec, auto: false };
  const narrationWords = countWords(narration);
  if (!narrationWords) return { sec: MIN_SCENE_SEC, auto: true };
  const paragraphs = narration.split(PARAGRAPH_BREAK).filter((p) => p.trim()).length;
  const sec = estimateDuration(
    {
      narrationWords,
      dialogueWords: 0,
      dialogueLines: 0,
      paragraphs,
      explicit: null,
      format: 'prose',
    },
    WORDS_PER_MINUTE[language] ?? WORDS_PER_MINUTE.en,
  );
  return { sec, auto: true };
}
