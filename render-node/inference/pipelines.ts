import type { PipelineId } from '../../shared/models/model-manifest.ts';
import { sdTurboPipeline } from '../engines/image/onnx/sd-turbo-pipeline.ts';
import { piperPipeline } from '../engines/voice/piper/piper-pipeline.ts';
import type { ImagePipeline, VoicePipeline } from './contract.ts';

/**
 * Which code runs each pipeline of shared/models/pipelines.ts, inside the
 * inference host. A pipeline missing here makes its models' requests fail
 * with a clear error (the model is installed, this build cannot run it).
 */
export const IMAGE_PIPELINES: Partial<Record<PipelineId, ImagePipeline>> = {
  'sd-turbo': sdTurboPipeline,
};

export const VOICE_PIPELINES: Partial<Record<PipelineId, VoicePipeline>> = {
  'piper-vits': piperPipeline,
};
