import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix, RENDER_QUEUES, type PlanJobData } from '../../shared/render/render-queue.ts';

/** The web side's BullMQ handles: the three queues, their event streams, and a command connection. */
export function openRenderQueues(redisUrl: string, prefix: string) {
  const connection = () => new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = <T = unknown>(name: string) =>
    new Queue<T>(name, { connection: connection(), prefix: bullPrefix(prefix) });
  const events = (name: string) =>
    new QueueEvents(name, { connection: connection(), prefix: bullPrefix(prefix) });
  const queues = {
    commands: connection(),
    subscriber: connection(),
    plan: queue<PlanJobData>(RENDER_QUEUES.plan),
    scene: queue(RENDER_QUEUES.scene),
    assemble: queue(RENDER_QUEUES.assemble),
    planEvents: events(RENDER_QUEUES.plan),
    sceneEvents: events(RENDER_QUEUES.scene),
    assembleEvents: events(RENDER_QUEUES.assemble),
  };
  return {
    ...queues,
    async close() {
      await Promise.allSettled([
        queues.plan.close(),
        queues.scene.close(),
        queues.assemble.close(),
        queues.assembleEvents.close(),
        queues.planEvents.close(),
        queues.sceneEvents.close(),
      ]);
      queues.subscriber.disconnect();
      queues.commands.disconnect();
    },
  };
}

export type RenderQueues = ReturnType<typeof openRenderQueues>;
