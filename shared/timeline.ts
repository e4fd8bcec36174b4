import { keptSoundtrackSchema } from './music/soundtrack-request.ts';
import { z } from 'zod';
import { MAX_DESCRIPTION, MAX_MUSIC_NAME, MAX_NAME, MAX_SCENE_SEC } from './api/limits.ts';
import { fieldErrorOf, type FieldError } from './api/field-errors.ts';
import { multiLineText, singleLineText } from './text-safety.ts';
import { voiceIdIssue } from './voice-id.ts';
import { MODEL_ID_PATTERN } from './models/model-manifest.ts';

/**
 * The canonical timeline: plain JSON, ordered, defaults applied. It is the one
 * contract between the editor, the server, the API and the render nodes
 * (docs/design.md). `toTimeline(doc)` in `project-doc.ts` produces it.
 */

export const SCHEMA_VERSION = 1;

export const LANGUAGES = ['en', 'fr'] as const;
export const ASPECTS = ['16:9', '9:16', '1:1', '4:5'] as const;
export const STYLE_PRESETS = [
  'cinematic',
  'photorealistic',
  'anime',
  '3d-render',
  'watercolor',
  'line-art',
] as const;
export const TRANSITIONS = ['crossfade', 'fade-black', 'cut'] as const;
export const MOTIONS = ['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'static'] as const;
export const VOICE_ENGINES = ['espeak-ng', 'piper'] as const;
/** Picture engines: designed storyboard frames (always there) or an installed ONNX model (issue 14). */
export const IMAGE_ENGINES = ['procedural', 'onnx'] as const;
export const FPS_VALUES = [24, 25, 30, 60] as const;

export type Language = (typeof LANGUAGES)[number];
export type Aspect = (typeof ASPECTS)[number];
export type StylePreset = (typeof STYLE_PRESETS)[number];
export type Transition = (typeof TRANSITIONS)[number];
export type Motion = (typeof MOTIONS)[number];
export type ImageEngineId = (typeof IMAGE_ENGINES)[number];

export const PROJECT_DEFAULTS = {
  title: 'Untitled project',
  language: 'en' as Language,
  aspect: '16:9' as Aspect,
  fps: 30,
  stylePreset: 'cinematic' as StylePreset,
  voice: { engine: 'espeak-ng' as const, voice: 'en', rate: 1, pitch: 1 },
};

export const SCENE_DEFAULTS = {
  title: '',
  narration: '',
  prompt: '',
  durationSec: null as number | null,
  transition: 'crossfade' as Transition,
  motion: 'zoom-in' as Motion,
  seed: 0,
  location: '',
  mood: '',
  act: 1,
  image: null as string | null,
};

const assetHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 asset hash');

/** How a scene's clip sounds: silent, or mixed under the narration. */
export const CLIP_AUDIO = ['mute', 'mix'] as const;
export type ClipAudio = (typeof CLIP_AUDIO)[number];

/**
 * A video clip from the media library as a scene's picture (issue 17): the
 * segment between `inSec` and `outSec` of the asset, trimmed and scaled to the
 * scene's planned frame count; a clip shorter than the scene holds its last
 * frame. Present only when set, so scenes without one keep their ids.
 */
export const sceneClipSchema = z
  .object({
    asset: assetHash,
    inSec: z.number().min(0).max(3600),
    outSec: z.number().positive().max(3600),
    audio: z.enum(CLIP_AUDIO),
  })
  .refine((clip) => clip.outSec > clip.inSec, {
    message: 'the out point must come after the in point',
    path: ['outSec'],
  });

/** A scene's longest possible duration in seconds (the editor's bound; servers may set a lower one). */
export const MAX_SCENE_DURATION_SEC = MAX_SCENE_SEC;

/** Ids and order keys are generated, but a raw client can write anything: keep them one clean line. */
const key = () => singleLineText(z.string().min(1).max(200));

export const voiceSchema = z
  .object({
    engine: z.enum(VOICE_ENGINES),
    voice: singleLineText(z.string().min(1).max(64)),
    rate: z.number().min(0.5).max(2),
    pitch: z.number().min(0.5).max(2),
  })
  .superRefine((voice, ctx) => {
    // The id reaches the voice engine's command line: only names the engine could know pass.
    const issue = voiceIdIssue(voice.engine, voice.voice);
    if (issue) ctx.addIssue({ code: 'custom', path: ['voice'], message: issue });
  });

export const castMemberSchema = z.object({
  id: key(),
  name: singleLineText(z.string().max(MAX_NAME)),
  description: multiLineText(z.string().max(MAX_DESCRIPTION)),
  /** The character's own voice; absent: a default picked per character (shared/voices/cast-voice.ts). */
  voice: voiceSchema.optional(),
});

export const sceneSchema = z.object({
  id: key(),
  // Order keys grow with concurrent inserts at one place: no length bound here.
  order: singleLineText(z.string().min(1)),
  title: singleLineText(z.string().max(500)),
  narration: multiLineText(z.string().max(20_000)),
  prompt: multiLineText(z.string().max(4_000)),
  durationSec: z.number().positive().max(MAX_SCENE_DURATION_SEC).nullable(),
  /** How this scene hands over to the next one; the last scene's is unused by renders. */
  transition: z.enum(TRANSITIONS),
  motion: z.enum(MOTIONS),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  cast: z.array(key()),
  location: singleLineText(z.string().max(500)),
  mood: singleLineText(z.string().max(100)),
  act: z.number().int().min(1).max(10),
  image: assetHash.nullable(),
  /**
   * This scene's picture engine when it differs from the project's
   * (`imageEngine`); absent: the project's. Present only when set, so
   * revisions committed before the field keep their ids.
   */
  imageEngine: z.enum(IMAGE_ENGINES).optional(),
  /** A library clip as the picture (issue 17); it wins over `image` and the engine. */
  clip: sceneClipSchema.optional(),
});

/**
 * The project's picture engine (issue 14). `model` names an installed image
 * model (shared/models/model-manifest.ts) and is required for `onnx`.
 * `fallback`: when no render node can run the model, make storyboard frames
 * instead (recorded in the render) rather than fail. Absent from the
 * timeline: procedural frames, as before the setting existed.
 */
export const imageEngineSchema = z
  .object({
    engine: z.enum(IMAGE_ENGINES),
    model: z.string().regex(MODEL_ID_PATTERN, 'must be an installed model id').optional(),
    fallback: z.boolean(),
  })
  .refine((setting) => setting.engine !== 'onnx' || setting.model !== undefined, {
    message: 'an ONNX image engine needs a model',
    path: ['model'],
  });

/**
 * The project's music bed. `name` is the uploaded file's name for display
 * only; `duck` absent reads as true (ducked under narration, what every render
 * did before the option existed), so older documents render as they did.
 */
export const musicSchema = z
  .object({
    /** The bed's audio; absent only for a generated soundtrack not previewed yet (the render composes it). */
    asset: assetHash.optional(),
    volume: z.number().min(0).max(1),
    name: singleLineText(z.string().min(1).max(MAX_MUSIC_NAME)).optional(),
    duck: z.boolean().optional(),
    /**
     * A generated soundtrack (issue 18): how it was asked for. `asset` is the
     * kept preview; a render composes the same request again to its own exact
     * length (and scenes, to follow the story), cached by its inputs.
     */
    generated: keptSoundtrackSchema.optional(),
  })
  .refine((music) => music.asset !== undefined || music.generated !== undefined, {
    message: 'needs an audio asset or a generated soundtrack',
    path: ['asset'],
  });

/** Music ducks under narration unless a person turned it off. */
export const MUSIC_DUCK_DEFAULT = true;
/** A project's first music bed plays at this volume (an uploaded file or a kept soundtrack). */
export const DEFAULT_MUSIC_VOLUME = 0.35;

/** Whether the bed is ducked under narration (absent: the default). */
export const musicDucks = (music: { duck?: boolean | undefined }): boolean =>
  music.duck ?? MUSIC_DUCK_DEFAULT;

export const timelineSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  title: singleLineText(z.string().max(200)),
  language: z.enum(LANGUAGES),
  aspect: z.enum(ASPECTS),
  fps: z.union(
    FPS_VALUES.map((v) => z.literal(v)) as [
      z.ZodLiteral<24>,
      z.ZodLiteral<25>,
      z.ZodLiteral<30>,
      z.ZodLiteral<60>,
    ],
  ),
  stylePreset: z.enum(STYLE_PRESETS),
  voice: voiceSchema,
  /** Absent: storyboard frames (procedural). */
  imageEngine: imageEngineSchema.optional(),
  music: musicSchema.nullable(),
  cast: z.array(castMemberSchema),
  scenes: z.array(sceneSchema),
});

