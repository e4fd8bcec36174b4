import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadEngines } from './engines/load-engines.ts';
import { MediaStore } from '../shared/node/media-store.ts';
import { setProcessLimit } from '../shared/node/process-slots.ts';
import { startRenderWorkers } from './queue/render-workers.ts';
import type { InferenceClient } from './inference/contract.ts';

/**
 * The render process: BullMQ workers over the shared Redis and media store.
 * `npm start` starts one; more can run anywhere with the same REDIS_URL and
 * MEDIA_DIR. SIGTERM/SIGINT: stop taking jobs, abort running ones (the queue
 * hands them to another node), exit.
 */
const env = z
  .object({
    REDIS_URL: z.string().url(),
    REDIS_PREFIX: z.string().default('montage'),
    DATA_DIR: z.string().default('./data'),
    MEDIA_DIR: z.string().optional(),
    RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    RENDER_FFMPEG_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
    RENDER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    // Stable across restarts: a restarted node clears what its killed predecessor left in tmp/.
    // Absent: the host name for the media store's temp files, hostname-pid on the heartbeat
    // and as jobs' processedBy (two processes on one host are two nodes there).
    RENDER_NODE_ID: z.string().min(1).optional(),
    // Installed models (npm run models -- add): ONNX images and Piper voices; default DATA_DIR/models.
    MODELS_DIR: z.string().optional(),
    // A General MIDI sound font for generated soundtracks; absent: Debian's TimGM6mb (or FluidR3).
    MUSIC_SOUNDFONT: z.string().min(1).optional(),
  })
  .safeParse(process.env);

if (!env.success) {
  console.error(
    `Invalid environment:\n${env.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
  );
  process.exit(2);
}
const config = env.data;
const nodeId = config.RENDER_NODE_ID ?? `${hostname()}-${process.pid}`;

const log = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}) =>
  console.log(
    JSON.stringify({
      level,
      time: new Date().toISOString(),
      node: nodeId,
      msg,
      ...fields,
    }),
  );

const mediaDir = path.resolve(config.MEDIA_DIR ?? path.join(config.DATA_DIR, 'media'));
const store = new MediaStore(mediaDir, { owner: config.RENDER_NODE_ID ?? hostname() });
await store.clearOwnTemp();
if (config.RENDER_FFMPEG_PROCESSES) setProcessLimit(config.RENDER_FFMPEG_PROCESSES);
const modelsDir = path.resolve(config.MODELS_DIR ?? path.join(config.DATA_DIR, 'models'));
const inference = (await hasModels(modelsDir))
  ? await startInferenceHost({ modelsDir, log })
  : undefined;
const engines = await loadEngines({ soundfont: config.MUSIC_SOUNDFONT, inference });
const workers = await startRenderWorkers({
  nodeId,
  inference,
  redisUrl: config.REDIS_URL,
  prefix: config.REDIS_PREFIX,
  store,
  engines,
  concurrency: config.RENDER_CONCURRENCY,
  lockDurationMs: config.RENDER_LOCK_MS,
  log,
});
process.send?.({ type: 'ready' });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('info', 'render node stopping', { signal });
  await workers
    .close()
    .catch((error: Error) => log('error', 'close failed', { error: error.message }));
  await inference
    ?.close()
    .catch((error: Error) => log('error', 'inference host close failed', { error: error.message }));
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

/** Whether any folder of MODELS_DIR holds a manifest: only then does the node start the inference host. */
async function hasModels(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: false }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const files = await readdir(path.join(dir, entry.name)).catch(() => [] as string[]);
    if (files.includes('manifest.json')) return true;
  }
  return false;
}

/**
 * The inference host (render-node/inference/host.ts, issue 14 item 1): one
 * child process owning onnxruntime-node. Imported only when there are
 * models, so a node without any never loads the runtime.
 * INTEGRATION: replace the body with a static
 * `import { startInferenceHost } from './inference/host.ts'` once it exists.
 */
async function startInferenceHost(options: {
  modelsDir: string;
  log: typeof log;
}): Promise<InferenceClient> {
  const hostModule = './inference/host.ts';
  const host = (await import(hostModule)) as {
    startInferenceHost(o: typeof options): Promise<InferenceClient>;
  };
  return host.startInferenceHost(options);
}
