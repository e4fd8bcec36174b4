import { createFairPriorities } from '../../shared/node/fair-priorities.ts';
import { jobIds, type PlanJobData } from '../../shared/render/render-queue.ts';
import type { RenderQueues } from './queues.ts';
import type { Relay } from './relay.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';

/** Plan job options: retried with backoff, kept a while for inspection. */
const PLAN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 1000,
} as const;

/**
 * Queues renders whose row is written: a plan job numbered fairly between
 * users like the jobs it leads to, with an id per render and attempt (adding
 * it twice adds it once).
 */
export function createSubmit(queues: RenderQueues, prefix: string, relay: Relay) {
  const reservePriorities = createFairPriorities(queues.commands, prefix);

  async function enqueuePlan(job: PlanJobData) {
    const [priority] = await reservePriorities(queues.plan, job.owner, 1);
    await queues.plan.add('plan', job, {
      ...PLAN_JOB_OPTIONS,
      jobId: jobIds(job.renderId, job.attempt).plan,
      priority: priority!,
    });
  }

  return {
    enqueuePlan,

    /** Queues a render whose row was just written; every collaborator sees it at once. */
    async submit(record: RenderRecord, plan: PlanJobData) {
      await enqueuePlan(plan);
      relay.relay(record);
    },
  };
}

export type Submit = ReturnType<typeof createSubmit>;
