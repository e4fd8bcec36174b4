import { jobIds } from '../../shared/render/render-queue.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import type { NodeEventHandlers } from './node-events.ts';
import type { RenderQueues } from './queues.ts';
import type { Renders } from './renders.ts';
import type { Submit } from './submit.ts';

/**
 * At start-up: renders whose queue entry may be missing get it (job ids make
 * this idempotent); those whose assembly finished or failed while no web
 * instance listened are settled.
 */
export function createReconcile(
  renders: Renders,
  queues: RenderQueues,
  handlers: NodeEventHandlers,
  submit: Submit,
) {
  return async function reconcile() {
    for (const row of await renders.unfinished()) {
      const assemble = await queues.assemble.getJob(jobIds(row.id, row.attempt).assemble);
      const state = assemble ? await assemble.getState() : null;
      if (state === 'completed') {
        const output = parseJsonValue<RenderOutput>(assemble!.returnvalue);
        await handlers.onAssembled(row.id, row.attempt, output);
      } else if (state === 'failed') {
        await handlers.onJobFailed(row.id, row.attempt, assemble!.failedReason);
      } else if (!assemble) {
        await submit.enqueuePlan(row.plan);
      }
    }
  };
}
