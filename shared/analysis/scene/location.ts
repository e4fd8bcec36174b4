import { glossToEnglish } from '../cast/gloss.ts';
import type { RawScene } from '../parse/raw-scene.ts';
import type { SceneText } from '../scene-text.ts';
import { capitalize, tokenize } from '../text/tokens.ts';
import type { SceneLocation, Setting } from '../types.ts';
import type { PlaceKind, Vocabulary } from '../vocabulary/index.ts';
import { dominantPlace, findPlaces, type PlaceHit } from './places.ts';

/**
 * Where a scene happens: the slugline or Location: field when the script
 * says so, otherwise the dominant place word of the visual and narration.
 * Interior or exterior comes from the script, else from a vote of the place
 * words (rooms and vehicles inside; streets, nature, towns outside) and of
 * words such as "inside" / "dehors".
 */

/** How strongly a place word says where the camera is: a room or a roof more than a building seen from outside. */
const SETTING_WEIGHT: Record<PlaceKind, number> = {
  building: 1,
  vehicle: 1.5,
  part: 2,
  site: 1,
  nature: 1,
  settlement: 1,
};

function voteSetting(
  hits: readonly PlaceHit[],
  keys: readonly string[],
  vocab: Vocabulary,
  main: PlaceHit | null = null,
): Setting {
  let interior = 0;
  let exterior = 0;
  for (const h of hits) {
    // The main place counts twice: a cave is inside even if the village is named.
    const weight = (h.place.english === main?.place.english ? 2 : 1) * SETTING_WEIGHT[h.place.kind];
    // The preposition says where the camera is: "on a bench by the barn" is outside it,
    // "in the barn" inside (a forest stays outside whatever the preposition).
    const enclosed = h.place.kind !== 'nature' && h.place.kind !== 'settlement';
    if (enclosed && h.approach === 'beside') exterior += weight;
    else if (enclosed && h.approach === 'inside' && h.place.setting !== 'exterior')
      interior += weight;
    else if (h.place.setting === 'interior') interior += weight;
    else if (h.place.setting === 'exterior') exterior += weight;
  }
  for (const k of keys) {
    if (vocab.interiorWords.has(k)) interior += 1;
    if (vocab.exteriorWords.has(k)) exterior += 1;
  }
  if (interior > exterior) return 'interior';
  if (exterior > interior) return 'exterior';
  return 'unknown';
}

export function detectLocation(
  raw: RawScene,
  text: SceneText,
  vocab: Vocabulary,
): SceneLocation | null {
  if (raw.location && raw.location.name) {
    const name = raw.location.name;
    const nameTokens = tokenize(name);
    const hits = findPlaces(nameTokens, vocab);
    const setting =
      raw.location.setting !== 'unknown'
        ? raw.location.setting
        : voteSetting(
            hits,
            nameTokens.map((t) => t.key),
            vocab,
          );
    const english = vocab.language === 'en' ? name : glossToEnglish(name, vocab) || name;
    return { name, english, setting };
  }
  // A storyboard's narration is a voice-over: its Visual: line alone shows the place.
  const tokens = raw.visual ? text.visualTokens : text.tokens;
  const hits = findPlaces(tokens, vocab, Infinity, raw.visual !== null);
  const best = dominantPlace(hits);
  if (!best) return null;
  const setting = voteSetting(
    hits,
    tokens.map((t) => t.key),
    vocab,
    best,
  );
  let english =
    vocab.language === 'en'
      ? best.surface
      : [...best.englishAdjectives, best.place.english].join(' ');
  // "the lantern room of the lighthouse": a room inside the building names the shot better.
  // Only a room named early is where the scene is ("from the lantern room"), not one named in passing later.
  const early = Math.max(8, tokens.length * 0.4);
  const room = hits.find(
    (h) =>
      h.place.kind === 'part' && h.locative && h.place.setting === 'interior' && h.index < early,
  );
  if (room && best.place.kind === 'building' && setting === 'interior') {
    const roomWords = vocab.language === 'en' ? room.surface : room.place.english;
    english = `${roomWords} of the ${english}`;
  }
  return { name: capitalize(best.surface), english, setting };
}
