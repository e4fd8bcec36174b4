import type { Language, Motion, StylePreset, Transition } from '../timeline.ts';
import type { AnalysisWarning } from './warnings.ts';

/**
 * The result of a script analysis: plain JSON (no classes, no Maps, no
 * undefined values) so `POST /api/v1/analysis/scenes` can return it as-is and
 * the editor can hand it to `applyAnalysis` after a round trip.
 */

export const SCRIPT_FORMATS = ['prose', 'markdown', 'screenplay', 'storyboard'] as const;
export type ScriptFormat = (typeof SCRIPT_FORMATS)[number];

export const TIMES_OF_DAY = [
  'dawn',
  'sunrise',
  'morning',
  'day',
  'afternoon',
  'sunset',
  'dusk',
  'evening',
  'night',
] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const MOODS = [
  'tense',
  'somber',
  'joyful',
  'calm',
  'mysterious',
  'hopeful',
  'neutral',
] as const;
export type MoodLabel = (typeof MOODS)[number];

export const SHOT_TYPES = ['wide', 'medium', 'close-up'] as const;
export type ShotType = (typeof SHOT_TYPES)[number];

export type Setting = 'interior' | 'exterior' | 'unknown';
export type Gender = 'female' | 'male';
export type CastRole = 'protagonist' | 'supporting' | 'minor';
export type ActLabel = 'setup' | 'confrontation' | 'resolution';

export interface AnalyzeOptions {
  /** Forces a format; 'auto' (default) detects it. */
  format?: ScriptFormat | 'auto';
  /** Forces a language; 'auto' (default) detects it. */
  language?: Language | 'auto';
  /** Style used for the image prompts (default 'cinematic'). */
  stylePreset?: StylePreset;
  /** Prose and markdown only: aim for this many scenes (1..500). */
  targetScenes?: number;
  /** Prose and markdown only: a soft break never leaves a scene shorter than this (default 20). */
  minWordsPerScene?: number;
  /** Prose and markdown only: longer scenes are split (default 160). */
  maxWordsPerScene?: number;
}

export interface SceneLocation {
  /** As written, in the script's language ("Riverside night market", "Grotte bleue"). */
  name: string;
  /** English wording for image prompts ("blue cave"). */
  english: string;
  setting: Setting;
}

export interface DialogueLine {
  /** Cast id of the speaker, null when it could not be attributed. */
  speakerId: string | null;
  /** The speaker as named in the script (cue or resolved cast name), null when unknown. */
  speaker: string | null;
  text: string;
  /** Screenplay parenthetical ("under her breath"), without the brackets. */
  parenthetical: string | null;
}

export interface SceneCamera {
  shot: ShotType;
  /** The doc's motion for this shot (zoom, pan or static). */
  motion: Motion;
  /** Why this shot was chosen, for the UI ("establishing shot of a new place"). */
  reason: string;
}

export interface SceneMood {
  label: MoodLabel;
  /** -1 (dark) .. 1 (bright). */
  valence: number;
  /** 0 (quiet) .. 1 (the most intense scene of the script). */
  intensity: number;
}

export interface AnalyzedScene {
  /** Stable within one analysis: 'scene-1', 'scene-2', … */
  id: string;
  index: number;
  title: string;
  /** The slugline, marker or heading that opened the scene, if any. */
  heading: string | null;
  /** Text to narrate. Screenplay: action lines only (dialogue is in `dialogue`). */
  narration: string;
  dialogue: DialogueLine[];
  /** English description of what the frame shows (subject and action), without style. */
  visual: string;
  /** The full image prompt for the chosen style (see buildImagePrompt). */
  prompt: string;
  negativePrompt: string;
  location: SceneLocation | null;
  timeOfDay: TimeOfDay | null;
  /** Cast ids present in the scene, most mentioned first. */
  characters: string[];
  mood: SceneMood;
  camera: SceneCamera;
  /** How this scene hands over to the next one; for the last scene, how the video ends. */
  transition: Transition;
  durationSec: number;
  wordCount: number;
  /** 1 = setup, 2 = confrontation, 3 = resolution. */
  act: number;
  /** 1-based, inclusive line range in the normalised script (`ScriptAnalysis.script`). */
  lines: { start: number; end: number };
}

export interface CastMember {
  /** Stable within one analysis: 'cast-1', … (ordered by importance). */
  id: string;
  /** Canonical name: the fullest form seen ("Mara Quinn"), or the role ("Le roi"). */
  name: string;
  /**
   * 'role' for a character known only by a role noun ("the king"); 'creature'
   * for a named animal or thing that speaks ("Pip, the old crow"): a
   * character, described without human features.
   */
  kind: 'named' | 'role' | 'creature';
  /** Other forms that refer to the same character ("Mara", "le prince"). */
  aliases: string[];
  mentions: number;
  /** Index of the first scene where the character appears. */
  firstScene: number;
  /** Indexes of every scene where the character appears. */
  scenes: number[];
  role: CastRole;
  gender: Gender | null;
  /** Gathered from the text, in the script's language; '' when none was found. */
  description: string;
  /** English appearance wording for image prompts ("young prince"); '' when none. */
  visual: string;
}

export interface Act {
  act: number;
  label: ActLabel;
  /** Inclusive scene index range. */
  firstScene: number;
  lastScene: number;
  durationSec: number;
}

export interface ScriptStats {
  words: number;
  characters: number;
  sentences: number;
  /** Silent reading time at the language's reading speed. */
  readingTimeSec: number;
  /** Sum of the scene durations. */
  durationSec: number;
  /** Narration speed used for the durations. */
  speakingWordsPerMinute: number;
}

export interface ScriptAnalysis {
  /** Bumped when the shape changes. */
  version: 1;
  language: Language;
  /** 0..1; below 0.3 the language was a guess (a warning says so). */
  languageConfidence: number;
  format: ScriptFormat;
  /** True when the format came from the caller rather than detection. */
  formatOverridden: boolean;
  /** The title found in the script (title page, leading heading), null when none. */
  title: string | null;
  stylePreset: StylePreset;
  stats: ScriptStats;
  scenes: AnalyzedScene[];
  cast: CastMember[];
  acts: Act[];
  /** Notes in English for API clients (guessed language, ignored option, split long scene…). */
  warnings: string[];
  /** The same notes in the same order, each with its code and parameters, for the UI to word. */
  warningDetails: AnalysisWarning[];
  /** The normalised script (LF line endings, no BOM); `lines` ranges point into it. */
  script: string;
}
