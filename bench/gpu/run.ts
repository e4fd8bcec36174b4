/**
 * Benchmark (not a test), for a machine with an NVIDIA GPU: SD-Turbo at
 * 512×512 on the CUDA execution provider, and nothing else.
 *
 *   MODELS_DIR=./data/models node bench/gpu/run.ts [--model sd-turbo-fp16] [--runs 10] [--steps 1] [--strict]
 *
 * It fails loudly (exit 1) rather than measure the CPU by mistake:
 * - sessions are created with `executionProviders: ['cuda']` only: when the
 *   CUDA provider library does not load, onnxruntime-node throws (checked:
 *   "OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared
 *   library") and the script stops naming the file;
 * - after the first image, `nvidia-smi` must list this process using GPU
 *   memory;
 * - `--strict` also sets `session.disable_cpu_ep_fallback`, so onnxruntime
 *   refuses a graph with any node on the CPU. Not the default: onnxruntime
 *   deliberately keeps small shape computations of a CUDA graph on the CPU,
 *   which that option also refuses.
 * Without a GPU (no nvidia-smi or no device) or without an SD-Turbo model in
 * MODELS_DIR it says so and exits 2. Target: ≤ 150 ms per 512 px image on a
 * current data-centre GPU (docs/benchmarks.md).
 */
import { execFileSync } from 'node:child_process';
import { InferenceSession } from 'onnxruntime-node';
import {
  cachedSessions,
  sdTurboPipeline,
} from '../../render-node/engines/image/onnx/sd-turbo-pipeline.ts';
import { installedImageModels } from '../inference/installed-image-models.ts';

const TARGET_MS = 150;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('runs') ?? 10);
const steps = arg('steps') ? Number(arg('steps')) : undefined;
const strict = process.argv.includes('--strict');

function nvidiaSmi(args: string[]): string | null {
  try {
    return execFileSync('nvidia-smi', args, { encoding: 'utf8', timeout: 20_000 });
  } catch {
    return null;
  }
}

function stop(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

const gpus = nvidiaSmi(['--query-gpu=name,memory.total', '--format=csv,noheader']);
if (!gpus?.trim()) {
  stop(2, 'no NVIDIA GPU here (nvidia-smi is missing or lists no device): nothing to measure');
}
console.log(`GPU: ${gpus.trim()}`);

const modelsDir = process.env.MODELS_DIR ?? './data/models';
const models = await installedImageModels(modelsDir);
const wanted = arg('model');
const model = wanted ? models.find((m) => m.manifest.id === wanted) : models[0];
if (!model) {
  stop(
    2,
    wanted
      ? `no SD-Turbo model "${wanted}" in ${modelsDir} (installed: ${models.map((m) => m.manifest.id).join(', ') || 'none'})`
      : `no SD-Turbo model in ${modelsDir}: install one (docs/models.md) to measure the GPU`,
  );
}

const sessions = cachedSessions(async (file) => {
  try {
    return await InferenceSession.create(file, {
      executionProviders: [{ name: 'cuda', deviceId: 0 }],
      // --strict: refuse to place any node on the CPU.
      ...(strict ? { extra: { session: { disable_cpu_ep_fallback: '1' } } } : {}),
    });
  } catch (error) {
    stop(
      1,
      `FAILED: the CUDA execution provider did not take ${file}: ${(error as Error).message}\n` +
        'Is libonnxruntime_providers_cuda.so (with CUDA 12 and cuDNN 9) beside libonnxruntime.so? See docs/models.md.',
    );
  }
});

const request = (seed: number) => ({
  prompt: 'a lighthouse on a cliff at sunset, a woman in a red coat, cinematic film still',
  negativePrompt: 'blurry, text, watermark',
  seed,
  width: 512,
  height: 512,
  steps,
});

const firstStart = performance.now();
await sdTurboPipeline(model, sessions, request(0));
const firstMs = performance.now() - firstStart;

const apps = nvidiaSmi(['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits']);
const mine = apps
  ?.split('\n')
  .map((line) => line.split(',').map((part) => part.trim()))
  .find(([pid]) => Number(pid) === process.pid);
if (!mine) {
  stop(
    1,
    `FAILED: nvidia-smi does not list this process (${process.pid}) on the GPU: CUDA is not what ran the model`,
  );
}
console.log(`this process on the GPU: ${mine[1]} MiB`);

const times: number[] = [];
const started = performance.now();
for (let run = 1; run <= runs; run++) {
  const t = performance.now();
  await sdTurboPipeline(model, sessions, request(run));
  times.push(performance.now() - t);
}
const perSecond = (runs * 1000) / (performance.now() - started);
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(
  `${model.manifest.id}: 512×512, first ${firstMs.toFixed(0)} ms (sessions load), ` +
    `median ${median.toFixed(1)} ms, ${perSecond.toFixed(2)} images/s over ${runs} — ` +
    `target ≤ ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'NOT met'}`,
);
await sessions.release();
