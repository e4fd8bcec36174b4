import { apiMessage } from '../../shared/api/api-messages.ts';
import { isTerminalState } from '../../shared/render/render-job-machine.ts';
import { cancelledKey, renderChannels } from '../../shared/render/render-queue.ts';
import { ApiError } from '../http/errors.ts';
import type { RenderQueues } from './queues.ts';
import type { LiveRenders } from './record.ts';
import type { Relay } from './relay.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { Renders } from './renders.ts';

/** How long a cancel mark outlives the render's jobs (a node checks it before any job). */
const CANCEL_MARK_SEC = 7 * 86_400;

export interface CancelContext {
  renders: Renders;
  queues: RenderQueues;
  prefix: string;
  live: LiveRenders;
  relay: Relay;
}

/** Cancels a render that is not finished: marked first, then running work is stopped on every node. */
export function createCancel(ctx: CancelContext) {
  const { renders, queues, prefix, live, relay } = ctx;
  return async function cancel(userId: string, renderId: string): Promise<RenderRecord> {
    const { record } = await renders.requireEditable(userId, renderId);
    if (isTerminalState(record.status)) {
      throw new ApiError(
        'CONFLICT',
        apiMessage('errors.api.renderAlreadyEnded', { status: record.status }),
        {
          status: record.status,
        },
      );
    }
    // Mark first (nodes check it before any job), then stop running work everywhere.
    await queues.commands.set(cancelledKey(prefix, renderId), '1', 'EX', CANCEL_MARK_SEC);
    await queues.commands.publish(renderChannels(prefix).cancel, renderId);
    const updated =
      (await renders.applyEvent(renderId, { type: 'CANCEL' })) ??
      (await renders.get(userId, renderId));
    live.forget(renderId);
    relay.relay(updated);
    return updated;
  };
}
