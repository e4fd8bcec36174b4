import { writeFile } from 'node:fs/promises';
import { FlowProducer, Queue, UnrecoverableError, Worker } from 'bullmq';
import { contentKey } from '../../shared/content-key.ts';
import { createFairPriorities } from '../../shared/node/fair-priorities.ts';
import { renderPreset } from '../../shared/render/render-presets.ts';
import {
  liveModelEngines,
  parseNodeRecords,
  renderNodesKey,
} from '../../shared/render/node-capabilities.ts';
import {
  bullPrefix,
  capabilityQueue,
  capabilityQueuesKey,
  jobIds,
  RENDER_QUEUES,
  renderChannels,
  type AssembleJobData,
  type PlanJobData,
  type SceneJobData,
} from '../../shared/render/render-queue.ts';
import { validateTimeline } from '../../shared/timeline.ts';
import { engineVersions, sceneNeeds } from '../engines/load-engines.ts';
import { RenderError } from '../render-error.ts';
import {
  planRender,
  progressUnits,
  type EngineVersions,
  type PlannedEngine,
  type RenderPlan,
} from '../stages/plan.ts';
import type { WorkerContext } from './worker-context.ts';

/**
 * The `plan` worker: turns a timeline into a stored plan, announces the
 * render's progress units, and adds the flow of `scene` jobs under one
 * `assemble` job. The planning node may not have the models a render asks
 * for: it plans with the engines of every live node (their heartbeats), and
 * sends each scene needing a model to that model's capability queue.
 */
export function startPlanWorker(ctx: WorkerContext) {
  const { store, engines, prefix, publish } = ctx;
  const queuePrefix = bullPrefix(prefix);
  const flows = new FlowProducer({ connection: ctx.redis(), prefix: queuePrefix });
  // Read only: where each scene queue's head is, for fair priorities.
  const sceneQueues = new Map<string, Queue>();
  const sceneQueue = (name: string) => {
    let queue = sceneQueues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: ctx.redis(), prefix: queuePrefix });
      sceneQueues.set(name, queue);
    }
    return queue;
  };
  const reservePriorities = createFairPriorities(ctx.commands, prefix);
  const channels = renderChannels(prefix);

  /** This node's engines, plus the model-backed engines of every live node. */
  const availableEngines = async (): Promise<EngineVersions> => {
    const mine = engineVersions(engines);
    const nodes = parseNodeRecords(
      Object.values(await ctx.commands.hgetall(renderNodesKey(prefix))),
    );
    const live = Object.fromEntries(
      [...liveModelEngines(nodes)].map(([key, e]): [string, PlannedEngine] => [
        key,
        { key, id: e.id, version: e.version, model: e.model },
      ]),
    );
    return { ...mine, models: { ...live, ...mine.models } };
  };

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
            await availableEngines(),
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
        // A scene needing a model goes to its capability queue, registered (and
        // announced) before any job is on it so the nodes that can serve it do.
        const queueOf = plan.scenes.map((scene) => {
          const needs = sceneNeeds(plan, scene);
          return { name: capabilityQueue(RENDER_QUEUES.scene, needs), needs };
        });
        const capabilityQueues = new Map(
          queueOf.filter((q) => q.needs.length).map((q) => [q.name, q.needs]),
        );
        for (const [name, needs] of capabilityQueues) {
          await ctx.commands.hset(capabilityQueuesKey(prefix), name, JSON.stringify(needs));
          await ctx.commands.publish(channels.capabilityQueues, name);
        }
        // Fair numbers per queue (each queue has its own head), in scene order within each.
        const scenePriorities: number[] = [];
        for (const name of new Set(queueOf.map((q) => q.name))) {
          const indexes = queueOf.flatMap((q, i) => (q.name === name ? [i] : []));
          const numbers = await reservePriorities(sceneQueue(name), owner, indexes.length);
          indexes.forEach((sceneIndex, n) => (scenePriorities[sceneIndex] = numbers[n]!));
        }
        const assemblePriority = scenePriorities.length ? Math.max(...scenePriorities) : 1;
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
            queueName: queueOf[index]!.name,
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
      await Promise.all([...sceneQueues.values()].map((q) => q.close()));
    },
  };
}
