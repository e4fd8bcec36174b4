import type { ModelKind, PipelineId } from './model-manifest.ts';

/**
 * What each pipeline needs from a model folder: the files by role and, for
 * ONNX graphs, the inputs and outputs (names and accepted element types) the
 * pipeline feeds and reads. The registry checks an installed graph against
 * this before it is usable, so a wrong file is an error naming the model and
 * the file, never a crash in the middle of a render. Tests build tiny graphs
 * with exactly these signatures (render-node/models/testing/).
 *
 * Names follow the Hugging Face Optimum ONNX export of Stable Diffusion
 * (text_encoder/, unet/, vae_decoder/) and Piper's VITS export.
 */

export type TensorType = 'float32' | 'float16' | 'int64' | 'int32';

export interface TensorSignature {
  name: string;
  /** Element types the pipeline handles (fp16 and fp32 graphs both work where both are listed). */
  types: TensorType[];
  /** Rank of the tensor, or the ranks exports are known to use. */
  rank: number | number[];
  /** An input the pipeline feeds only when the graph declares it (Piper's `sid`). */
  optional?: boolean;
}

export interface GraphRole {
  role: string;
  format: 'onnx';
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}

export interface FileRole {
  role: string;
  format: 'json' | 'text';
  /** The file may be absent. */
  optional?: boolean;
}

export interface PipelineSpec {
  id: PipelineId;
  kind: ModelKind;
  /** Bumped when the pipeline's code changes what it makes: part of every output's cache key. */
  version: string;
  graphs: GraphRole[];
  files: FileRole[];
}

const FLOATS: TensorType[] = ['float32', 'float16'];

export const PIPELINES: Record<PipelineId, PipelineSpec> = {
  'sd-turbo': {
    id: 'sd-turbo',
    kind: 'image',
    version: 'sd-turbo/1',
    graphs: [
      {
        role: 'text_encoder',
        format: 'onnx',
        inputs: [{ name: 'input_ids', types: ['int32', 'int64'], rank: 2 }],
        outputs: [{ name: 'last_hidden_state', types: FLOATS, rank: 3 }],
      },
      {
        role: 'unet',
        format: 'onnx',
        inputs: [
          { name: 'sample', types: FLOATS, rank: 4 },
          { name: 'timestep', types: ['int64', 'float32', 'float16'], rank: 1 },
          { name: 'encoder_hidden_states', types: FLOATS, rank: 3 },
        ],
        outputs: [{ name: 'out_sample', types: FLOATS, rank: 4 }],
      },
      {
        role: 'vae_decoder',
        format: 'onnx',
        inputs: [{ name: 'latent_sample', types: FLOATS, rank: 4 }],
        outputs: [{ name: 'sample', types: FLOATS, rank: 4 }],
      },
    ],
    // tokenizer.json in the Hugging Face tokenizers format (with tokenizer_config.json).
    files: [
      { role: 'tokenizer', format: 'json' },
      { role: 'tokenizer_config', format: 'json', optional: true },
    ],
  },
  'piper-vits': {
    id: 'piper-vits',
    kind: 'voice',
    version: 'piper-vits/1',
    graphs: [
      {
        role: 'model',
        format: 'onnx',
        inputs: [
          { name: 'input', types: ['int64'], rank: 2 },
          { name: 'input_lengths', types: ['int64'], rank: 1 },
          { name: 'scales', types: ['float32'], rank: 1 },
          { name: 'sid', types: ['int64'], rank: 1, optional: true },
        ],
        // [1, 1, samples] or [1, 1, 1, samples] depending on the export.
        outputs: [{ name: 'output', types: ['float32'], rank: [3, 4] }],
      },
    ],
    // The voice's `<name>.onnx.json`: audio.sample_rate, espeak.voice, inference scales, phoneme_id_map.
    files: [{ role: 'config', format: 'json' }],
  },
};
