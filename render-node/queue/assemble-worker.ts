import { Worker } from 'bullmq';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { RENDER_QUEUES, type AssembleJobData } from '../../shared/render/render-queue.ts';
import { assembleRender } from '../assemble-render.ts';
import type { SceneRender } from '../render-scene.ts';
import type { RenderPlan } from '../stages/plan.ts';
import { progressPublisher } from './node-events.ts';
import type { WorkerContext } from './worker-context.ts';

/** Which artifacts this render reused and which it made, per scene where they belong to one. */
export function cacheReport(
  scenes: readonly SceneRender[],
  output: RenderOutput,
): NonNullable<RenderOutput['cache']> {
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

/** The scene results in plan order; a scene without a result is an error, never a gap in the video. */
export function scenesInPlanOrder(
  plan: Pick<RenderPlan, 'scenes'>,
  children: readonly SceneRender[],
): SceneRender[] {
  const byId = new Map(children.map((s) => [s.sceneId, s]));
  return plan.scenes.map((s) => {
    const rendered = byId.get(s.id);
    if (!rendered) throw new Error(`scene ${s.id} has no result`);
    return rendered;
  });
}

/**
 * The `assemble` worker: runs once every scene job of its flow is done, and
 * returns the render's output (the web side stores it as the job completes).
 */
export function startAssembleWorker(ctx: WorkerContext) {
  const { store, engines } = ctx;
  return new Worker<AssembleJobData, RenderOutput>(
    RENDER_QUEUES.assemble,
    async (job) => {
      const { renderId, attempt, planHash } = job.data;
      return ctx.signals.withRenderSignal(renderId, job, async (signal) => {
        const plan = await ctx.loadPlan(planHash);
        const children = Object.values(await job.getChildrenValues<SceneRender>());
        const scenes = scenesInPlanOrder(plan, children);
        const output = await assembleRender(
          { plan, scenes },
          {
            store,
            signal,
            engines,
            onProgress: progressPublisher(ctx.publish, renderId, attempt),
          },
        );
        return { ...output, cache: cacheReport(scenes, output) };
      });
    },
    { ...ctx.workerOptions, connection: ctx.redis(), concurrency: 1 },
  );
}
