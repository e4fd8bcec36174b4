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
