import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { cancelledKey } from '../../shared/render/render-queue.ts';
import { isAbortError, RenderError } from '../render-error.ts';
import type { PublishEvent } from './node-events.ts';

/** Reason of an abort caused by a cancel, so it is told apart from a crash or a timeout. */
export class RenderCancelled extends Error {
  constructor(renderId: string) {
    super(`Render ${renderId} was cancelled`);
    this.name = 'AbortError';
  }
}

export interface CancelSignalsOptions {
  prefix: string;
  /** Reads the cancelled marks the web side sets before it publishes a cancel. */
  commands: Redis;
  /** A connection of its own, subscribed to the cancel channel. */
  subscriber: Redis;
  cancelChannel: string;
  publish: PublishEvent;
}

/**
 * Cancel reaches whichever node runs a render's work: every job runs under an
 * abort signal of its render, and a cancel message aborts them all. A job of
 * a render already marked cancelled never starts.
 */
export async function createCancelSignals(options: CancelSignalsOptions) {
  const { prefix, commands, subscriber, publish } = options;
  const running = new Map<string, Set<AbortController>>();
  await subscriber.subscribe(options.cancelChannel);
  subscriber.on('message', (channel, renderId) => {
    if (channel !== options.cancelChannel) return;
    for (const controller of running.get(renderId) ?? [])
      controller.abort(new RenderCancelled(renderId));
  });

  return {
    /**
     * Runs a job's work under its render's signal. A cancel ends the job as
     * `cancelled` with no retry; a render error on the last attempt is
     * published as the render's failure (with its stage and scene).
     */
    async withRenderSignal<T>(
      renderId: string,
      job: Job,
      work: (signal: AbortSignal) => Promise<T>,
    ): Promise<T> {
      if (await commands.exists(cancelledKey(prefix, renderId)))
        throw new UnrecoverableError('cancelled');
      const controller = new AbortController();
      let set = running.get(renderId);
      if (!set) running.set(renderId, (set = new Set()));
      set.add(controller);
      try {
        return await work(controller.signal);
      } catch (error) {
        if (controller.signal.aborted || isAbortError(error))
          throw new UnrecoverableError('cancelled');
        if (error instanceof RenderError && job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await publish({
            type: 'failed',
            renderId,
            attempt: (job.data as { attempt: number }).attempt,
            failure: error.toFailure(),
          });
        }
        throw error;
      } finally {
        set.delete(controller);
        if (set.size === 0) running.delete(renderId);
      }
    },

    /** Stops every job running here (the node is shutting down). */
    abortAll(reason: Error) {
      for (const set of running.values()) for (const controller of set) controller.abort(reason);
    },
  };
}

export type CancelSignals = Awaited<ReturnType<typeof createCancelSignals>>;
