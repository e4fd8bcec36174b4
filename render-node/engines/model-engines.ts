import { modelEngineVersion, type ModelStatus } from '../../shared/render/node-capabilities.ts';
import type { InferenceClient } from '../inference/contract.ts';
import type { ImageEngine } from './image/engine.ts';
import { createOnnxImageEngine } from './image/onnx/onnx-image-engine.ts';
import { createPiperVoiceEngine } from './voice/piper.ts';
import type { VoiceEngine } from './voice/engine.ts';

/**
 * The engines a render node makes of its usable models, through the
 * inference host's client (render-node/inference/contract.ts): one image
 * engine per text-to-image model (SD-Turbo, engines/image/onnx/), one voice
 * engine per Piper voice (engines/voice/piper.ts). Each engine's version is
 * `modelEngineVersion` (pipeline code and weights), the version plans key
 * its artifacts with.
 */

export interface ModelEngineFactories {
  image(client: InferenceClient, model: ModelStatus): ImageEngine;
  voice(client: InferenceClient, model: ModelStatus): VoiceEngine;
}

/** A Piper engine for one voice, versioned by that voice's weights as the plan keys its narration. */
export function piperVoiceEngine(client: InferenceClient, model: ModelStatus): VoiceEngine {
  const engine = createPiperVoiceEngine(client, [model]);
  const version = modelEngineVersion(model.pipeline, model.hash);
  return {
    id: engine.id,
    version,
    async synthesize(request, outputPath, signal) {
      const details = await engine.synthesize(request, outputPath, signal);
      return details ? { ...details, engine: { id: engine.id, version } } : details;
    },
  };
}

export const MODEL_ENGINES: ModelEngineFactories = {
  image: createOnnxImageEngine,
  voice: piperVoiceEngine,
};
