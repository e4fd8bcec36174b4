import { hostname } from 'node:os';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { MediaStore } from '../../shared/node/media-store.ts';
import { bullPrefix, renderChannels } from '../../shared/render/render-queue.ts';
import { engineKeys } from '../engines/load-engines.ts';
import type { InferenceClient } from '../inference/contract.ts';
import type { RenderEngines } from '../render-context.ts';
import { createCapabilityQueues } from './capability-queues.ts';
import { startHeartbeat } from './heartbeat.ts';
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
  /** The inference host's client, when the node has models: its models and provider go on the heartbeat. */
  inference?: InferenceClient | undefined;
  /**
   * This node's id on its heartbeat and as its jobs' `processedBy`; default
   * hostname-pid, so two processes on one host are two nodes.
   */
  nodeId?: string | undefined;
  /** Heartbeat period (default NODE_HEARTBEAT_MS; tests shorten it). */
  heartbeatMs?: number;
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
 * work wherever it runs. Any node can take any job that needs only the
 * default engines; a scene needing a model is on a capability queue that
 * only nodes with the model serve (capability-queues.ts). Nodes share Redis
 * and the media store, and say what they can do on a heartbeat (heartbeat.ts).
 */
export async function startRenderWorkers(options: RenderWorkersOptions) {
  // Every connection this node opens (BullMQ leaves a connection it is given open on close).
  const connections: Redis[] = [];
  const redis = () => {
    const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  };
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
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}`;
  const logWorker = (worker: Worker) => {
    worker.on('failed', (job, error) => {
      if (error.message !== 'cancelled')
        options.log('warn', 'render job failed', {
          job: job?.id,
          queue: worker.name,
          error: error.message,
          attempt: job?.attemptsMade,
        });
    });
    worker.on('error', (error) =>
      options.log('error', 'render worker error', { error: error.message }),
    );
  };
  const ctx: WorkerContext = {
    prefix: options.prefix,
    nodeId,
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
      name: nodeId,
    },
    // Set just below, once the context exists.
    capabilities: null as unknown as WorkerContext['capabilities'],
    publish,
    signals,
    loadPlan: planLoader(options.store),
  };

  ctx.capabilities = createCapabilityQueues(ctx, engineKeys(options.engines), logWorker);
  // A queue registered by a plan worker: serve it now if this node can.
  const capabilityListener = (channel: string) => {
    if (channel === channels.capabilityQueues)
      ctx.capabilities
        .refresh()
        .catch((error: Error) =>
          options.log('warn', 'capability queues refresh failed', { error: error.message }),
        );
  };
  subscriber.on('message', capabilityListener);
  await subscriber.subscribe(channels.capabilityQueues);

  const plan = startPlanWorker(ctx);
  await startSceneWorker(ctx, options.concurrency);
  const assembleWorker = startAssembleWorker(ctx);
  const sampleWorker = startVoiceSampleWorker(ctx);
  const musicWorker = startMusicGenerateWorker(ctx);
  // Image-only jobs (regenerate, variants) of this node's engines, from their capability queues too.
  await startImageWorker(ctx);
  const estimateWorker = startEstimateWorker(ctx);

  for (const worker of [plan.worker, assembleWorker, sampleWorker, musicWorker, estimateWorker])
    logWorker(worker);
  const heartbeat = await startHeartbeat({
    commands,
    prefix: options.prefix,
    nodeId,
    engines: options.engines,
    inference: options.inference,
    concurrency: options.concurrency,
    intervalMs: options.heartbeatMs,
    onBeat: () => ctx.capabilities.refresh(),
    log: options.log,
  });
  options.log('info', 'render node ready', {
    nodeId,
    concurrency: options.concurrency,
    engines: [...engineKeys(options.engines)],
  });

  return {
    nodeId,
    /** The queues this node serves now (base and capability queues). */
    served: () => ctx.capabilities.served(),
    async close() {
      await heartbeat.stop().catch(() => undefined);
      signals.abortAll(new Error('render node stopping'));
      await Promise.all([
        plan.close(),
        ctx.capabilities.close(),
        assembleWorker.close(),
        sampleWorker.close(),
        musicWorker.close(),
        estimateWorker.close(),
      ]);
      for (const connection of connections) connection.disconnect();
    },
  };
}
