import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelManifest } from '../../../shared/models/model-manifest.ts';
import { buildOnnxModel, type GraphSpec } from './onnx-graph.ts';

/**
 * A tiny Piper voice for tests and benchmarks: a graph with a Piper VITS
 * export's inputs (`input`, `input_lengths`, `scales`) and output (`output`,
 * [1, 1, samples]) whose audio is made from the phoneme ids it is given — a
 * sine per id, `floor(256 × length_scale)` samples each — so the narration
 * really comes from the model: other text gives other audio, the rate
 * changes the length. Written with its `.onnx.json` config and a manifest
 * with the right sha256s.
 */

export const TINY_PIPER_SAMPLES_PER_ID = 256;
export const TINY_PIPER_SAMPLE_RATE = 16000;

/** IPA and punctuation the tiny voice knows; '_' pad, '^' start, '$' end as in Piper voices. */
const SYMBOLS = [
  '_',
  '^',
  '$',
  ' ',
  '.',
  ',',
  '!',
  '?',
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'ɐɑɒæɓβɔɕçɗɖðəɘɚɛɜɝɞɟɡɣɤɦħɥɨɪʝɭɬɫɮʟɱɯɰŋɳɲɴøɵɸθœɶɹɺɾɻʀʁɽʂʃʈʉʊʋʌʍχʎʏʑʐʒʔʕˈˌːʲʰ',
];

export function tinyPiperGraph(options: { withSpeakerId?: boolean; inputName?: string } = {}) {
  const spec: GraphSpec = {
    name: 'tiny-piper',
    inputs: [
      { name: options.inputName ?? 'input', type: 'int64', shape: [1, 'phonemes'] },
      { name: 'input_lengths', type: 'int64', shape: [1] },
      { name: 'scales', type: 'float32', shape: [3] },
      ...(options.withSpeakerId ? [{ name: 'sid', type: 'int64' as const, shape: [1] }] : []),
    ],
    outputs: [{ name: 'output', type: 'float32', shape: [1, 1, 'samples'] }],
    initializers: [
      { name: 'column', type: 'int64', dims: [2], values: [-1, 1] },
      { name: 'flat', type: 'int64', dims: [3], values: [1, 1, -1] },
      { name: 'one_index', type: 'int64', dims: [], values: [1] },
      { name: 'per_id', type: 'float32', dims: [], values: [TINY_PIPER_SAMPLES_PER_ID] },
      { name: 'zero', type: 'float32', dims: [], values: [0] },
      { name: 'step', type: 'float32', dims: [], values: [1] },
      { name: 'freq_per_id', type: 'float32', dims: [], values: [0.013] },
      { name: 'freq_base', type: 'float32', dims: [], values: [0.05] },
      { name: 'volume', type: 'float32', dims: [], values: [0.5] },
    ],
    nodes: [
      // Samples per id from the length scale (scales[1]).
      { op: 'Gather', inputs: ['scales', 'one_index'], outputs: ['length_scale'] },
      { op: 'Mul', inputs: ['length_scale', 'per_id'], outputs: ['samples_f'] },
      { op: 'Floor', inputs: ['samples_f'], outputs: ['samples_floor'] },
      { op: 'Range', inputs: ['zero', 'samples_floor', 'step'], outputs: ['t'] },
      // One frequency per phoneme id: ids as a column [N, 1].
      {
        op: 'Cast',
        inputs: [options.inputName ?? 'input'],
        outputs: ['ids_f'],
        attributes: { to: 1 },
      },
      { op: 'Reshape', inputs: ['ids_f', 'column'], outputs: ['ids_col'] },
      { op: 'Mul', inputs: ['ids_col', 'freq_per_id'], outputs: ['freq_id'] },
      { op: 'Add', inputs: ['freq_id', 'freq_base'], outputs: ['freq'] },
      // [N, 1] × [L] → [N, L]: each id's sine, one after the other once flattened.
      { op: 'Mul', inputs: ['freq', 't'], outputs: ['phase'] },
      { op: 'Sin', inputs: ['phase'], outputs: ['wave'] },
      { op: 'Mul', inputs: ['wave', 'volume'], outputs: ['quiet'] },
      { op: 'Reshape', inputs: ['quiet', 'flat'], outputs: ['output'] },
    ],
  };
  return buildOnnxModel(spec);
}

export function tinyPiperConfig(espeakVoice = 'en-us') {
  return {
    audio: { sample_rate: TINY_PIPER_SAMPLE_RATE, quality: 'x_low' },
    espeak: { voice: espeakVoice },
    inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 },
    phoneme_type: 'espeak',
    phoneme_id_map: Object.fromEntries(SYMBOLS.map((s, i) => [s, [i]])),
    num_symbols: SYMBOLS.length,
    num_speakers: 1,
    speaker_id_map: {},
  };
}

export interface TinyPiperOptions {
  id?: string;
  language?: string;
  espeakVoice?: string;
  /** Replaces the graph (e.g. one with a wrong signature). */
  graph?: Uint8Array;
  /** Replaces the config file's text. */
  configText?: string;
}

/** Writes the voice (graph, config, manifest) into `dir`; returns the manifest. */
export async function writeTinyPiperVoice(
  dir: string,
  options: TinyPiperOptions = {},
): Promise<ModelManifest> {
  const id = options.id ?? 'en_US-tiny-test';
  const graph = options.graph ?? tinyPiperGraph();
  const config =
    options.configText ?? JSON.stringify(tinyPiperConfig(options.espeakVoice), null, 2);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${id}.onnx`), graph);
  await writeFile(path.join(dir, `${id}.onnx.json`), config);
  const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
  const manifest: ModelManifest = {
    id,
    kind: 'voice',
    pipeline: 'piper-vits',
    name: `Tiny test voice (${id})`,
    licence: 'MIT (generated by the Montage test suite)',
    source: 'render-node/models/testing/tiny-piper.ts',
    files: [
      { role: 'model', path: `${id}.onnx`, sha256: sha256(graph) },
      { role: 'config', path: `${id}.onnx.json`, sha256: sha256(config) },
    ],
    voice: {
      language: options.language ?? 'en_US',
      speaker: 'tiny',
      sampleRate: TINY_PIPER_SAMPLE_RATE,
    },
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
