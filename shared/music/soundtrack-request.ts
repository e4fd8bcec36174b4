import { z } from 'zod';

/**
 * What a person may ask of a generated soundtrack (issue 18): the request
 * the API validates and the one a project keeps in its document. No imports
 * from the rest of shared/ but zod: the timeline schema depends on it.
 */

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
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict();
export type SoundtrackRequest = z.infer<typeof soundtrackRequestSchema>;

/** A kept generated soundtrack's request in the project document: its seed is fixed. */
export const keptSoundtrackSchema = soundtrackRequestSchema.omit({ durationSec: true }).extend({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
});
export type KeptSoundtrack = z.infer<typeof keptSoundtrackSchema>;
