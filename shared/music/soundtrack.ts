import { MOODS, type MoodLabel } from '../analysis/types.ts';
import { contentKey } from '../content-key.ts';
import type {
  SoundtrackGenre,
  SoundtrackInstrument,
  SoundtrackMood,
  SoundtrackRequest,
} from './soundtrack-request.ts';

/**
 * The generated soundtrack contract between the web and the render nodes
 * (issue 18): the web validates a request and queues a `music-generate`
 * BullMQ job; a render node composes it with its music engine (one engine
 * interface, like images and voices) and stores the audio in the media store
 * under the soundtrack's content key, with its record. A render whose
 * project music is generated makes the same soundtrack (same inputs, same
 * key: made once) fitted to the render's frame plan.
 */

export const MUSIC_GENERATE_QUEUE = 'music-generate';
/** Bump when the composition or its rendering changes: old soundtracks are then made again. */
export const SOUNDTRACK_VERSION = 1;

/** The analysis' scene moods mapped onto soundtrack moods (pure data). */
export const MOOD_OF_SCENE: Record<MoodLabel, SoundtrackMood> = {
  tense: 'tense',
  somber: 'sad',
  joyful: 'playful',
  calm: 'calm',
  mysterious: 'mysterious',
  hopeful: 'hopeful',
  neutral: 'calm',
};
export const isSceneMood = (value: unknown): value is MoodLabel =>
  typeof value === 'string' && (MOODS as readonly string[]).includes(value);

/** One scene as the composer sees it in story-following mode. */
export interface SoundtrackScene {
  durationSec: number;
  mood: SoundtrackMood;
  act: number;
}

/** Everything a composition depends on, defaults filled in: the job's input and its cache key. */
export interface SoundtrackSpec {
  mood: SoundtrackMood;
  genre: SoundtrackGenre;
  durationSec: number;
  tempoBpm: number;
  key: string;
  instruments: SoundtrackInstrument[];
  seed: number;
  /** Story-following mode: the scenes in order (their durations add up to durationSec). */
  scenes: SoundtrackScene[] | null;
}

/** What a finished soundtrack is: its audio in the media store and how it was made. */
export interface SoundtrackRecord {
  hash: string;
  durationSec: number;
  loopPoints: { start: number; end: number };
  tempoBpm: number;
  key: string;
  timeSignature: string;
  mood: SoundtrackMood;
  genre: SoundtrackGenre;
  instruments: SoundtrackInstrument[];
  seed: number;
  followStory: boolean;
  /** The engine and its version, e.g. "fluidsynth-gm/1". */
  engine: string;
}

/**
 * A `music-generate` job: the request as the person made it (seed fixed), the
 * length to fill and, to follow the story, the project's scenes. The render
 * node fills the defaults (its `soundtrackSpec`), composes, stores the audio
 * under `soundtrackKey(spec)` and answers the SoundtrackRecord as the job's
 * return value; progress goes through the job's progress (0-100).
 */
export interface MusicGenerateJobData {
  request: SoundtrackRequest & { seed: number };
  durationSec: number;
  scenes: SoundtrackScene[] | null;
}

/** The job id of a generation: the same inputs are one job, made once (pure). */
export const generationId = (data: MusicGenerateJobData) =>
  contentKey('soundtrack-request', { version: SOUNDTRACK_VERSION, data });

/** The media store key of a soundtrack: its spec (pure). */
export const soundtrackKey = (spec: SoundtrackSpec) =>
  contentKey('soundtrack', { version: SOUNDTRACK_VERSION, spec });
