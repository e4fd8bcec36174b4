import { unlink, writeFile } from 'node:fs/promises';
import { chain, filter, graph } from '../../shared/node/ffmpeg/filter-graph.ts';
import { runFfmpeg, temporarySibling } from '../../shared/node/ffmpeg/run-ffmpeg.ts';
import { modelEngineVersion, type ModelStatus } from '../../shared/render/node-capabilities.ts';
import type { InferenceClient } from '../inference/contract.ts';
import { AUDIO_SAMPLE_RATE } from '../stages/plan.ts';
import type { ImageEngine, PictureRequest } from './image/engine.ts';
import type { VoiceEngine } from './voice/engine.ts';

/**
 * The engines a render node makes of its usable models, through the
 * inference host's client (render-node/inference/contract.ts): one image
 * engine per text-to-image model, one voice engine per Piper voice. These
 * are the plain adapters the routing needs (request in, file out, a record
 * of how it was made); the SD-Turbo engine (engines/image/onnx/) and the
 * Piper engine (engines/voice/piper.ts) replace them in MODEL_ENGINES when
 * they land, with the same ids and versions.
 */

export interface ModelEngineFactories {
  image(client: InferenceClient, model: ModelStatus): ImageEngine;
  voice(client: InferenceClient, model: ModelStatus): VoiceEngine;
}

/** Generation sizes are multiples of 8 (latent space): the picture is cropped back to the frame. */
const roundUpTo8 = (n: number) => Math.ceil(n / 8) * 8;

/** What the model is asked to draw: the scene's prompt, its cast (for consistency) and the style. */
export function imagePrompt(request: PictureRequest): string {
  const cast = request.cast
    .filter((c) => c.description.trim())
    .map((c) => `${c.name}: ${c.description.trim()}`);
  return [request.prompt.trim() || request.title.trim(), ...cast, `${request.stylePreset} style`]
    .filter(Boolean)
    .join(', ');
}

export function inferenceImageEngine(client: InferenceClient, model: ModelStatus): ImageEngine {
  const version = modelEngineVersion(model.pipeline, model.hash);
  return {
    id: 'onnx',
    version,
    async generate(request, outputPath, signal) {
      const started = performance.now();
      const size = { width: roundUpTo8(request.width), height: roundUpTo8(request.height) };
      const prompt = imagePrompt(request);
      const result = await client.generateImage(
        model.id,
        { prompt, negativePrompt: '', seed: request.seed, ...size },
        signal,
      );
      if (size.width === request.width && size.height === request.height) {
        await writeFile(outputPath, result.png);
      } else {
        const source = temporarySibling(outputPath);
        await writeFile(source, result.png);
        try {
          await runFfmpeg({
            inputs: [{ path: source, options: ['-f', 'png_pipe'] }],
            filterGraph: graph([
              chain(
                ['0:v'],
                [
                  filter('crop', { w: request.width, h: request.height }),
                  filter('format', { pix_fmts: 'rgb24' }),
                ],
                ['v'],
              ),
            ]),
            outputOptions: ['-map', '[v]', '-frames:v', '1', '-update', '1'],
            output: outputPath,
            expected: { frames: 1 },
            signal,
          });
        } finally {
          await unlink(source).catch(() => undefined);
        }
      }
      return {
        engine: { id: 'onnx', version },
        model: { id: model.id, hash: model.hash },
        prompt,
        negativePrompt: '',
        seed: request.seed,
        steps: result.steps,
        guidance: result.guidance,
        ...size,
        provider: client.provider.name,
        device: client.provider.device,
        durationMs: Math.round(performance.now() - started),
      };
    },
  };
}

export function inferenceVoiceEngine(client: InferenceClient, model: ModelStatus): VoiceEngine {
  const version = modelEngineVersion(model.pipeline, model.hash);
  return {
    id: 'piper',
    version,
    async synthesize(request, outputPath, signal) {
      const started = performance.now();
      const result = await client.synthesizeSpeech(
        model.id,
        { text: request.text, rate: request.rate, sampleRate: AUDIO_SAMPLE_RATE },
        signal,
      );
      await writeFile(outputPath, result.wav);
      return {
        engine: { id: 'piper', version },
        model: { id: model.id, hash: model.hash },
        text: request.text,
        voice: model.id,
        provider: client.provider.name,
        device: client.provider.device,
        durationMs: Math.round(performance.now() - started),
      };
    },
  };
}

export const MODEL_ENGINES: ModelEngineFactories = {
  image: inferenceImageEngine,
  voice: inferenceVoiceEngine,
};
