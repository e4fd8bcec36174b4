import type { Language } from '../../timeline.ts';
import type { MoodLabel, TimeOfDay } from '../types.ts';
import type { Token } from '../text/tokens.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { PlaceWord, RoleWord, TimeShift, VocabularySource } from './types.ts';

export type { PlaceKind, PlaceWord, RoleWord, ShiftCue, VocabularySource } from './types.ts';

export type MoodCategory = Exclude<MoodLabel, 'neutral'>;

/** A word table compiled for lookups: sets and maps keyed by lower-case words or phrases. */
export interface PhraseTable<T> {
  map: ReadonlyMap<string, T>;
  /** The longest key, in words. */
  maxWords: number;
  /** First words of every key: most tokens are rejected with one lookup. */
  firstWords: ReadonlySet<string>;
}

export interface Vocabulary {
  source: VocabularySource;
  language: Language;
  functionWords: ReadonlySet<string>;
  detectionWords: ReadonlySet<string>;
  places: PhraseTable<PlaceWord>;
  times: PhraseTable<TimeOfDay>;
  timeShifts: PhraseTable<TimeShift>;
  roles: PhraseTable<RoleWord>;
  personNouns: ReadonlySet<string>;
  locativePrepositions: ReadonlySet<string>;
  besidePrepositions: ReadonlySet<string>;
  insidePrepositions: ReadonlySet<string>;
  timeNegators: ReadonlySet<string>;
  determiners: ReadonlySet<string>;
  nameLinkers: ReadonlySet<string>;
  speechVerbs: ReadonlySet<string>;
  female: ReadonlySet<string>;
  male: ReadonlySet<string>;
  plural: ReadonlySet<string>;
  firstPersonSubjects: ReadonlySet<string>;
  firstPersonWords: ReadonlySet<string>;
  narratorName: string;
  appearanceNouns: ReadonlySet<string>;
  glossary: ReadonlyMap<string, string>;
  adjectives: ReadonlyMap<string, string>;
  interiorWords: ReadonlySet<string>;
  exteriorWords: ReadonlySet<string>;
  wideShotWords: ReadonlySet<string>;
  closeShotWords: ReadonlySet<string>;
  /** Mood categories a word belongs to (memoised per word). */
  moodsOf(key: string): readonly MoodCategory[];
}

function table<T>(record: Record<string, T>): PhraseTable<T> {
  const map = new Map<string, T>();
  const firstWords = new Set<string>();
  let maxWords = 1;
  for (const [key, value] of Object.entries(record)) {
    const k = key.toLowerCase();
    const words = k.split(' ');
    map.set(k, value);
    firstWords.add(words[0]!);
    maxWords = Math.max(maxWords, words.length);
  }
  return { map, maxWords, firstWords };
}

const set = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));

function compile(source: VocabularySource): Vocabulary {
  const exact = new Map<string, MoodCategory[]>();
  const stems: [string, MoodCategory][] = [];
  for (const [category, words] of Object.entries(source.moods) as [MoodCategory, string[]][]) {
    for (const w of words) {
      if (w.endsWith('*')) stems.push([w.slice(0, -1), category]);
      else exact.set(w, [...(exact.get(w) ?? []), category]);
    }
  }
  const moodCache = new Map<string, readonly MoodCategory[]>();
  const none: readonly MoodCategory[] = [];
  return {
    source,
    language: source.language,
    functionWords: set(source.functionWords),
    detectionWords: set(source.detectionWords),
    places: table(source.places),
    times: table(source.times),
    timeShifts: table(source.timeShifts),
    roles: table(source.roles),
    personNouns: set(source.personNouns),
    locativePrepositions: set(source.locativePrepositions),
    besidePrepositions: set(source.besidePrepositions),
    insidePrepositions: set(source.insidePrepositions),
    timeNegators: set(source.timeNegators),
    determiners: set(source.determiners),
    nameLinkers: set(source.nameLinkers),
    speechVerbs: set(source.speechVerbs),
    female: set(source.pronouns.female),
    male: set(source.pronouns.male),
    plural: set(source.pronouns.plural),
    firstPersonSubjects: set(source.firstPersonSubjects),
    firstPersonWords: set(source.firstPersonWords),
    narratorName: source.narratorName,
    appearanceNouns: set(source.appearanceNouns),
    glossary: new Map(Object.entries(source.glossary)),
    adjectives: new Map(Object.entries(source.adjectives)),
    interiorWords: set(source.interiorWords),
    exteriorWords: set(source.exteriorWords),
    wideShotWords: set(source.wideShotWords),
    closeShotWords: set(source.closeShotWords),
    moodsOf(key) {
      const cached = moodCache.get(key);
      if (cached) return cached;
      const found = new Set<MoodCategory>(exact.get(key) ?? []);
      for (const [stem, category] of stems) if (key.startsWith(stem)) found.add(category);
      const result = found.size ? [...found] : none;
      if (moodCache.size < 50_000) moodCache.set(key, result);
      return result;
    },
  };
}

const compiled = new Map<Language, Vocabulary>();

export function vocabularyFor(language: Language): Vocabulary {
  let v = compiled.get(language);
  if (!v) {
    v = compile(language === 'fr' ? fr : en);
    compiled.set(language, v);
  }
  return v;
}

/** Singular guesses for a plural key: "stalls" → "stall", "beaches" → "beach", "châteaux" → "château". */
function singulars(key: string): string[] {
  const out: string[] = [];
  if (key.endsWith('es')) out.push(key.slice(0, -2));
  if (key.endsWith('s') || key.endsWith('x')) out.push(key.slice(0, -1));
  return out;
}

export interface PhraseMatch<T> {
  value: T;
  /** Number of tokens matched. */
  length: number;
  key: string;
}

/** The longest phrase of `table` starting at token `i` (the last word may be plural). */
export function matchPhrase<T>(
  t: PhraseTable<T>,
  tokens: readonly Token[],
  i: number,
): PhraseMatch<T> | null {
  const first = tokens[i];
  if (!first) return null;
  if (!t.firstWords.has(first.key)) {
    const last = first.key.charCodeAt(first.key.length - 1);
    // Only a plural ("stalls", "châteaux") can still match.
    if (last !== 115 /* s */ && last !== 120 /* x */) return null;
    if (!singulars(first.key).some((s) => t.map.has(s))) return null;
  }
  for (let n = Math.min(t.maxWords, tokens.length - i); n >= 1; n--) {
    let key = first.key;
    for (let k = 1; k < n; k++) key += ' ' + tokens[i + k]!.key;
    const hit = t.map.get(key);
    if (hit !== undefined) return { value: hit, length: n, key };
    if (n === 1) {
      for (const s of singulars(key)) {
        const h = t.map.get(s);
        if (h !== undefined) return { value: h, length: 1, key: s };
      }
    }
  }
  return null;
}
