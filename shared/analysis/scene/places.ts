import { isCapitalized, type Token } from '../text/tokens.ts';
import {
  matchPhrase,
  type PlaceKind,
  type PlaceWord,
  type Vocabulary,
} from '../vocabulary/index.ts';

/**
 * Place words found in a run of tokens ("the Gull Point lighthouse", "la
 * grotte bleue"), with what makes them a likely setting: a locative
 * preposition before, a proper-name modifier, descriptive adjectives.
 */

export interface PlaceHit {
  key: string;
  place: PlaceWord;
  index: number;
  length: number;
  /** A locative preposition ("in", "dans") shortly before. */
  locative: boolean;
  /** Capitalised words right before ("Gull Point"). */
  modifier: string | null;
  /** As written, with its modifier and descriptive adjectives ("grande cour pavée"). */
  surface: string;
  /** English adjectives found around the noun ("cobbled", "blue"). */
  englishAdjectives: string[];
  /** "by the barn" / "près de la grange" → 'beside'; "in the barn" / "dans la grange" → 'inside'. */
  approach: 'beside' | 'inside' | null;
}

const MAX_PREPOSITION_WORDS = 3;

/**
 * The preposition that leads to the place noun at `index`, skipping its
 * articles, adjectives and proper-name modifiers ("près de la vieille
 * grange", "outside the Blue Door café"): beside it, inside it, or neither.
 */
function approachOf(
  tokens: readonly Token[],
  index: number,
  vocab: Vocabulary,
): PlaceHit['approach'] {
  let end = index;
  // "près de l'église": the elided article is inside the noun's token, nothing to skip.
  while (
    end > 0 &&
    index - end < 4 &&
    (vocab.determiners.has(tokens[end - 1]!.key) ||
      vocab.adjectives.has(tokens[end - 1]!.key) ||
      isCapitalized(tokens[end - 1]!.text)) &&
    !vocab.locativePrepositions.has(tokens[end - 1]!.key)
  ) {
    end--;
  }
  for (let n = MAX_PREPOSITION_WORDS; n >= 1; n--) {
    if (end - n < 0) continue;
    const words = tokens.slice(end - n, end);
    const phrase = words.map((t) => t.key).join(' ');
    if (vocab.besidePrepositions.has(phrase)) return 'beside';
    if (vocab.insidePrepositions.has(phrase)) return 'inside';
  }
  return null;
}

const KIND_WEIGHT: Record<PlaceKind, number> = {
  building: 3,
  site: 2.5,
  nature: 2,
  settlement: 1.2,
  vehicle: 2,
  part: 0.5,
};

/** Rooms and vehicles are settings only when one is in them ("in the van"), not when named in passing. */
const NEEDS_LOCATIVE: ReadonlySet<PlaceKind> = new Set(['part', 'vehicle']);

/**
 * `relaxed`: a storyboard's Visual: line describes the frame itself, so a
 * room named there is the setting even without "in the".
 */
export function findPlaces(
  tokens: readonly Token[],
  vocab: Vocabulary,
  limit = Infinity,
  relaxed = false,
): PlaceHit[] {
  const hits: PlaceHit[] = [];
  const end = Math.min(tokens.length, limit);
  for (let i = 0; i < end; i++) {
    const m = matchPhrase(vocab.places, tokens, i);
    if (!m) continue;
    // A place noun comes after a determiner or preposition within a few words ("the old mill").
    // French elision carries the article inside the token: "l'auberge", "d'une grotte".
    let introduced = /^[ld]['’]/i.test(tokens[i]!.text);
    let locative = false;
    let modifierStart = i;
    for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
      const t = tokens[k]!;
      if (vocab.locativePrepositions.has(t.key)) {
        introduced = true;
        locative = true;
        break;
      }
      if (/^(?:du|des|of)$/.test(t.key)) {
        introduced = true; // "les marches du château", "the door of the mill"
        break;
      }
      if (vocab.determiners.has(t.key) || /^[ld]['’]/i.test(t.text)) {
        introduced = true;
        const p = tokens[k - 1];
        if (
          p &&
          (vocab.locativePrepositions.has(p.key) ||
            vocab.interiorWords.has(p.key) ||
            vocab.exteriorWords.has(p.key))
        ) {
          locative = true;
        }
        break;
      }
      if (isCapitalized(t.text) && modifierStart === k + 1) modifierStart = k;
      else if (!vocab.adjectives.has(t.key) && !/^\p{Ll}+$/u.test(t.text)) break;
    }
    if (!introduced) {
      i += m.length - 1;
      continue;
    }
    if (NEEDS_LOCATIVE.has(m.value.kind) && !locative && !relaxed) {
      i += m.length - 1;
      continue;
    }
    const modifier =
      modifierStart < i
        ? tokens
            .slice(modifierStart, i)
            .map((t) => t.text)
            .join(' ')
        : null;
    const englishAdjectives: string[] = [];
    let surfaceStart = modifierStart;
    const before = tokens[i - 1];
    if (modifierStart === i && before && vocab.adjectives.has(before.key)) {
      englishAdjectives.push(vocab.adjectives.get(before.key)!);
      surfaceStart = i - 1;
    }
    let surfaceEnd = i + m.length;
    for (let k = surfaceEnd; k < Math.min(tokens.length, surfaceEnd + 2); k++) {
      const adj = vocab.adjectives.get(tokens[k]!.key);
      if (!adj) break;
      englishAdjectives.push(adj);
      surfaceEnd = k + 1;
    }
    const surface = tokens
      .slice(surfaceStart, surfaceEnd)
      .map((t) => t.text.replace(/^[ld]['’]/i, ''))
      .join(' ');
    hits.push({
      key: m.key,
      place: m.value,
      index: i,
      length: m.length,
      locative,
      modifier,
      surface,
      englishAdjectives,
      approach: approachOf(tokens, modifierStart, vocab),
    });
    i += m.length - 1;
  }
  return hits;
}

export function placeWeight(hit: PlaceHit): number {
  return KIND_WEIGHT[hit.place.kind] + (hit.locative ? 0.5 : 0) + (hit.modifier ? 0.5 : 0);
}

/** The place that best names where a passage happens: kind, prepositions and repetition, earliest on ties. */
export function dominantPlace(hits: readonly PlaceHit[]): PlaceHit | null {
  const scores = new Map<string, { score: number; first: PlaceHit; best: PlaceHit }>();
  for (const hit of hits) {
    const s = scores.get(hit.place.english);
    // A scene tends to open on its setting ("La forêt était silencieuse…"), the more so
    // with a preposition ("Plus tard, elle était loin en mer", then "la maison que…" in passing).
    const w = placeWeight(hit) + (hit === hits[0] ? (hit.locative ? 1.25 : 0.75) : 0);
    if (!s) scores.set(hit.place.english, { score: w, first: hit, best: hit });
    else {
      s.score += w;
      if (placeWeight(s.best) < w) s.best = hit;
    }
  }
  let winner: { score: number; first: PlaceHit; best: PlaceHit } | null = null;
  for (const s of scores.values()) {
    if (!winner || s.score > winner.score) winner = s;
  }
  return winner?.best ?? null;
}
