import { apiMessage } from '../../shared/api/api-messages.ts';
import { cancelledKey } from '../../shared/render/render-queue.ts';
import { ApiError } from '../http/errors.ts';
import type { RenderQueues } from './queues.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { Renders } from './renders.ts';
import type { Submit } from './submit.ts';

/** States a render can be retried from. */
const RETRYABLE = ['failed', 'cancelled'] as const;

/**
 * Runs a failed or cancelled render again as its next attempt (every cached
 * artifact is reused); events of the old attempt are ignored from then on.
 */
export function createRetry(
  renders: Renders,
  queues: RenderQueues,
  prefix: string,
  submit: Submit,
) {
  return async function retry(userId: string, renderId: string): Promise<RenderRecord> {
    const { record } = await renders.requireEditable(userId, renderId);
    if (!(RETRYABLE as readonly string[]).includes(record.status)) {
      throw new ApiError(
        'CONFLICT',
        apiMessage('errors.api.retryOnlyEnded', { status: record.status }),
      );
    }
    let retried;
    try {
      retried = await renders.beginRetry(renderId);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new ApiError('CONFLICT', 'errors.api.renderAlreadyRunning');
      }
      throw err;
    }
    if (!retried) throw new ApiError('CONFLICT', 'errors.api.cannotRetryNow');
    await queues.commands.del(cancelledKey(prefix, renderId));
    await submit.submit(retried.record, await renders.planJobOf(renderId));
    return retried.record;
  };
}
