import type { Token } from '../text/tokens.ts';
import type { MoodLabel } from '../types.ts';
import type { MoodCategory, Vocabulary } from '../vocabulary/index.ts';

/**
 * A scene's mood from the language's mood lexicon: the category with the
 * most hits (ties in the order of PRIORITY), its valence, and a raw
 * intensity (arousal per word, exclamations included) that the pipeline
 * normalises across scenes.
 */

const PRIORITY: readonly MoodCategory[] = [
  'tense',
  'somber',
  'joyful',
  'mysterious',
  'hopeful',
  'calm',
];
const VALENCE: Record<MoodCategory, number> = {
  tense: -0.7,
  somber: -0.8,
  joyful: 0.9,
  mysterious: -0.2,
  hopeful: 0.7,
  calm: 0.5,
};
const AROUSAL: Record<MoodCategory, number> = {
  tense: 1,
  somber: 0.35,
  joyful: 0.6,
  mysterious: 0.4,
  hopeful: 0.4,
  calm: 0,
};

export interface MoodScore {
  label: MoodLabel;
  valence: number;
  rawIntensity: number;
}

export function scoreMood(tokens: readonly Token[], text: string, vocab: Vocabulary): MoodScore {
  const hits: Record<MoodCategory, number> = {
    tense: 0,
    somber: 0,
    joyful: 0,
    mysterious: 0,
    hopeful: 0,
    calm: 0,
  };
  let total = 0;
  for (const t of tokens) {
    for (const c of vocab.moodsOf(t.key)) {
      hits[c]++;
      total++;
    }
  }
  const exclamations = (text.match(/!/g) ?? []).length;
  let label: MoodLabel = 'neutral';
  let best = 0;
  for (const c of PRIORITY) {
    if (hits[c] > best) {
      best = hits[c];
      label = c;
    }
  }
  // One stray word in a long scene is not a mood.
  if (
    best < 1 ||
    (best < 2 && tokens.length > 30) ||
    (tokens.length > 60 && best < tokens.length / 80)
  ) {
    label = 'neutral';
  }
  let valence = 0;
  let arousal = exclamations * 0.7;
  for (const c of PRIORITY) {
    valence += VALENCE[c] * hits[c];
    arousal += AROUSAL[c] * hits[c];
  }
  return {
    label,
    valence: total ? Math.max(-1, Math.min(1, valence / total)) : 0,
    rawIntensity: arousal / Math.max(20, tokens.length),
  };
}
