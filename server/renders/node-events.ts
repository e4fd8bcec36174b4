import type { QueueEvents } from 'bullmq';
import type { RenderStage } from '../../shared/render/render-events.ts';
import type { RenderJobOutput } from '../../shared/render/render-job-machine.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { parseJobId, type RenderNodeEvent } from '../../shared/render/render-queue.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import { failureCodeOfReason } from '../../shared/render/render-failure.ts';
import type { Logger } from '../logger.ts';
import type { RenderQueues } from './queues.ts';
import { finishedDetail, type LiveRenders } from './record.ts';
import type { Relay } from './relay.ts';
import type { Renders } from './renders.ts';

export interface NodeEventsContext {
  renders: Renders;
  live: LiveRenders;
  relay: Relay;
  logger: Logger;
}

/** Where a job failed, from the queue it ran in and its id. */
export function failurePlace(
  queue: 'plan' | 'scene' | 'assemble',
  jobId: string,
): { stage: RenderStage; sceneId: string | null } {
  if (queue === 'scene') return { stage: 'segment', sceneId: parseJobId(jobId).sceneId };
  return { stage: queue, sceneId: null };
}

/** The job machine's view of an output: the hashes a finished render points at. */
export const jobOutputOf = (output: RenderOutput): RenderJobOutput => ({
  videoHash: output.video.hash,
  posterHash: output.poster.hash,
  durationSec: output.durationSec,
});

/**
 * Turns what the render nodes report (pub/sub events, and BullMQ's job
 * completions and final failures) into machine events on the stored render.
 * Events of an older attempt (cancelled or failed before a retry) never
 * touch the new one.
 */
export function createNodeEventHandlers(ctx: NodeEventsContext) {
  const { renders, live, relay, logger } = ctx;

  async function isCurrentAttempt(renderId: string, attempt: number) {
    return (await renders.storedProgress(renderId))?.attempt === attempt;
  }

  async function onNodeEvent(event: RenderNodeEvent) {
    if (event.type === 'planned') {
      if (!(await isCurrentAttempt(event.renderId, event.attempt))) return;
      await live.planned(event.renderId, event.attempt, event.units, event.sceneIds);
    } else if (event.type === 'failed') {
      if (!(await isCurrentAttempt(event.renderId, event.attempt))) return;
      relay.relay(
        await renders.applyEvent(event.renderId, { type: 'FAIL', failure: event.failure }),
      );
      live.forget(event.renderId);
    } else {
      await live.progress(event.renderId, event.attempt, event.progress);
    }
  }

  async function onAssembled(renderId: string, attempt: number, output: RenderOutput) {
    if (!(await isCurrentAttempt(renderId, attempt))) return;
    const state = live.get(renderId);
    await renders.applyEvent(renderId, { type: 'START' }); // a no-op unless the start was missed
    const record = await renders.applyEvent(
      renderId,
      { type: 'DONE', output: jobOutputOf(output) },
      (detail) => finishedDetail(detail, state?.detail, output),
    );
    live.forget(renderId);
    relay.relay(record);
    logger.info({ renderId, attempt }, 'render done');
  }

  async function onJobFailed(
    renderId: string,
    attempt: number,
    reason: string,
    where: { stage: RenderStage; sceneId: string | null } = { stage: 'assemble', sceneId: null },
  ) {
    if (reason === 'cancelled' || !(await isCurrentAttempt(renderId, attempt))) return;
    // BullMQ's reason is English and technical: a code lets the UI say it in the person's language.
    const code = failureCodeOfReason(reason);
    const record = await renders.applyEvent(renderId, {
      type: 'FAIL',
      failure: code ? { ...where, message: reason, code } : { ...where, message: reason },
    });
    live.forget(renderId);
    relay.relay(record);
  }

  return { onNodeEvent, onAssembled, onJobFailed };
}

export type NodeEventHandlers = ReturnType<typeof createNodeEventHandlers>;

/** Applies the events of one render one after another, in arrival order. */
export function createEventOrder(logger: Logger) {
  const chains = new Map<string, Promise<void>>();
  return function inOrder(renderId: string, work: () => Promise<void>) {
    const next = (chains.get(renderId) ?? Promise.resolve())
      .then(work)
      .catch((err) => logger.error({ err, renderId }, 'render event failed'));
    chains.set(renderId, next);
    void next.finally(() => {
      if (chains.get(renderId) === next) chains.delete(renderId);
    });
  };
}

/** Subscribes to the nodes' events channel and to BullMQ's completions and failures. */
export function listenToNodes(
  queues: RenderQueues,
  eventsChannel: string,
  handlers: NodeEventHandlers,
  logger: Logger,
) {
  const inOrder = createEventOrder(logger);

  queues.assembleEvents.on('completed', ({ jobId, returnvalue }) => {
    const { renderId, attempt } = parseJobId(jobId);
    const output = parseJsonValue<RenderOutput>(returnvalue);
    inOrder(renderId, () => handlers.onAssembled(renderId, attempt, output));
  });
  // Scene jobs matter too: one that fails outside its processor (stalled too
  // often) never fails its parent, so its final failure fails the render here.
  const watched: [QueueEvents, 'plan' | 'scene' | 'assemble'][] = [
    [queues.assembleEvents, 'assemble'],
    [queues.planEvents, 'plan'],
    [queues.sceneEvents, 'scene'],
  ];
  for (const [events, name] of watched) {
    events.on('failed', ({ jobId, failedReason }) => {
      const { renderId, attempt } = parseJobId(jobId);
      // A job with attempts left is retried, not failed: only record the last failure
      // (or a parent failed by its child).
      inOrder(renderId, async () => {
        const job = await queues[name].getJob(jobId);
        const final =
          !job || job.attemptsMade >= (job.opts.attempts ?? 1) || failedReason.includes('child');
        if (final)
          await handlers.onJobFailed(renderId, attempt, failedReason, failurePlace(name, jobId));
      });
    });
  }

  queues.subscriber
    .subscribe(eventsChannel)
    .catch((err) => logger.error({ err }, 'render events subscribe failed'));
  queues.subscriber.on('message', (channel, raw) => {
    if (channel !== eventsChannel) return;
    let event: RenderNodeEvent;
    try {
      event = JSON.parse(raw) as RenderNodeEvent;
    } catch {
      return;
    }
    inOrder(event.renderId, () => handlers.onNodeEvent(event));
  });
}
