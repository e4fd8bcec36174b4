import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelManifest } from '../../../shared/models/model-manifest.ts';
import { seededRandom } from '../../../shared/seeded-random.ts';
import type { InstalledModel } from '../../inference/contract.ts';
import { modelHash } from '../registry.ts';
import { buildOnnxModel, type ElementType, type GraphSpec } from './onnx-graph.ts';

/**
 * A tiny model folder with SD-Turbo's signature (shared/models/pipelines.ts):
 * text_encoder.onnx, unet.onnx and vae_decoder.onnx with the exact input and
 * output names and element types of the Optimum export, a CLIP-style BPE
 * `tokenizer.json` (byte-level alphabet, `</w>` word ends, CLIP's special
 * tokens) that @huggingface/tokenizers loads, and `manifest.json` with the
 * files' sha256. Kilobytes, not gigabytes, so tests and benchmarks run the
 * real pipeline through onnxruntime-node on CPU. The picture depends on
 * everything a real one does:
 * - text encoder: an embedding lookup (Gather) of the input ids → the prompt;
 * - UNet: out = tanh(sample·c + mean(encoder_hidden_states)·W + 0.002·t) →
 *   the latents (seed), the prompt and the timestep;
 * - VAE decoder: ×8 nearest upsampling, a 1×1 convolution 4 → 3, tanh.
 */

export const TINY_HIDDEN = 8;
/** CLIP's token count: the tokenizer config's model_max_length. */
export const TINY_SEQUENCE = 77;

/** Words the tiny vocabulary has whole tokens for (others spell out byte by byte). */
const WORDS = ['a', 'the', 'cat', 'dog', 'red', 'blue', 'in', 'rain', 'night', 'city', 'man'];

/** GPT-2's byte → printable character table, which CLIP's vocabulary is written in. */
function byteAlphabet(): string[] {
  const printable = [
    ...Array.from({ length: 94 }, (_, i) => i + 33),
    ...Array.from({ length: 12 }, (_, i) => i + 161),
    ...Array.from({ length: 82 }, (_, i) => i + 174),
  ];
  const chars = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    chars[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  // CLIP orders its first 256 tokens by this printable-first order.
  return [
    ...printable,
    ...Array.from({ length: 256 }, (_, b) => b).filter((b) => !printable.includes(b)),
  ].map((b) => chars[b]!);
}

/** A CLIP-style tokenizer.json: the same normalizer, pre-tokenizer, BPE model and post-processor as openai/clip. */
export function tinyClipTokenizer(): { tokenizer: object; config: object } {
  const alphabet = byteAlphabet();
  const vocab = new Map<string, number>();
  const add = (token: string) => {
    if (!vocab.has(token)) vocab.set(token, vocab.size);
  };
  for (const c of alphabet) add(c);
  for (const c of alphabet) add(`${c}</w>`);
  const merges: string[] = [];
  for (const word of WORDS) {
    const pieces = [...word];
    pieces[pieces.length - 1] += '</w>';
    let left = pieces[0]!;
    for (const right of pieces.slice(1)) {
      const merge = `${left} ${right}`;
      if (!merges.includes(merge)) merges.push(merge);
      left += right;
      add(left);
    }
  }
  const bos = vocab.size;
  const eos = bos + 1;
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: true,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(bos, '<|startoftext|>'), special(eos, '<|endoftext|>')],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
        { type: 'Lowercase' },
      ],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        {
          type: 'Split',
          pattern: {
            Regex:
              "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
          },
          behavior: 'Removed',
          invert: true,
        },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['<|endoftext|>', eos],
      cls: ['<|startoftext|>', bos],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<|endoftext|>',
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab),
      merges,
    },
  };
  // SD-Turbo (SD 2.x) pads with "!" (id 0), not with <|endoftext|> as SD 1.x does.
  const config = {
    tokenizer_class: 'CLIPTokenizer',
    bos_token: '<|startoftext|>',
    eos_token: '<|endoftext|>',
    unk_token: '<|endoftext|>',
    pad_token: '!',
    model_max_length: TINY_SEQUENCE,
    do_lower_case: true,
  };
  return { tokenizer, config };
}

const CAST_FLOAT = 1;
const CAST_FLOAT16 = 10;

