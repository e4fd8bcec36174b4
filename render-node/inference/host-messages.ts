import type { ExecutionProviderInfo, ModelStatus } from '../../shared/render/node-capabilities.ts';
import type {
  ImagePipelineRequest,
  ImagePipelineResult,
  VoicePipelineRequest,
  VoicePipelineResult,
} from './contract.ts';

/**
 * The messages between the render node (inference-host.ts) and its inference
 * host process (host-process.ts), sent over the fork's IPC channel with the
 * 'advanced' serialisation (structured clone: PNG and WAV bytes travel as
 * Uint8Array, not JSON).
 */

export type HostRequest =
  | { type: 'run'; id: number; task: 'image'; modelId: string; request: ImagePipelineRequest }
  | { type: 'run'; id: number; task: 'voice'; modelId: string; request: VoicePipelineRequest }
  | { type: 'abort'; id: number };

export type HostReply =
  | { type: 'ready'; provider: ExecutionProviderInfo; models: ModelStatus[] }
  | {
      type: 'done';
      id: number;
      result: ImagePipelineResult | VoicePipelineResult;
      /** Milliseconds the pipeline ran (after waiting its turn). */
      ms: number;
    }
  | { type: 'failed'; id: number; message: string }
  | { type: 'memory'; memory: { usedBytes: number; totalBytes: number } }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; msg: string; fields: Record<string, unknown> };
