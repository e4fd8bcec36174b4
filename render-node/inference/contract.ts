import type { InferenceSession } from 'onnxruntime-node';
import type { ModelManifest } from '../../shared/models/model-manifest.ts';
import type { ExecutionProviderInfo, ModelStatus } from '../../shared/render/node-capabilities.ts';

/**
 * The contract between the inference host (the one process of a render node
 * that owns onnxruntime-node: render-node/inference/) and the pipelines it
 * runs (render-node/engines/image/onnx/ for SD-Turbo, render-node/engines/voice/piper/
 * for Piper). A pipeline is a plain async function of an installed model, a
 * session source and a request; it never creates sessions itself, so the
 * host loads each graph once per device and reuses it, and tests can run a
 * pipeline in-process on tiny graphs.
 */

/** A verified model folder (render-node/models/registry.ts). */
export interface InstalledModel {
  manifest: ModelManifest;
  /** Absolute path of the model's folder. */
  dir: string;
  /** sha256 over the manifest's file hashes: identifies the weights in cache keys and records. */
  hash: string;
}

/** Gives a pipeline the session of one of its model's graphs (loaded once, then reused). */
export interface SessionSource {
  session(model: InstalledModel, role: string): Promise<InferenceSession>;
}

export interface ImagePipelineRequest {
  prompt: string;
  negativePrompt: string;
  seed: number;
  /** Generation size (multiples of 8; near the model's native size, the project's aspect). */
  width: number;
  height: number;
  /** Absent: the manifest's defaults. */
  steps?: number;
  guidance?: number;
}

export interface ImagePipelineResult {
  /** PNG bytes of exactly width × height. */
  png: Uint8Array;
  steps: number;
  guidance: number;
  /** Milliseconds spent per stage (text encoder, unet, vae, encode). */
  timings: Record<string, number>;
}

export type ImagePipeline = (
  model: InstalledModel,
  sessions: SessionSource,
  request: ImagePipelineRequest,
  signal?: AbortSignal,
) => Promise<ImagePipelineResult>;

export interface VoicePipelineRequest {
  text: string;
  /** Speed multiplier, 0.5..2 (divides Piper's length scale). */
  rate: number;
  /** Sample rate of the WAV to write (the audio bed's); the voice's own rate is resampled. */
  sampleRate: number;
}

export interface VoicePipelineResult {
  /** A mono 16-bit PCM WAV at `sampleRate`. */
  wav: Uint8Array;
  sentences: number;
  timings: Record<string, number>;
}

export type VoicePipeline = (
  model: InstalledModel,
  sessions: SessionSource,
  request: VoicePipelineRequest,
  signal?: AbortSignal,
) => Promise<VoicePipelineResult>;

/**
 * What the rest of the render node sees of the inference host: requests go
 * to the host's process and answers come back, so the node's event loop and
 * BullMQ lock renewal stay free while a model runs.
 */
export interface InferenceClient {
  provider: ExecutionProviderInfo;
  /** Every model in MODELS_DIR, usable or with the problem that makes it unusable. */
  models(): ModelStatus[];
  generateImage(
    modelId: string,
    request: ImagePipelineRequest,
    signal: AbortSignal,
  ): Promise<ImagePipelineResult>;
  synthesizeSpeech(
    modelId: string,
    request: VoicePipelineRequest,
    signal: AbortSignal,
  ): Promise<VoicePipelineResult>;
  close(): Promise<void>;
}