function weights(random: () => number, count: number, scale: number): number[] {
  return Array.from({ length: count }, () => (random() * 2 - 1) * scale);
}

/** Casts `input` to float32 (named `output`); a float32 input goes through a Cast too (a no-op). */
const toFloat = (input: string, output: string) => ({
  op: 'Cast',
  inputs: [input],
  outputs: [output],
  attributes: { to: CAST_FLOAT },
});
const toType = (input: string, output: string, type: ElementType) => ({
  op: 'Cast',
  inputs: [input],
  outputs: [output],
  attributes: { to: type === 'float16' ? CAST_FLOAT16 : CAST_FLOAT },
});

/**
 * `sequence`: a fixed token count in the graph's input shape, or 'symbolic'
 * (as Optimum exports it: the pipeline then feeds CLIP's 77).
 */
export function tinyTextEncoder(
  float: 'float16' | 'float32',
  ids: 'int32' | 'int64',
  vocabSize: number,
  sequence: number | 'symbolic' = 'symbolic',
): GraphSpec {
  const length = sequence === 'symbolic' ? 'sequence' : sequence;
  const random = seededRandom(11);
  return {
    name: 'tiny_text_encoder',
    inputs: [{ name: 'input_ids', type: ids, shape: ['batch', length] }],
    outputs: [{ name: 'last_hidden_state', type: float, shape: ['batch', length, TINY_HIDDEN] }],
    initializers: [
      {
        name: 'embedding',
        type: 'float32',
        dims: [vocabSize, TINY_HIDDEN],
        values: weights(random, vocabSize * TINY_HIDDEN, 1),
      },
    ],
    nodes: [
      {
        op: 'Gather',
        inputs: ['embedding', 'input_ids'],
        outputs: ['hidden'],
        attributes: { axis: 0 },
      },
      toType('hidden', 'last_hidden_state', float),
    ],
  };
}

export function tinyUnet(
  float: 'float16' | 'float32',
  timestep: 'int64' | 'float32' | 'float16',
): GraphSpec {
  const random = seededRandom(12);
  return {
    name: 'tiny_unet',
    inputs: [
      { name: 'sample', type: float, shape: ['batch', 4, 'height', 'width'] },
      { name: 'timestep', type: timestep, shape: [1] },
      { name: 'encoder_hidden_states', type: float, shape: ['batch', 'sequence', TINY_HIDDEN] },
    ],
    outputs: [{ name: 'out_sample', type: float, shape: ['batch', 4, 'height', 'width'] }],
    initializers: [
      { name: 'channel_gain', type: 'float32', dims: [1, 4, 1, 1], values: [0.9, -0.7, 0.5, 0.8] },
      {
        name: 'text_projection',
        type: 'float32',
        dims: [TINY_HIDDEN, 4],
        values: weights(random, TINY_HIDDEN * 4, 3),
      },
      { name: 'channels_shape', type: 'int64', dims: [4], values: [-1, 4, 1, 1] },
      { name: 'scalar_shape', type: 'int64', dims: [4], values: [1, 1, 1, 1] },
      { name: 'time_gain', type: 'float32', dims: [1], values: [0.002] },
    ],
    nodes: [
      toFloat('sample', 'sample_f'),
      toFloat('encoder_hidden_states', 'text_f'),
      toFloat('timestep', 'time_f'),
      {
        op: 'ReduceMean',
        inputs: ['text_f'],
        outputs: ['text_mean'],
        attributes: { axes: [1], keepdims: 0 },
      },
      { op: 'MatMul', inputs: ['text_mean', 'text_projection'], outputs: ['text_bias'] },
      { op: 'Reshape', inputs: ['text_bias', 'channels_shape'], outputs: ['text_bias_4d'] },
      { op: 'Mul', inputs: ['time_f', 'time_gain'], outputs: ['time_scaled'] },
      { op: 'Reshape', inputs: ['time_scaled', 'scalar_shape'], outputs: ['time_4d'] },
      { op: 'Mul', inputs: ['sample_f', 'channel_gain'], outputs: ['gained'] },
      { op: 'Add', inputs: ['gained', 'text_bias_4d'], outputs: ['with_text'] },
      { op: 'Add', inputs: ['with_text', 'time_4d'], outputs: ['with_time'] },
      { op: 'Tanh', inputs: ['with_time'], outputs: ['noise'] },
      toType('noise', 'out_sample', float),
    ],
  };
}

