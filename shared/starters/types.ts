import type { Language, Voice } from '../timeline.ts';

/** A character of a starter project; `voice` omitted: the default voice for its description. */
export interface StarterCastMember {
  /** Key the scenes use to name who appears (not the document id, which is generated). */
  key: string;
  name: string;
  description: string;
  voice?: Voice;
}

/** A scene of a starter project, as the board shows it. */
export interface StarterScene {
  title: string;
  /** What the narrator reads; dialogue as `Name: line` lines (shared/voices/dialogue.ts). */
  narration: string;
  prompt: string;
  /** Seconds; null lets the narration decide (shared/scene-duration.ts). */
  durationSec: number | null;
  mood: string;
  location: string;
  /** Keys of the cast members who appear. */
  cast: readonly string[];
}

/** Everything a new project is built from: its settings, cast and scenes in one language. */
export interface StarterContent {
  title: string;
  language: Language;
  /** The message of revision 1, committed when the project is created. */
  commitMessage: string;
  cast: readonly StarterCastMember[];
  scenes: readonly StarterScene[];
}
