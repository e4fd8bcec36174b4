import { writeFile } from 'node:fs/promises';
import { PIPELINES } from '../../../shared/models/pipelines.ts';
import type { ModelStatus } from '../../../shared/render/node-capabilities.ts';
import type { InferenceClient } from '../../inference/contract.ts';
import { AUDIO_SAMPLE_RATE } from '../../stages/plan.ts';
import type { VoiceEngine } from './engine.ts';

/**
 * The `piper` voice engine: a request's `voice` is the id of an installed
 * Piper voice model; the inference host speaks it (piper/piper-pipeline.ts)
 * at the audio bed's sample rate. The version is the pipeline's, and the
 * model's hash is in the narration's record, so other weights make other
 * narration.
 */
export function createPiperVoiceEngine(
  client: InferenceClient,
  voices: readonly ModelStatus[],
  options: { sampleRate?: number } = {},
): VoiceEngine {
  const sampleRate = options.sampleRate ?? AUDIO_SAMPLE_RATE;
  return {
    id: 'piper',
    version: PIPELINES['piper-vits'].version,
    async synthesize(request, outputPath, signal) {
      const voice = voices.find((v) => v.id === request.voice && v.kind === 'voice');
      if (!voice) {
        const known = voices.filter((v) => v.kind === 'voice' && v.usable).map((v) => v.id);
        throw new Error(
          `Piper voice "${request.voice}" is not installed on this node (installed: ${known.join(', ') || 'none'})`,
        );
      }
      if (!voice.usable) throw new Error(`Piper voice "${voice.id}" is unusable: ${voice.problem}`);
      const started = performance.now();
      const result = await client.synthesizeSpeech(
        voice.id,
        { text: request.text, rate: request.rate, sampleRate },
        signal,
      );
      await writeFile(outputPath, result.wav);
      return {
        engine: { id: 'piper', version: PIPELINES['piper-vits'].version },
        model: { id: voice.id, hash: voice.hash },
        text: request.text,
        voice: voice.id,
        provider: client.provider.name,
        device: client.provider.device,
        durationMs: Math.round(performance.now() - started),
      };
    },
  };
}
