import { renderChannels } from '../../shared/render/render-queue.ts';
import type { Logger } from '../logger.ts';
import { createCancel } from './cancel.ts';
import { createNodeEventHandlers, listenToNodes } from './node-events.ts';
import { openRenderQueues } from './queues.ts';
import { createReconcile } from './reconcile.ts';
import { createLiveRenders } from './record.ts';
import { createRelay, type RenderUpdateMessage } from './relay.ts';
import type { Renders } from './renders.ts';
import { createRetry } from './retry.ts';
import { createSubmit } from './submit.ts';

export type { RenderUpdateMessage } from './relay.ts';

export interface RenderQueueOptions {
  redisUrl: string;
  prefix: string;
  renders: Renders;
  logger: Logger;
  /** Sends a message to every client of a project connected to this instance. */
  broadcast(projectId: string, message: RenderUpdateMessage): void;
}

/**
 * The web side of rendering (see README.md): enqueues plan jobs after the
 * row exists (submit.ts), turns node events into machine events on the
 * stored render (node-events.ts, record.ts), relays throttled updates to
 * every collaborator (relay.ts), and cancels or retries (cancel.ts,
 * retry.ts). Nothing polls: events arrive by Redis pub/sub and BullMQ's
 * event stream.
 */
export function createRenderQueue(options: RenderQueueOptions) {
  const { renders, logger, prefix } = options;
  const queues = openRenderQueues(options.redisUrl, prefix);
  const relay = createRelay(options.broadcast);
  const live = createLiveRenders(renders, relay);
  const submit = createSubmit(queues, prefix, relay);
  const handlers = createNodeEventHandlers({ renders, live, relay, logger });
  listenToNodes(queues, renderChannels(prefix).events, handlers, logger);

  return {
    reconcile: createReconcile(renders, queues, handlers, submit),
    submit: submit.submit,
    cancel: createCancel({ renders, queues, prefix, live, relay }),
    retry: createRetry(renders, queues, prefix, submit),

    /** Readiness: the queue's Redis answers and its plan queue can be read. */
    async ready() {
      await queues.plan.count();
    },

    async close() {
      live.close();
      await queues.close();
    },
  };
}

export type RenderQueue = ReturnType<typeof createRenderQueue>;
