import { z } from 'zod';
import { MAX_NAME } from '../api/limits.ts';
import { contentKey } from '../content-key.ts';
import { singleLineText } from '../text-safety.ts';
import { LANGUAGES, voiceSchema, type Language, type Voice } from '../timeline.ts';

/**
 * The voice sample contract between the web and the render nodes (ADR 0026):
 * the web asks for "Hello, I am Nadia." in a voice with a `voice-sample`
 * BullMQ job; a render node speaks it with its voice engine into the media
 * store under the sample's content key, which the web then serves. Text is
 * fixed but for the character's name (user text: one clean line, bounded).
 */

export const VOICE_SAMPLE_QUEUE = 'voice-sample';
/** Bump when the sample's wording or making changes: old samples are then made again. */
export const VOICE_SAMPLE_VERSION = 1;
/** The longest name spoken in a sample (longer cast names are cut, not refused). */
export const MAX_SAMPLE_NAME = 60;

export const voiceSampleRequestSchema = z
  .object({
    voice: voiceSchema,
    name: singleLineText(z.string().trim().min(1).max(MAX_NAME)),
    language: z.enum(LANGUAGES),
  })
  .strict();

export type VoiceSampleRequest = z.infer<typeof voiceSampleRequestSchema>;

export interface VoiceSampleJobData {
  key: string;
  engine: Voice['engine'];
  request: { text: string; voice: string; rate: number; pitch: number };
}

/** The words of a sample: a greeting in the project's language with the character's name (pure). */
export function sampleText(language: Language, name: string): string {
  const short = [...name.trim()].slice(0, MAX_SAMPLE_NAME).join('');
  return language === 'fr' ? `Bonjour, je suis ${short}.` : `Hello, I am ${short}.`;
}

/** The media store key of a sample: its words and voice (pure). */
export const voiceSampleKey = (
  engine: VoiceSampleJobData['engine'],
  request: VoiceSampleJobData['request'],
) => contentKey('voice-sample', { version: VOICE_SAMPLE_VERSION, engine, request });

/** The job for a validated request; its key names the WAV in the media store (pure). */
export function voiceSampleJob(request: VoiceSampleRequest): VoiceSampleJobData {
  const { engine, voice, rate, pitch } = request.voice;
  const spoken = { text: sampleText(request.language, request.name), voice, rate, pitch };
  return { key: voiceSampleKey(engine, spoken), engine, request: spoken };
}

/** Where the web serves a sample (docs/api.md). */
export const voiceSampleUrl = (key: string) => `/api/v1/voice-samples/${key}.wav`;
