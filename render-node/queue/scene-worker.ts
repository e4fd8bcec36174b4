import { Worker } from 'bullmq';
import { RENDER_QUEUES, type SceneJobData } from '../../shared/render/render-queue.ts';
import { renderScene, type SceneRender } from '../render-scene.ts';
import { progressPublisher } from './node-events.ts';
import { stageTimeRecorder } from './stage-times.ts';
import type { WorkerContext } from './worker-context.ts';

/** The `scene` worker: renders one scene of a stored plan (any node can take any scene). */
export function startSceneWorker(ctx: WorkerContext, concurrency: number) {
  const { store, engines } = ctx;
  return new Worker<SceneJobData, SceneRender>(
    RENDER_QUEUES.scene,
    async (job) => {
      const { renderId, attempt, planHash, sceneId } = job.data;
      return ctx.signals.withRenderSignal(renderId, job, async (signal) => {
        const plan = await ctx.loadPlan(planHash);
        return renderScene(
          { plan, sceneId },
          {
            store,
            signal,
            engines,
            onProgress: progressPublisher(ctx.publish, renderId, attempt),
            onStageTime: stageTimeRecorder(ctx.commands, ctx.prefix, () => undefined),
          },
        );
      });
    },
    { ...ctx.workerOptions, connection: ctx.redis(), concurrency },
  );
}
