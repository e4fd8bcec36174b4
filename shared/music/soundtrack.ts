import { z } from 'zod';
import { MOODS, type MoodLabel } from '../analysis/types.ts';
import { contentKey } from '../content-key.ts';

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

/** What a soundtrack may sound like: the issue's moods, plus the analysis' ones it maps from. */
export const SOUNDTRACK_MOODS = [
  'calm',
  'hopeful',
  'tense',
  'sad',
  'epic',
  'playful',
  'mysterious',
] as const;
export type SoundtrackMood = (typeof SOUNDTRACK_MOODS)[number];

export const SOUNDTRACK_GENRES = [
  'ambient',
  'orchestral',
  'piano',
  'acoustic',
  'electronic',
  'lo-fi',
] as const;
export type SoundtrackGenre = (typeof SOUNDTRACK_GENRES)[number];

/** The instruments a user may ask for (General MIDI families the arranger knows). */
export const SOUNDTRACK_INSTRUMENTS = [
  'piano',
  'strings',
  'pad',
  'guitar',
  'bass',
  'flute',
  'bells',
  'synth',
  'drums',
] as const;
export type SoundtrackInstrument = (typeof SOUNDTRACK_INSTRUMENTS)[number];

/** Tonic and mode, e.g. "D minor", "F# major". */
export const KEY_PATTERN = /^[A-G](#|b)? (major|minor)$/;
export const MIN_TEMPO = 50;
export const MAX_TEMPO = 180;
/** Longest soundtrack, in seconds (a render is never longer than the timeline allows). */
export const MAX_SOUNDTRACK_SEC = 3600;

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

/** POST /api/v1/projects/:id/music/generate: every field optional; bad values are a 422 naming the field. */
export const soundtrackRequestSchema = z
  .object({
    mood: z.enum(SOUNDTRACK_MOODS).optional(),
    genre: z.enum(SOUNDTRACK_GENRES).optional(),
    /** Absent: the project's length (its timeline's scene durations). */
    durationSec: z.number().finite().min(1).max(MAX_SOUNDTRACK_SEC).optional(),
    tempo: z.number().int().min(MIN_TEMPO).max(MAX_TEMPO).optional(),
    key: z.string().regex(KEY_PATTERN).optional(),
    instruments: z.array(z.enum(SOUNDTRACK_INSTRUMENTS)).min(1).max(6).optional(),
    /** Follow the story: each scene's mood (and the acts) shape the music, changes on scene boundaries. */
    followStory: z.boolean().optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();
export type SoundtrackRequest = z.infer<typeof soundtrackRequestSchema>;

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

export interface MusicGenerateJobData {
  /** The media store key the audio goes under (soundtrackKey of the spec). */
  key: string;
  spec: SoundtrackSpec;
}

/** The media store key of a soundtrack: its spec (pure). */
export const soundtrackKey = (spec: SoundtrackSpec) =>
  contentKey('soundtrack', { version: SOUNDTRACK_VERSION, spec });
