import type { Language } from '../../timeline.ts';
import type { Gender, MoodLabel, Setting, TimeOfDay } from '../types.ts';

/**
 * Per-language word tables. They hold closed or bounded vocabularies the
 * analyser needs and no NLP library provides: place and time words with their
 * English wording (prompts are always English), role nouns ("le roi"), speech
 * verbs, a small mood lexicon, and the cues that open a new scene in prose.
 * Names, parts of speech and common-word checks come from compromise when it
 * is loaded (see nlp/).
 */

export type PlaceKind = 'building' | 'vehicle' | 'part' | 'site' | 'nature' | 'settlement';

export interface PlaceWord {
  english: string;
  kind: PlaceKind;
  setting: Setting;
}

export interface RoleWord {
  english: string;
  gender: Gender | null;
}

export type CueKind = 'time' | 'place' | 'return';

export interface ShiftCue {
  /** Tested on the lower-cased start of a sentence (leading quotes removed). */
  pattern: RegExp;
  /** 3 opens a scene anywhere; 2 opens one at a paragraph start. */
  score: number;
  kind: CueKind;
  /** Also matches inside the first sentence of a paragraph, not only at its start. */
  anywhere?: boolean;
}

export type MoodWords = Record<Exclude<MoodLabel, 'neutral'>, readonly string[]>;

export type TimeShift = 'later' | 'next-day';

export interface VocabularySource {
  language: Language;
  /** Narration speed (espeak-ng and human narrators are close to this). */
  speakingWordsPerMinute: number;
  /** Silent reading speed, for `readingTimeSec`. */
  readingWordsPerMinute: number;
  /** Function words: never names, and language detection evidence. */
  functionWords: readonly string[];
  /** Frequent words typical of this language only (language detection). */
  detectionWords: readonly string[];
  places: Record<string, PlaceWord>;
  locativePrepositions: readonly string[];
  /**
   * Phrases before a building that put the camera outside, next to it ("by
   * the barn", "près de la grange"), or inside it ("in the barn", "dans la
   * grange"); as token keys (elision removed: "intérieur de").
   */
  besidePrepositions: readonly string[];
  insidePrepositions: readonly string[];
  /** Multi-word keys allowed ("lever du soleil"). */
  times: Record<string, TimeOfDay>;
  /**
   * Relative time markers: 'later' moves the story on from the previous
   * scene's time ("later", "plus tard"); 'next-day' starts a new day ("the next
   * day", "le lendemain"). Multi-word keys allowed.
   */
  timeShifts: Record<string, TimeShift>;
  /** A time word right after these is not the scene's time ("since noon"). */
  timeNegators: readonly string[];
  roles: Record<string, RoleWord>;
  /**
   * Nouns for people that are not roles of their own ("woman", "friend"): with
   * the role nouns, they tell "Old Ben, the apple tree" (a thing) from "Tomas,
   * a friend" (a person) in an apposition.
   */
  personNouns: readonly string[];
  /** Articles and possessives that introduce a role noun. */
  determiners: readonly string[];
  /** "a prince named Alexandre". */
  nameLinkers: readonly string[];
  speechVerbs: readonly string[];
  pronouns: { female: readonly string[]; male: readonly string[]; plural: readonly string[] };
  /**
   * First-person singular, as token keys: the subject ("I", "je"; "j'" is
   * found by its elision) and the other forms ("me", "my", "mon"). A story
   * told in them has a narrator who is its protagonist, called `narratorName`.
   */
  firstPersonSubjects: readonly string[];
  firstPersonWords: readonly string[];
  narratorName: string;
  appearanceNouns: readonly string[];
  /** Visual nouns and their English wording (empty for English: the text is used as is). */
  glossary: Record<string, string>;
  /** Descriptive adjectives and their English wording. */
  adjectives: Record<string, string>;
  /** Stems ending in '*' match any ending. */
  moods: MoodWords;
  shiftCues: readonly ShiftCue[];
  /** For scene titles: "at dusk", "au crépuscule". */
  timeLabels: Record<TimeOfDay, string>;
  /** Words that call for a wide shot (crowds, landscapes) or a close-up (faces, hands, documents). */
  wideShotWords: readonly string[];
  closeShotWords: readonly string[];
  interiorWords: readonly string[];
  exteriorWords: readonly string[];
  /** "Scene" / "Scène", for fallback titles. */
  sceneWord: string;
  /** Joins two names in titles and subjects: "and" / "et". */
  and: string;
}
