import { RENDER_QUEUES, type SceneJobData } from '../../shared/render/render-queue.ts';
import { renderScene, type SceneRender } from '../render-scene.ts';
import { progressPublisher } from './node-events.ts';
import { stageTimeRecorder } from './stage-times.ts';
import { serveCapabilityQueues } from './capability-queues.ts';
import type { WorkerContext } from './worker-context.ts';

/**
 * The `scene` workers: render one scene of a stored plan. Scenes needing
 * only the default engines are on `render-scene` (any node takes them);
 * scenes needing a model are on its capability queue, served only by nodes
 * that have the model; `concurrency` scenes at once over all of them.
 */
export function startSceneWorker(ctx: WorkerContext, concurrency: number) {
  const { store, engines } = ctx;
  return serveCapabilityQueues<SceneJobData, SceneRender>(
    ctx,
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
    concurrency,
  );
}
