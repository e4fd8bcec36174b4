import { z } from 'zod';

/**
 * A model installed on a render node: a folder under `MODELS_DIR` holding
 * `manifest.json` (this schema) and the files it lists. `npm run models -- add
 * <folder>` verifies every file's sha256 and the graphs' inputs and outputs
 * against the pipeline (shared/models/pipelines.ts) before installing it;
 * weights are never downloaded at run time (docs/models.md).
 */

/** Model ids reach file paths, queue names and cache keys: one safe word. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
export const modelIdSchema = z
  .string()
  .regex(MODEL_ID_PATTERN, 'must be letters, digits, ".", "_" or "-" (at most 64)');

export const MODEL_KINDS = ['image', 'voice'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const PIPELINE_IDS = ['sd-turbo', 'piper-vits'] as const;
export type PipelineId = (typeof PIPELINE_IDS)[number];

/** A path inside the model folder: relative, no "..", no hidden or absolute parts. */
const relativePath = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^(?!\/)(?!.*(^|\/)\.)[A-Za-z0-9._/-]+$/,
    'must be a relative path inside the model folder',
  );

export const modelFileSchema = z.object({
  /** What the pipeline uses it for: a role of the pipeline's spec (e.g. 'unet', 'tokenizer'). */
  role: z.string().min(1).max(40),
  path: relativePath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'),
});

export const imageModelSettingsSchema = z.object({
  /** The size the model was trained at (SD-Turbo: 512×512); a project's aspect picks a size near it. */
  nativeSize: z.number().int().min(64).max(2048),
  /** Denoising steps by default (Turbo models: 1–4). */
  steps: z.number().int().min(1).max(50),
  /** Classifier-free guidance; ≤ 1 means none (SD-Turbo), > 1 makes the negative prompt count. */
  guidance: z.number().min(0).max(20),
  /** VAE latent scaling factor (SD: 0.18215). */
  latentScale: z.number().positive().optional(),
});

export const voiceModelSettingsSchema = z.object({
  /** BCP 47 language with region, as Piper names it: "fr_FR", "en_US". */
  language: z.string().regex(/^[a-z]{2,3}_[A-Z]{2}$/, 'must be like "fr_FR"'),
  speaker: z.string().min(1).max(80),
  sampleRate: z.number().int().min(8000).max(48000),
});

export const modelManifestSchema = z
  .object({
    id: modelIdSchema,
    kind: z.enum(MODEL_KINDS),
    pipeline: z.enum(PIPELINE_IDS),
    /** A person-readable name for pickers and the models panel. */
    name: z.string().min(1).max(120),
    licence: z.string().min(1).max(200),
    /** Where the weights came from (a URL or a description). */
    source: z.string().min(1).max(500),
    files: z.array(modelFileSchema).min(1).max(32),
    image: imageModelSettingsSchema.optional(),
    voice: voiceModelSettingsSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'image' && !m.image) {
      ctx.addIssue({
        code: 'custom',
        path: ['image'],
        message: 'an image model needs "image" settings',
      });
    }
    if (m.kind === 'voice' && !m.voice) {
      ctx.addIssue({
        code: 'custom',
        path: ['voice'],
        message: 'a voice model needs "voice" settings',
      });
    }
  });

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ModelFile = z.infer<typeof modelFileSchema>;
