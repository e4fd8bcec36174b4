import type { Token } from '../text/tokens.ts';
import type { TimeOfDay } from '../types.ts';
import { matchPhrase, type Vocabulary } from '../vocabulary/index.ts';

const SMALL_HOURS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
};

/**
 * The first time of day the narration states as its present: "By dusk" →
 * dusk; "since noon" / "depuis l'aube" are the past and skipped; "four in
 * the morning" is still night. Quoted speech is already masked out.
 */
export function detectTimeOfDay(tokens: readonly Token[], vocab: Vocabulary): TimeOfDay | null {
  for (let i = 0; i < tokens.length; i++) {
    const m = matchPhrase(vocab.times, tokens, i);
    if (!m) continue;
    const before = tokens.slice(Math.max(0, i - 4), i);
    const negated = before.slice(-2).some((t) => {
      const raw = t.text.toLowerCase().replace(/’/g, "'");
      return vocab.timeNegators.has(t.key) || vocab.timeNegators.has(raw);
    });
    if (negated) {
      i += m.length - 1;
      continue;
    }
    if (m.value === 'morning') {
      const hour = before.map((t) => SMALL_HOURS[t.key]).find((h) => h !== undefined);
      if (hour !== undefined) return hour <= 4 ? 'night' : 'dawn';
    }
    return m.value;
  }
  return null;
}

/** Where "later" takes the story from each time of day: a scene at sea later that morning is in the afternoon light. */
const LATER: Record<TimeOfDay, TimeOfDay> = {
  dawn: 'morning',
  sunrise: 'morning',
  morning: 'afternoon',
  day: 'afternoon',
  afternoon: 'evening',
  sunset: 'dusk',
  dusk: 'night',
  evening: 'night',
  night: 'night',
};

/** A relative marker counts only where it frames the scene: its opening words ("Later, …", "Le lendemain, …"). */
const SHIFT_WINDOW = 8;

/**
 * The time of a scene from its own words and the scene before: a stated time
 * of day wins ("the next morning", "ce soir-là"); otherwise "later" / "plus
 * tard" moves on from the previous time, "the next day" / "le lendemain"
 * opens a new day in the morning, and a scene that just runs on keeps the
 * previous time (`previous` is null when the scene does not run on).
 */
export function sceneTimeOfDay(
  tokens: readonly Token[],
  vocab: Vocabulary,
  previous: TimeOfDay | null,
  runsOn: boolean,
): TimeOfDay | null {
  const stated = detectTimeOfDay(tokens, vocab);
  if (stated) return stated;
  const end = Math.min(tokens.length, SHIFT_WINDOW);
  for (let i = 0; i < end; i++) {
    const shift = matchPhrase(vocab.timeShifts, tokens, i);
    if (shift?.value === 'next-day') return 'morning';
    if (shift?.value === 'later') return previous ? LATER[previous] : null;
  }
  return runsOn ? previous : null;
}
