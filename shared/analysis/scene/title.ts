import type { RawScene } from '../parse/raw-scene.ts';
import { capitalize, clip, countWords, firstWords, splitSentences } from '../text/tokens.ts';
import type { SceneLocation, TimeOfDay } from '../types.ts';
import type { Vocabulary } from '../vocabulary/index.ts';

/**
 * A short title in the script's language, from the most telling source: the
 * script's own (marker title, heading), the phrase that opened the scene
 * ("Down in the village"), a short first sentence ("La forêt était
 * silencieuse et froide"), the place and time ("Gull Point lighthouse at
 * dusk"), or the first words.
 */

const MAX_TITLE = 80;

export function sceneTitle(
  raw: RawScene,
  location: SceneLocation | null,
  time: TimeOfDay | null,
  index: number,
  vocab: Vocabulary,
): string {
  if (raw.title) return clip(raw.title, MAX_TITLE);
  if (raw.heading && raw.opening === 'slugline' && location) {
    return clip(location.name, MAX_TITLE);
  }
  if (raw.cue && countWords(raw.cue) <= 8)
    return clip(capitalize(raw.cue.replace(/[,;:]+$/, '')), MAX_TITLE);
  const first = raw.paragraphs[0] ? splitSentences(raw.paragraphs[0].slice(0, 400))[0] : undefined;
  if (first && !/^["«“—–-]/.test(first) && countWords(first) <= 7) {
    return clip(first.replace(/[.!?…]+$/, ''), MAX_TITLE);
  }
  if (location) {
    const when = time ? vocab.source.timeLabels[time] : '';
    const joiner = vocab.language === 'fr' ? ', ' : ' ';
    return clip(when ? `${location.name}${joiner}${when}` : location.name, MAX_TITLE);
  }
  const text = raw.paragraphs[0] ?? raw.visual ?? raw.dialogue[0]?.text ?? '';
  const words = firstWords(text, 6).replace(/[,;:.!?…]+$/, '');
  if (words) return clip(words === text ? words : `${words}…`, MAX_TITLE);
  return `${vocab.source.sceneWord} ${index + 1}`;
}

/**
 * A repeated title gets its distinguishing detail ("Riverside night market —
 * later", from the slugline) or a number ("The village (2)").
 */
export function dedupeTitles(
  titles: readonly string[],
  details: readonly (string | null)[],
): string[] {
  const seen = new Map<string, number>();
  return titles.map((t, i) => {
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    if (n === 1) return t;
    const detail = details[i];
    return detail ? `${t} — ${detail}` : `${t} (${n})`;
  });
}
