/**
 * Benchmark (not a test): text-to-image latency and images per second of the
 * SD-Turbo pipeline at 512×512 on CPU, with the tiny SD-Turbo-signature
 * graphs (render-node/models/testing/tiny-sd-turbo.ts: measures the
 * pipeline's own work: tokenizer, tensors, scheduler, fp16 conversion, PNG)
 * and with every SD-Turbo model installed in MODELS_DIR (real weights).
 *
 *   node bench/inference/image.ts [--runs 5] [--size 512] [--steps 1]
 *   MODELS_DIR=./data/models node bench/inference/image.ts --runs 3
 *
 * The first image of each model is timed apart (sessions load then).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import type { InstalledModel } from '../../render-node/inference/contract.ts';
import {
  cachedSessions,
  sdTurboPipeline,
} from '../../render-node/engines/image/onnx/sd-turbo-pipeline.ts';
import {
  tinyInstalledModel,
  writeTinySdTurbo,
} from '../../render-node/models/testing/tiny-sd-turbo.ts';
import { installedImageModels } from './installed-image-models.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('runs') ?? 5);
const size = Number(arg('size') ?? 512);
const steps = arg('steps') ? Number(arg('steps')) : undefined;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function bench(label: string, model: InstalledModel) {
  const sessions = cachedSessions((file) =>
    InferenceSession.create(file, { executionProviders: ['cpu'] }),
  );
  const request = (seed: number) => ({
    prompt: 'a lighthouse on a cliff at sunset, a woman in a red coat, cinematic film still',
    negativePrompt: 'blurry, text, watermark',
    seed,
    width: size,
    height: size,
    steps,
  });
  try {
    const firstStart = performance.now();
    await sdTurboPipeline(model, sessions, request(0));
    const firstMs = performance.now() - firstStart;
    const times: number[] = [];
    const stages: Record<string, number[]> = {};
    const started = performance.now();
    for (let run = 1; run <= runs; run++) {
      const t = performance.now();
      const result = await sdTurboPipeline(model, sessions, request(run));
      times.push(performance.now() - t);
      for (const [stage, ms] of Object.entries(result.timings)) (stages[stage] ??= []).push(ms);
    }
    const perSecond = (runs * 1000) / (performance.now() - started);
    const stageText = Object.entries(stages)
      .map(([stage, ms]) => `${stage} ${median(ms).toFixed(1)}`)
      .join(', ');
    console.log(
      `${label}: ${size}×${size}, first ${firstMs.toFixed(0)} ms (sessions load), ` +
        `median ${median(times).toFixed(1)} ms, ${perSecond.toFixed(2)} images/s ` +
        `(median per stage, ms: ${stageText})`,
    );
  } finally {
    await sessions.release();
  }
}

console.log(
  `CPU: ${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}; ${runs} runs after the first`,
);
const root = await mkdtemp(path.join(tmpdir(), 'bench-image-'));
try {
  for (const precision of ['fp32', 'fp16'] as const) {
    const dir = path.join(root, precision);
    const model = tinyInstalledModel(dir, await writeTinySdTurbo(dir, { precision }));
    await bench(`tiny ${precision} graphs`, model);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
const modelsDir = process.env.MODELS_DIR ?? './data/models';
const installed = await installedImageModels(modelsDir);
if (installed.length === 0)
  console.log(`no SD-Turbo model in ${modelsDir}: real weights not measured`);
for (const model of installed) await bench(`${model.manifest.id} (${modelsDir})`, model);
