import { FlowProducer, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { renderPreset } from '../../shared/render/render-presets.ts';
import type { StageProgress } from '../../shared/render/render-events.ts';
import {
  bullPrefix,
  cancelledKey,
  jobIds,
  RENDER_QUEUES,
  renderChannels,
  type AssembleJobData,
  type PlanJobData,
  type RenderNodeEvent,
  type SceneJobData,
} from '../../shared/render/render-queue.ts';
import { validateTimeline } from '../../shared/timeline.ts';
import { assembleRender } from '../assemble-render.ts';
import { engineVersions } from '../engines/load-engines.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { RenderEngines } from '../render-context.ts';
import { isAbortError, RenderError } from '../render-error.ts';
import { renderScene, type SceneRender } from '../render-scene.ts';
import { planRender, progressUnits, type RenderPlan } from '../stages/plan.ts';
import { createFairPriorities } from '../../shared/node/fair-priorities.ts';

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

/** Which artifacts this render reused and which it made, per scene where they belong to one. */
function cacheReport(
  scenes: readonly SceneRender[],
  output: Awaited<ReturnType<typeof assembleRender>>,
) {
  const entry = (sceneId: string | null, ref: { kind: string; cached: boolean }) => ({
    sceneId,
    kind: ref.kind,
    cached: ref.cached,
  });
  return [
    ...scenes.flatMap((s) =>
      [s.artifacts.picture, s.artifacts.lettering, s.artifacts.narration, ...s.artifacts.segments]
        .filter((ref) => ref !== null)
        .map((ref) => entry(s.sceneId, ref)),
    ),
    ...output.transitions.map((ref) => entry(null, ref)),
    ...[output.audio, output.captions.vtt, output.captions.srt, output.video, output.poster].map(
      (ref) => entry(null, ref),
    ),
  ];
}

/** Reason of an abort caused by a cancel, so it is told apart from a crash or a timeout. */
class RenderCancelled extends Error {
  constructor(renderId: string) {
    super(`Render ${renderId} was cancelled`);
    this.name = 'AbortError';
  }
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * The render node's BullMQ workers: `plan` turns a timeline into a stored
 * plan and a flow of `scene` jobs under an `assemble` job; `scene` and
 * `assemble` call the pipeline's building blocks. Any node can take any job;
 * they share Redis and the media store.
 */
export async function startRenderWorkers(options: RenderWorkersOptions) {
  const { store, engines, prefix } = options;
  const redis = () => new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const publisher = redis();
  const subscriber = redis();
  const channels = renderChannels(prefix);
  const queuePrefix = bullPrefix(prefix);
  const flows = new FlowProducer({ connection: redis(), prefix: queuePrefix });
  // Read only: where the scene queue's head is, for fair priorities.
  const sceneQueue = new Queue(RENDER_QUEUES.scene, { connection: redis(), prefix: queuePrefix });
  const reservePriorities = createFairPriorities(publisher, prefix);

  // Cancel reaches whichever node runs a render's work: abort its controllers.
  const running = new Map<string, Set<AbortController>>();
  await subscriber.subscribe(channels.cancel);
  subscriber.on('message', (channel, renderId) => {
    if (channel !== channels.cancel) return;
    for (const controller of running.get(renderId) ?? [])
      controller.abort(new RenderCancelled(renderId));
  });

  async function withRenderSignal<T>(
    renderId: string,
    job: Job,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (await publisher.exists(cancelledKey(prefix, renderId)))
      throw new UnrecoverableError('cancelled');
    const controller = new AbortController();
    let set = running.get(renderId);
    if (!set) running.set(renderId, (set = new Set()));
    set.add(controller);
    try {
      return await work(controller.signal);
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error))
        throw new UnrecoverableError('cancelled');
      if (error instanceof RenderError && job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await publish({
          type: 'failed',
          renderId,
          attempt: (job.data as { attempt: number }).attempt,
          failure: error.toFailure(),
        });
      }
      throw error;
    } finally {
      set.delete(controller);
      if (set.size === 0) running.delete(renderId);
    }
  }

  const publish = (event: RenderNodeEvent) =>
    publisher.publish(channels.events, JSON.stringify(event));

  /** Publishes stage progress, at most every 250 ms per unit (first and last always). */
  function progressPublisher(renderId: string, attempt: number) {
    const lastSent = new Map<string, number>();
    return (progress: StageProgress) => {
      const key = `${progress.stage}:${progress.sceneId ?? ''}`;
      const now = Date.now();
      const last = lastSent.get(key);
      if (last !== undefined && progress.fraction < 1 && now - last < PROGRESS_INTERVAL_MS) return;
      lastSent.set(key, now);
      void publish({ type: 'progress', renderId, attempt, progress });
    };
  }

  const plans = new Map<string, RenderPlan>();
  async function loadPlan(hash: string): Promise<RenderPlan> {
    const cached = plans.get(hash);
    if (cached) return cached;
    const { readFile } = await import('node:fs/promises');
    const plan = JSON.parse(await readFile(store.pathFor(hash, 'json'), 'utf8')) as RenderPlan;
    if (plans.size > 50) plans.clear();
    plans.set(hash, plan);
    return plan;
  }

  const workerOptions = {
    connection: redis(),
    prefix: queuePrefix,
    lockDuration: options.lockDurationMs,
    stalledInterval: Math.max(1000, options.lockDurationMs / 2),
    // A busy machine can miss a lock renewal: a job is re-run after a stall,
    // and failed only after several (a dead node's job is re-run at once).
    maxStalledCount: 3,
  };

  const planWorker = new Worker<PlanJobData>(
    RENDER_QUEUES.plan,
    async (job) => {
      const { renderId, attempt } = job.data;
      return withRenderSignal(renderId, job, async () => {
        let plan: RenderPlan;
        try {
          const timeline = validateTimeline(job.data.timeline);
          plan = planRender(
            timeline,
            renderPreset(job.data.preset, timeline.aspect),
            engineVersions(engines),
            {
              burnCaptions: job.data.burnCaptions ?? false,
            },
          );
        } catch (error) {
          const failure = new RenderError('plan', null, error);
          await publish({ type: 'failed', renderId, attempt, failure: failure.toFailure() });
          throw new UnrecoverableError(failure.message);
        }
        const { contentKey } = await import('../../shared/content-key.ts');
        const planJson = JSON.stringify(plan);
        const planHash = contentKey('plan', planJson);
        await store.produce(planHash, 'json', async (temp) => {
          const { writeFile } = await import('node:fs/promises');
          await writeFile(temp, planJson);
        });
        await publish({
          type: 'planned',
          renderId,
          attempt,
          units: progressUnits(plan),
          sceneIds: plan.scenes.map((s) => s.id),
        });
        const ids = jobIds(renderId, attempt);
        // One user's batch must not starve another's render: scenes are
        // numbered fairly between users (shared/fair-priority.ts), and the
        // assembly takes its last scene's number, so assemblies follow the
        // same order (its children hide it from the queue until then).
        // Plan jobs queued before owners existed share by render.
        const owner = job.data.owner ?? renderId;
        const scenePriorities = await reservePriorities(sceneQueue, owner, plan.scenes.length);
        const assemblePriority = scenePriorities.at(-1) ?? 1;
        // Deterministic job ids: a plan job re-run after a crash adds nothing twice.
        await flows.add({
          name: 'assemble',
          queueName: RENDER_QUEUES.assemble,
          data: { renderId, attempt, planHash } satisfies AssembleJobData,
          opts: {
            jobId: ids.assemble,
            priority: assemblePriority,
            attempts: 3,
            backoff: { type: 'exponential', delay: 1000 },
          },
          children: plan.scenes.map((scene, index) => ({
            name: 'scene',
            queueName: RENDER_QUEUES.scene,
            data: { renderId, attempt, planHash, sceneId: scene.id } satisfies SceneJobData,
            opts: {
              jobId: ids.scene(scene.id),
              priority: scenePriorities[index]!,
              attempts: 3,
              backoff: { type: 'exponential', delay: 1000 },
              failParentOnFailure: true,
            },
          })),
        });
        return { planHash, scenes: plan.scenes.length };
      });
    },
    { ...workerOptions, concurrency: 2 },
  );

  const sceneWorker = new Worker<SceneJobData, SceneRender>(
    RENDER_QUEUES.scene,
    async (job) => {
      const { renderId, attempt, planHash, sceneId } = job.data;
      return withRenderSignal(renderId, job, async (signal) => {
        const plan = await loadPlan(planHash);
        return renderScene(
          { plan, sceneId },
          { store, signal, engines, onProgress: progressPublisher(renderId, attempt) },
        );
      });
    },
    { ...workerOptions, connection: redis(), concurrency: options.concurrency },
  );

  const assembleWorker = new Worker<AssembleJobData>(
    RENDER_QUEUES.assemble,
    async (job) => {
      const { renderId, attempt, planHash } = job.data;
      return withRenderSignal(renderId, job, async (signal) => {
        const plan = await loadPlan(planHash);
        const children = Object.values(await job.getChildrenValues<SceneRender>());
        const byId = new Map(children.map((s) => [s.sceneId, s]));
        const scenes = plan.scenes.map((s) => {
          const rendered = byId.get(s.id);
          if (!rendered) throw new Error(`scene ${s.id} has no result`);
          return rendered;
        });
        const output = await assembleRender(
          { plan, scenes },
          { store, signal, engines, onProgress: progressPublisher(renderId, attempt) },
        );
        return { ...output, cache: cacheReport(scenes, output) };
      });
    },
    { ...workerOptions, connection: redis(), concurrency: 1 },
  );

  for (const worker of [planWorker, sceneWorker, assembleWorker]) {
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
      for (const set of running.values())
        for (const controller of set) controller.abort(new Error('render node stopping'));
      await Promise.all([planWorker.close(), sceneWorker.close(), assembleWorker.close()]);
      await flows.close();
      await sceneQueue.close();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