export function tinyVaeDecoder(float: 'float16' | 'float32'): GraphSpec {
  const random = seededRandom(13);
  return {
    name: 'tiny_vae_decoder',
    inputs: [
      { name: 'latent_sample', type: float, shape: ['batch', 4, 'latent_height', 'latent_width'] },
    ],
    outputs: [{ name: 'sample', type: float, shape: ['batch', 3, 'height', 'width'] }],
    initializers: [
      { name: 'scales', type: 'float32', dims: [4], values: [1, 1, 8, 8] },
      {
        name: 'rgb_weight',
        type: 'float32',
        dims: [3, 4, 1, 1],
        values: weights(random, 12, 0.015),
      },
      { name: 'rgb_bias', type: 'float32', dims: [3], values: [0.1, -0.05, 0] },
    ],
    nodes: [
      toFloat('latent_sample', 'latent_f'),
      {
        op: 'Resize',
        inputs: ['latent_f', '', 'scales'],
        outputs: ['upsampled'],
        attributes: { mode: 'nearest' },
      },
      { op: 'Conv', inputs: ['upsampled', 'rgb_weight', 'rgb_bias'], outputs: ['rgb'] },
      { op: 'Tanh', inputs: ['rgb'], outputs: ['image'] },
      toType('image', 'sample', float),
    ],
  };
}

export interface TinySdTurboOptions {
  precision: 'fp16' | 'fp32';
  id?: string;
  steps?: number;
  guidance?: number;
  nativeSize?: number;
  /** The text encoder's token count: fixed in its graph, or symbolic (default, as Optimum exports). */
  sequence?: number | 'symbolic';
  /** Leave tokenizer_config.json out (it is optional). */
  withoutTokenizerConfig?: boolean;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes the folder and returns its manifest. fp32: int64 input ids and
 * timestep; fp16: int32 input ids and a float16 timestep, so both element
 * type paths of the pipeline run.
 */
export async function writeTinySdTurbo(
  dir: string,
  options: TinySdTurboOptions,
): Promise<ModelManifest> {
  const fp16 = options.precision === 'fp16';
  const float = fp16 ? 'float16' : 'float32';
  const { tokenizer, config } = tinyClipTokenizer();
  const vocabSize = (tokenizer as { added_tokens: { id: number }[] }).added_tokens.at(-1)!.id + 1;
  const files: Record<string, [string, Uint8Array | string]> = {
    text_encoder: [
      'text_encoder.onnx',
      buildOnnxModel(tinyTextEncoder(float, fp16 ? 'int32' : 'int64', vocabSize, options.sequence)),
    ],
    unet: ['unet.onnx', buildOnnxModel(tinyUnet(float, fp16 ? 'float16' : 'int64'))],
    vae_decoder: ['vae_decoder.onnx', buildOnnxModel(tinyVaeDecoder(float))],
    tokenizer: ['tokenizer.json', JSON.stringify(tokenizer)],
  };
  if (!options.withoutTokenizerConfig) {
    files.tokenizer_config = ['tokenizer_config.json', JSON.stringify(config)];
  }
  await mkdir(dir, { recursive: true });
  for (const [file, bytes] of Object.values(files)) await writeFile(path.join(dir, file), bytes);
  const manifest: ModelManifest = {
    id: options.id ?? `tiny-sd-turbo-${options.precision}`,
    kind: 'image',
    pipeline: 'sd-turbo',
    name: `Tiny SD-Turbo (${options.precision}, tests)`,
    licence: 'MIT (generated by the Montage test suite)',
    source: 'render-node/models/testing/tiny-sd-turbo.ts',
    files: Object.entries(files).map(([role, [file, bytes]]) => ({
      role,
      path: file,
      sha256: sha256(bytes),
    })),
    image: {
      nativeSize: options.nativeSize ?? 512,
      steps: options.steps ?? 1,
      guidance: options.guidance ?? 0,
      latentScale: 0.18215,
    },
  };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * The model as the registry hands it to a pipeline, for in-process tests
 * (the registry's hash, so records and keys match a node's).
 */
export function tinyInstalledModel(dir: string, manifest: ModelManifest): InstalledModel {
  return { manifest, dir: path.resolve(dir), hash: modelHash(manifest) };
}
