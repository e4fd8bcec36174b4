import type {
  SoundtrackGenre,
  SoundtrackInstrument,
  SoundtrackMood,
} from './soundtrack-request.ts';
import { z } from 'zod';
import {
  MAX_SOUNDTRACK_SEC,
  MAX_TEMPO,
  MIN_TEMPO,
  SOUNDTRACK_MOODS,
  keptSoundtrackSchema,
} from './soundtrack-request.ts';
import { contentKey } from '../content-key.ts';
import { seededRandom } from '../seeded-random.ts';
import {
  MOOD_OF_SCENE,
  isSceneMood,
  type MusicGenerateJobData,
  type SoundtrackScene,
  type SoundtrackSpec,
} from './soundtrack.ts';

/**
 * A generation job's request with every default filled in (pure): the spec
 * the composer follows and the soundtrack's cache key. Defaults come from the
 * mood (tempo, mode, candidate tonics) and the genre (instruments, tempo
 * feel); the seed picks among the candidates, so one seed is one soundtrack.
 */

interface MoodDefaults {
  tempo: number;
  mode: 'major' | 'minor';
  tonics: readonly string[];
}

export const MOOD_DEFAULTS: Record<SoundtrackMood, MoodDefaults> = {
  calm: { tempo: 72, mode: 'major', tonics: ['F', 'C', 'G', 'D'] },
  hopeful: { tempo: 96, mode: 'major', tonics: ['G', 'D', 'C', 'A'] },
  tense: { tempo: 112, mode: 'minor', tonics: ['D', 'E', 'C', 'F#'] },
  sad: { tempo: 66, mode: 'minor', tonics: ['A', 'D', 'E', 'G'] },
  epic: { tempo: 100, mode: 'minor', tonics: ['C', 'D', 'E', 'G'] },
  playful: { tempo: 120, mode: 'major', tonics: ['C', 'F', 'G', 'D'] },
  mysterious: { tempo: 80, mode: 'minor', tonics: ['E', 'B', 'F#', 'C#'] },
};

interface GenreDefaults {
  instruments: readonly SoundtrackInstrument[];
  tempoFactor: number;
}

export const GENRE_DEFAULTS: Record<SoundtrackGenre, GenreDefaults> = {
  ambient: { instruments: ['pad', 'strings', 'bells'], tempoFactor: 0.85 },
  orchestral: { instruments: ['strings', 'flute', 'bass'], tempoFactor: 1 },
  piano: { instruments: ['piano', 'strings'], tempoFactor: 0.95 },
  acoustic: { instruments: ['guitar', 'bass', 'flute'], tempoFactor: 1 },
  electronic: { instruments: ['synth', 'pad', 'bass', 'drums'], tempoFactor: 1.1 },
  'lo-fi': { instruments: ['piano', 'bass', 'drums'], tempoFactor: 0.8 },
};

/** The genre a mood sounds best in when none is asked for. */
export const GENRE_OF_MOOD: Record<SoundtrackMood, SoundtrackGenre> = {
  calm: 'ambient',
  hopeful: 'piano',
  tense: 'electronic',
  sad: 'piano',
  epic: 'orchestral',
  playful: 'acoustic',
  mysterious: 'ambient',
};

export const DEFAULT_MOOD: SoundtrackMood = 'calm';

/** A scene's mood text (the project's or the analysis') as a soundtrack mood; null when unknown. */
export function soundtrackMoodOf(text: string): SoundtrackMood | null {
  const word = text.trim().toLowerCase();
  if ((SOUNDTRACK_MOODS as readonly string[]).includes(word)) return word as SoundtrackMood;
  return isSceneMood(word) ? MOOD_OF_SCENE[word] : null;
}

/** A `music-generate` job's data as a render node accepts it (the queue is not trusted blindly). */
export const musicGenerateJobSchema = z
  .object({
    request: keptSoundtrackSchema.extend({
      durationSec: z.number().finite().min(1).max(MAX_SOUNDTRACK_SEC).optional(),
    }),
    durationSec: z.number().finite().min(1).max(MAX_SOUNDTRACK_SEC),
    scenes: z
      .array(
        z
          .object({
            durationSec: z.number().finite().min(0).max(MAX_SOUNDTRACK_SEC),
            mood: z.enum(SOUNDTRACK_MOODS),
            act: z.number().int().min(1).max(10),
          })
          .strict(),
      )
      .max(1000)
      .nullable(),
  })
  .strict();

/** The job's data, or an error naming every bad field. */
export function parseMusicGenerateJob(data: unknown): MusicGenerateJobData {
  const parsed = musicGenerateJobSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`);
  throw new Error(`invalid music-generate job: ${problems.join('; ')}`);
}

const ms = (sec: number) => Math.round(sec * 1000) / 1000;

/** The job's request with its defaults filled in (pure, deterministic by seed). */
export function soundtrackSpec(data: MusicGenerateJobData): SoundtrackSpec {
  const { request } = data;
  const random = seededRandom(request.seed);
  const followStory = request.followStory === true && !!data.scenes?.length;
  const scenes = followStory ? fitScenes(data.scenes!, data.durationSec) : null;
  const mood = request.mood ?? scenes?.[0]?.mood ?? DEFAULT_MOOD;
  const genre = request.genre ?? GENRE_OF_MOOD[mood];
  const moodDefaults = MOOD_DEFAULTS[mood];
  const tonic = moodDefaults.tonics[Math.floor(random() * moodDefaults.tonics.length)]!;
  const jitter = Math.round((random() - 0.5) * 12);
  const tempo = Math.round(moodDefaults.tempo * GENRE_DEFAULTS[genre].tempoFactor) + jitter;
  return {
    mood,
    genre,
    durationSec: ms(data.durationSec),
    tempoBpm: request.tempo ?? Math.min(MAX_TEMPO, Math.max(MIN_TEMPO, tempo)),
    key: request.key ?? `${tonic} ${moodDefaults.mode}`,
    instruments: [...new Set(request.instruments ?? GENRE_DEFAULTS[genre].instruments)],
    seed: request.seed,
    scenes,
  };
}

/** Scenes rounded to the millisecond, the last one absorbing the rounding so they add up. */
function fitScenes(scenes: readonly SoundtrackScene[], durationSec: number): SoundtrackScene[] {
  const total = scenes.reduce((sum, s) => sum + s.durationSec, 0);
  const scale = total > 0 ? durationSec / total : 0;
  let used = 0;
  return scenes.map((scene, i) => {
    const last = i === scenes.length - 1;
    const length = last ? ms(durationSec - used) : ms(scene.durationSec * scale);
    used += length;
    return { durationSec: length, mood: scene.mood, act: scene.act };
  });
}

/** The media store key of a soundtrack's record (JSON), made beside its audio (pure). */
export const soundtrackRecordKey = (soundtrackHash: string) =>
  contentKey('soundtrack-record', { soundtrack: soundtrackHash });
