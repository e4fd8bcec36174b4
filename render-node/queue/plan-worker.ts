import { writeFile } from 'node:fs/promises';
import { FlowProducer, Queue, UnrecoverableError, Worker } from 'bullmq';
import { contentKey } from '../../shared/content-key.ts';
import { createFairPriorities } from '../../shared/node/fair-priorities.ts';
import { renderPreset } from '../../shared/render/render-presets.ts';
import {
  bullPrefix,
  jobIds,
  RENDER_QUEUES,
  type AssembleJobData,
  type PlanJobData,
  type SceneJobData,
} from '../../shared/render/render-queue.ts';
import { validateTimeline } from '../../shared/timeline.ts';
import { engineVersions } from '../engines/load-engines.ts';
import { RenderError } from '../render-error.ts';
import { planRender, progressUnits, type RenderPlan } from '../stages/plan.ts';
import type { WorkerContext } from './worker-context.ts';

/**
 * The `plan` worker: turns a timeline into a stored plan, announces the
 * render's progress units, and adds the flow of `scene` jobs under one
 * `assemble` job.
 */
export function startPlanWorker(ctx: WorkerContext) {
  const { store, engines, prefix, publish } = ctx;
  const queuePrefix = bullPrefix(prefix);
  const flows = new FlowProducer({ connection: ctx.redis(), prefix: queuePrefix });
  // Read only: where the scene queue's head is, for fair priorities.
  const sceneQueue = new Queue(RENDER_QUEUES.scene, {
    connection: ctx.redis(),
    prefix: queuePrefix,
  });
  const reservePriorities = createFairPriorities(ctx.commands, prefix);

  const worker = new Worker<PlanJobData>(
    RENDER_QUEUES.plan,
    async (job) => {
      const { renderId, attempt } = job.data;
      return ctx.signals.withRenderSignal(renderId, job, async () => {
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
        const planJson = JSON.stringify(plan);
        const planHash = contentKey('plan', planJson);
        await store.produce(planHash, 'json', async (temp) => {
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
    { ...ctx.workerOptions, connection: ctx.redis(), concurrency: 2 },
  );

  return {
    worker,
    async close() {
      await worker.close();
      await flows.close();
      await sceneQueue.close();
    },
  };
}
