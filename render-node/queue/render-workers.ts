import { Redis } from 'ioredis';
import type { MediaStore } from '../../shared/node/media-store.ts';
import { bullPrefix, renderChannels } from '../../shared/render/render-queue.ts';
import type { RenderEngines } from '../render-context.ts';
import { startAssembleWorker } from './assemble-worker.ts';
import { createCancelSignals } from './cancel-signals.ts';
import { eventPublisher } from './node-events.ts';
import { planLoader } from './plan-cache.ts';
import { startPlanWorker } from './plan-worker.ts';
import { startSceneWorker } from './scene-worker.ts';
import { startVoiceSampleWorker } from './voice-sample-worker.ts';
import { startMusicGenerateWorker } from './music-generate-worker.ts';
import { startImageWorker } from './image-worker.ts';
import { startEstimateWorker } from './estimate-worker.ts';
import type { WorkerContext } from './worker-context.ts';

export interface RenderWorkersOptions {
  redisUrl: string;
  prefix: string;
  store: MediaStore;
  engines: RenderEngines;
  /** Scene jobs this node runs at once. */
  concurrency: number;
  /** BullMQ lock duration: a node silent this long is presumed dead and its job is handed over. */
  lockDurationMs: number;
  log: (
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => void;
}

/**
 * The render node's BullMQ workers: `plan` (plan-worker.ts) turns a timeline
 * into a stored plan and a flow of `scene` jobs under an `assemble` job;
 * `scene` and `assemble` (scene-worker.ts, assemble-worker.ts) call the
 * pipeline's building blocks; cancel-signals.ts stops a cancelled render's
 * work wherever it runs. Any node can take any job; they share Redis and the
 * media store.
 */
export async function startRenderWorkers(options: RenderWorkersOptions) {
  const redis = () => new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const commands = redis();
  const subscriber = redis();
  const channels = renderChannels(options.prefix);
  const publish = eventPublisher(commands, channels.events);
  const signals = await createCancelSignals({
    prefix: options.prefix,
    commands,
    subscriber,
    cancelChannel: channels.cancel,
    publish,
  });
  const ctx: WorkerContext = {
    prefix: options.prefix,
    store: options.store,
    engines: options.engines,
    commands,
    redis,
    workerOptions: {
      prefix: bullPrefix(options.prefix),
      lockDuration: options.lockDurationMs,
      stalledInterval: Math.max(1000, options.lockDurationMs / 2),
      // A busy machine can miss a lock renewal: a job is re-run after a stall,
      // and failed only after several (a dead node's job is re-run at once).
      maxStalledCount: 3,
    },
    publish,
    signals,
    loadPlan: planLoader(options.store),
  };

  const plan = startPlanWorker(ctx);
  const sceneWorker = startSceneWorker(ctx, options.concurrency);
  const assembleWorker = startAssembleWorker(ctx);
  const sampleWorker = startVoiceSampleWorker(ctx);
  const musicWorker = startMusicGenerateWorker(ctx);
  const imageWorker = startImageWorker(ctx);
  const estimateWorker = startEstimateWorker(ctx);

  for (const worker of [
    plan.worker,
    sceneWorker,
    assembleWorker,
    sampleWorker,
    musicWorker,
    imageWorker,
    estimateWorker,
  ]) {
    worker.on('failed', (job, error) => {
      if (error.message !== 'cancelled')
        options.log('warn', 'render job failed', {
          job: job?.id,
          error: error.message,
          attempt: job?.attemptsMade,
        });
    });
    worker.on('error', (error) =>
      options.log('error', 'render worker error', { error: error.message }),
    );
  }
  options.log('info', 'render node ready', { concurrency: options.concurrency });

  return {
    async close() {
      signals.abortAll(new Error('render node stopping'));
      await Promise.all([
        plan.close(),
        sceneWorker.close(),
        assembleWorker.close(),
        sampleWorker.close(),
        musicWorker.close(),
        imageWorker.close(),
        estimateWorker.close(),
      ]);
      subscriber.disconnect();
      commands.disconnect();
    },
  };
}
