import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Tensor } from 'onnxruntime-node';
import { abortReason } from '../../../../shared/node/process-slots.ts';
import type { InstalledModel, VoicePipeline } from '../../../inference/contract.ts';
import { wavHeader } from '../wav-concat.ts';
import { espeakPhonemes } from './espeak-phonemes.ts';
import { phonemeIds, sentencePhonemes, splitSentences } from './phoneme-ids.ts';
import { parsePiperConfig, type PiperConfig } from './piper-config.ts';
import { resample } from './resample.ts';

/**
 * Piper (VITS) narration: the text is cut into sentences; each is
 * phonemised by espeak-ng in the voice's language, mapped to ids through the
 * voice's phoneme map and spoken by the graph with the voice's scales (the
 * rate divides the length scale); sentences are joined with a pause, the
 * voice's rate is resampled to the request's and a 16-bit mono WAV comes out.
 * Runs inside the inference host (render-node/inference/), which owns the
 * sessions.
 */

/** Silence between two sentences (Piper's own default). */
export const SENTENCE_PAUSE_SEC = 0.2;

const configs = new Map<string, Promise<PiperConfig>>();

/** The voice's config, read once per installed model. */
function voiceConfig(model: InstalledModel): Promise<PiperConfig> {
  const key = `${model.dir}#${model.hash}`;
  let config = configs.get(key);
  if (!config) {
    const file = model.manifest.files.find((f) => f.role === 'config');
    if (!file) throw new Error(`model "${model.manifest.id}" has no config file`);
    config = readFile(path.join(model.dir, file.path), 'utf8').then((text) =>
      parsePiperConfig(text, `${model.manifest.id}/${file.path}`),
    );
    config.catch(() => configs.delete(key));
    configs.set(key, config);
  }
  return config;
}

export const piperPipeline: VoicePipeline = async (model, sessions, request, signal) => {
  if (!(request.rate >= 0.5 && request.rate <= 2)) {
    throw new Error(`voice rate must be between 0.5 and 2, got ${request.rate}`);
  }
  if (
    !Number.isInteger(request.sampleRate) ||
    request.sampleRate < 8000 ||
    request.sampleRate > 96000
  ) {
    throw new Error(
      `sample rate must be an integer between 8000 and 96000, got ${request.sampleRate}`,
    );
  }
  const config = await voiceConfig(model);
  const session = await sessions.session(model, 'model');
  const language = model.manifest.voice?.language ?? 'en_US';
  const sentences = splitSentences(request.text, language);
  const timings = { phonemes: 0, inference: 0, resample: 0 };
  const voiceRate = config.audio.sample_rate;
  const pause = new Float32Array(Math.round(SENTENCE_PAUSE_SEC * voiceRate));
  const parts: Float32Array[] = [];
  const { noise_scale, length_scale, noise_w } = config.inference;
  const scales = new Tensor(
    'float32',
    Float32Array.from([noise_scale, length_scale / request.rate, noise_w]),
    [3],
  );

  for (const sentence of sentences) {
    if (signal?.aborted) throw abortReason(signal);
    let started = performance.now();
    const ipa = await espeakPhonemes(sentence, config.espeak.voice, signal);
    const ids = phonemeIds(sentencePhonemes(ipa, sentence), config.phoneme_id_map);
    timings.phonemes += performance.now() - started;
    // Only "^", "_" and "$": nothing this voice can say (e.g. only symbols it has no phonemes for).
    if (ids.length <= 3) continue;
    started = performance.now();
    const feeds: Record<string, Tensor> = {
      input: new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      input_lengths: new Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
      scales,
    };
    if (session.inputNames.includes('sid')) {
      feeds.sid = new Tensor('int64', BigInt64Array.from([0n]), [1]);
    }
    const result = await session.run(feeds);
    const output = result.output;
    if (!output || output.type !== 'float32') {
      throw new Error(`model "${model.manifest.id}" gave no float32 "output"`);
    }
    parts.push(normalise(output.data as Float32Array));
    timings.inference += performance.now() - started;
  }
  if (parts.length === 0) {
    throw new Error(`voice "${model.manifest.id}" has nothing to say for this text`);
  }

  const joined = concat(parts.flatMap((part, i) => (i === 0 ? [part] : [pause, part])));
  const started = performance.now();
  const samples = resample(joined, voiceRate, request.sampleRate);
  timings.resample = performance.now() - started;
  return { wav: pcm16Wav(samples, request.sampleRate), sentences: parts.length, timings };
};

/** Piper scales each sentence to full range (its graphs' output level varies); quiet noise stays quiet. */
function normalise(samples: Float32Array): Float32Array {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const gain = 1 / Math.max(0.01, peak);
  return samples.map((s) => s * gain);
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A mono 16-bit PCM WAV of float samples in [-1, 1] (clipped). */
export function pcm16Wav(samples: Float32Array, sampleRate: number): Uint8Array {
  const header = wavHeader({ sampleRate, channels: 1, bitsPerSample: 16 }, samples.length * 2);
  const wav = new Uint8Array(header.length + samples.length * 2);
  wav.set(header);
  const view = new DataView(wav.buffer, header.length);
  samples.forEach((s, i) =>
    view.setInt16(i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true),
  );
  return wav;
}
