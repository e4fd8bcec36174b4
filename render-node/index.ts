import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadEngines } from './engines/load-engines.ts';
import { MediaStore } from '../shared/node/media-store.ts';
import { setProcessLimit } from '../shared/node/process-slots.ts';
import { startRenderWorkers } from './queue/render-workers.ts';
import { startInferenceHost } from './inference/inference-host.ts';
import { modelsDirFrom } from './models/registry.ts';

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
    // Installed ONNX models (docs/models.md); absent: <DATA_DIR>/models. Resolve with modelsDirFrom (models/registry.ts).
    MODELS_DIR: z.string().min(1).optional(),
    RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    RENDER_FFMPEG_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
    RENDER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    // Stable across restarts: a restarted node clears what its killed predecessor left in tmp/.
    // Absent: the host name for the media store's temp files, hostname-pid on the heartbeat
    // and as jobs' processedBy (two processes on one host are two nodes there).
    RENDER_NODE_ID: z.string().min(1).optional(),
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
const modelsDir = modelsDirFrom({ MODELS_DIR: config.MODELS_DIR, DATA_DIR: config.DATA_DIR });
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
