import { z } from 'zod';
import { VOICE_ID_PATTERNS } from '../../../../shared/voice-id.ts';

/**
 * A Piper voice's `<name>.onnx.json`, the fields the pipeline reads: the
 * espeak-ng voice that phonemises its language, the phoneme → id map, the
 * default scales and the sample rate the graph speaks at.
 */
export const piperConfigSchema = z.object({
  audio: z.object({ sample_rate: z.number().int().min(8000).max(48000) }),
  espeak: z.object({
    // Reaches espeak-ng's command line: one espeak voice name, never an option.
    voice: z.string().regex(VOICE_ID_PATTERNS['espeak-ng'], 'must be an espeak-ng voice name'),
  }),
  inference: z
    .object({
      noise_scale: z.number().min(0).max(2).default(0.667),
      length_scale: z.number().positive().max(5).default(1),
      noise_w: z.number().min(0).max(2).default(0.8),
    })
    .default({ noise_scale: 0.667, length_scale: 1, noise_w: 0.8 }),
  phoneme_type: z.string().optional(),
  phoneme_id_map: z.record(z.string(), z.array(z.number().int().min(0))),
  num_speakers: z.number().int().min(1).default(1),
});

export type PiperConfig = z.infer<typeof piperConfigSchema>;

/** Parses the config's JSON text; throws naming what is wrong. */
export function parsePiperConfig(text: string, file: string): PiperConfig {
  const parsed = piperConfigSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ');
    throw new Error(`Piper config ${file} is invalid (${issues})`);
  }
  for (const symbol of ['_', '^', '$']) {
    if (!parsed.data.phoneme_id_map[symbol]) {
      throw new Error(`Piper config ${file} has no id for "${symbol}" in phoneme_id_map`);
    }
  }
  return parsed.data;
}
