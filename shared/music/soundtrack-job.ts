import { sceneDuration } from '../scene-duration.ts';
import type { Language } from '../timeline.ts';
import {
  isSceneMood,
  MOOD_OF_SCENE,
  type MusicGenerateJobData,
  type SoundtrackScene,
} from './soundtrack.ts';
import {
  MAX_SOUNDTRACK_SEC,
  type KeptSoundtrack,
  type SoundtrackMood,
  type SoundtrackRequest,
} from './soundtrack-request.ts';

/** What a soundtrack job needs of a project: its language and its scenes in order. */
export interface SoundtrackProject {
  language: Language;
  scenes: readonly {
    narration: string;
    durationSec: number | null;
    mood: string;
    act: number;
  }[];
}

/** A scene without a mood of its own follows the requested one (calm when none was asked). */
const FALLBACK_MOOD: SoundtrackMood = 'calm';

const round3 = (sec: number) => Math.round(sec * 1000) / 1000;

/** The project's length as the timeline shows it: the sum of its scenes' durations (pure). */
export function projectLengthSec(project: SoundtrackProject): number {
  return round3(
    project.scenes.reduce(
      (sum, scene) => sum + sceneDuration(scene.narration, project.language, scene.durationSec).sec,
      0,
    ),
  );
}

/**
 * The scenes as the composer follows them: each one's length, its mood
 * (the scene's analysis mood mapped onto a soundtrack mood, else the
 * requested one) and act, scaled so they add up to `durationSec` (pure).
 */
export function soundtrackScenes(
  project: SoundtrackProject,
  durationSec: number,
  fallbackMood: SoundtrackMood,
): SoundtrackScene[] {
  const lengths = project.scenes.map(
    (scene) => sceneDuration(scene.narration, project.language, scene.durationSec).sec,
  );
  const total = lengths.reduce((sum, sec) => sum + sec, 0);
  if (!total) return [];
  const scale = durationSec / total;
  const scenes = project.scenes.map((scene, index) => ({
    durationSec: round3(lengths[index]! * scale),
    mood: isSceneMood(scene.mood) ? MOOD_OF_SCENE[scene.mood] : fallbackMood,
    act: scene.act,
  }));
  // Rounding must not move the end: the last scene takes what is left.
  const head = scenes.slice(0, -1).reduce((sum, scene) => sum + scene.durationSec, 0);
  scenes[scenes.length - 1]!.durationSec = round3(durationSec - head);
  return scenes;
}

/** Why a request cannot become a job: the field to name. */
export class SoundtrackRequestError extends Error {
  readonly field: 'durationSec' | 'followStory';
  constructor(field: 'durationSec' | 'followStory', message: string) {
    super(message);
    this.field = field;
    this.name = 'SoundtrackRequestError';
  }
}

/**
 * A validated request and the live project become a `music-generate` job
 * (pure): the seed fixed (the given one, else `randomSeed`), the length the
 * asked one or the project's, and the scenes when it follows the story.
 * Throws SoundtrackRequestError naming the field when the project cannot
 * give what is missing (no scenes to measure or to follow).
 */
export function soundtrackJobData(
  request: SoundtrackRequest,
  project: SoundtrackProject,
  randomSeed: number,
): MusicGenerateJobData {
  const seed = request.seed ?? randomSeed;
  const projectSec = projectLengthSec(project);
  if (request.followStory && !project.scenes.length) {
    throw new SoundtrackRequestError('followStory', 'the project has no scenes to follow');
  }
  if (request.durationSec === undefined && projectSec <= 0) {
    throw new SoundtrackRequestError(
      'durationSec',
      'the project has no scenes: give a duration in seconds',
    );
  }
  const durationSec = round3(
    Math.min(MAX_SOUNDTRACK_SEC, Math.max(1, request.durationSec ?? projectSec)),
  );
  const scenes = request.followStory
    ? soundtrackScenes(project, durationSec, request.mood ?? FALLBACK_MOOD)
    : null;
  return { request: { ...request, seed }, durationSec, scenes };
}

/**
 * The longest preview the music picker asks for. The render composes the kept
 * request again at its own length, so a person only needs to hear the music's
 * character: a short piece with the same mood, genre, key, tempo, instruments
 * and seed (and, following the story, every scene's section condensed) is
 * composed in about a second where a whole long score takes several.
 */
export const SOUNDTRACK_PREVIEW_SEC = 30;

/** The length the picker asks for: the project's, up to SOUNDTRACK_PREVIEW_SEC (none without scenes) (pure). */
export function previewDurationSec(project: SoundtrackProject): number | undefined {
  const sec = projectLengthSec(project);
  return sec > 0 ? Math.min(sec, SOUNDTRACK_PREVIEW_SEC) : undefined;
}

/** The scenes of a live project document as a soundtrack job reads them (pure over the doc). */
export function soundtrackProjectOf(
  language: unknown,
  scenes: readonly { narration: string; durationSec: unknown; mood: unknown; act: unknown }[],
): SoundtrackProject {
  return {
    language: language === 'fr' ? 'fr' : 'en',
    scenes: scenes.map((scene) => ({
      narration: scene.narration,
      durationSec: typeof scene.durationSec === 'number' ? scene.durationSec : null,
      mood: typeof scene.mood === 'string' ? scene.mood : '',
      act: typeof scene.act === 'number' ? scene.act : 1,
    })),
  };
}

/** What a project keeps of a generation: the request without its length, seed fixed (pure). */
export function keptSoundtrack(request: SoundtrackRequest & { seed: number }): KeptSoundtrack {
  const { durationSec: _length, ...kept } = request;
  return kept;
}