export type Timeline = z.infer<typeof timelineSchema>;

/** A scene's content fields in schema order (`id` and `order` place it, they are not content). */
export const SCENE_CONTENT_FIELDS = Object.keys(sceneSchema.shape).filter(
  (key) => key !== 'id' && key !== 'order',
) as (keyof Omit<TimelineScene, 'id' | 'order'>)[];

/** The project's own settings in schema order (not its cast and scenes). */
export const PROJECT_SETTING_FIELDS = Object.keys(timelineSchema.shape).filter(
  (key) => key !== 'schemaVersion' && key !== 'cast' && key !== 'scenes',
) as (keyof Omit<Timeline, 'schemaVersion' | 'cast' | 'scenes'>)[];
export type TimelineScene = z.infer<typeof sceneSchema>;
export type CastMember = z.infer<typeof castMemberSchema>;
export type Voice = z.infer<typeof voiceSchema>;
export type MusicBed = z.infer<typeof musicSchema>;
export type ImageEngineSetting = z.infer<typeof imageEngineSchema>;
export type SceneClip = z.infer<typeof sceneClipSchema>;

export interface TimelineIssue {
  /** e.g. ['scenes', 2, 'durationSec'] */
  path: (string | number)[];
  /** The scene id when the issue is inside a scene, so the UI can point at the card. */
  sceneId?: string;
  message: string;
  /** The problem's key and parameters (shared/api/field-errors.ts), which the UI words. */
  error?: FieldError;
}

export class TimelineError extends Error {
  readonly issues: TimelineIssue[];
  constructor(issues: TimelineIssue[]) {
    super(`Invalid timeline: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    this.name = 'TimelineError';
    this.issues = issues;
  }
}

/** Validates a candidate timeline; issues inside scenes carry the scene id. */
export function validateTimeline(candidate: unknown): Timeline {
  const result = timelineSchema.safeParse(candidate);
  if (result.success) return result.data;
  const scenes = (candidate as { scenes?: { id?: string }[] } | null)?.scenes;
  const issues = result.error.issues.map((issue): TimelineIssue => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const sceneId =
      path[0] === 'scenes' && typeof path[1] === 'number' ? scenes?.[path[1]]?.id : undefined;
    const error = fieldErrorOf(issue);
    return sceneId
      ? { path, sceneId, message: issue.message, error }
      : { path, message: issue.message, error };
  });
  throw new TimelineError(issues);
}

/**
 * Canonical serialisation: keys sorted at every level, no whitespace. The
 * revision id is sha256 of this string, so it must never depend on key
 * insertion order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
