import type { Transition } from '../../timeline.ts';
import type { Setting, ShotType, TimeOfDay } from '../types.ts';
import type { AnalysisWarning } from '../warnings.ts';

/**
 * What a format parser hands to the enrichment steps: the scene's text and
 * whatever the script states explicitly (slugline place and time, storyboard
 * fields, transitions). Everything else is inferred later, the same way for
 * every format.
 */

export interface RawDialogue {
  /** As written in the script (cue, speaker tag); null when unknown. */
  speaker: string | null;
  text: string;
  parenthetical: string | null;
}

/** How the scene was opened; decides default transitions and titles. */
export type SceneOpening = 'start' | 'slugline' | 'marker' | 'heading' | 'break' | 'cue' | 'length';

export interface RawScene {
  heading: string | null;
  /** An explicit title (storyboard marker title, heading, chapter). */
  title: string | null;
  /** The phrase that opened a prose scene ("Down in the village"), for titles. */
  cue: string | null;
  opening: SceneOpening;
  startLine: number;
  endLine: number;
  /** Narration paragraphs: prose text, screenplay action, storyboard narration. */
  paragraphs: string[];
  dialogue: RawDialogue[];
  /** Storyboard "Visual:" text. */
  visual: string | null;
  location: { name: string; setting: Setting } | null;
  timeOfDay: TimeOfDay | null;
  /** Screenplay slugline modifier: 'continuous', 'later', … (lower case). */
  timeModifier: string | null;
  transition: Transition | null;
  shot: ShotType | null;
  durationSec: number | null;
}

export interface CharacterIntro {
  /** As written ("JUNE PARK"). */
  name: string;
  description: string;
  sceneIndex: number;
}

export interface ParsedScript {
  title: string | null;
  scenes: RawScene[];
  warnings: AnalysisWarning[];
  /** Screenplay only: character cues in order of first appearance. */
  cues: string[];
  /** Screenplay only: "JUNE PARK (30s, apron, tired eyes)" introductions. */
  intros: CharacterIntro[];
}

export function emptyScene(startLine: number, opening: SceneOpening): RawScene {
  return {
    heading: null,
    title: null,
    cue: null,
    opening,
    startLine,
    endLine: startLine,
    paragraphs: [],
    dialogue: [],
    visual: null,
    location: null,
    timeOfDay: null,
    timeModifier: null,
    transition: null,
    shot: null,
    durationSec: null,
  };
}

/** A scene with nothing to show or say (a lone slugline still counts: it has a place). */
export function isEmptyScene(scene: RawScene): boolean {
  return (
    scene.paragraphs.length === 0 &&
    scene.dialogue.length === 0 &&
    scene.visual === null &&
    scene.location === null &&
    scene.title === null
  );
}
