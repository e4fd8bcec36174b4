import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { isTerminalState, type RenderJobOutput } from '../../shared/render/render-job-machine.ts';
import {
  createProgressTracker,
  type ProgressTracker,
} from '../../shared/render/render-progress.ts';
import {
  bullPrefix,
  cancelledKey,
  jobIds,
  RENDER_QUEUES,
  renderChannels,
  type PlanJobData,
  type RenderNodeEvent,
} from '../../shared/render/render-queue.ts';
import type { Timeline } from '../../shared/timeline.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import type { RenderStage } from '../../shared/render/render-events.ts';
import { createFairPriorities } from '../../shared/node/fair-priorities.ts';
import type { Logger } from '../logger.ts';
import { ApiError } from '../http/errors.ts';
import { summarise, type RenderDetail, type RenderRecord, type Renders } from './renders.ts';

/** The message every collaborator's client receives (Hocuspocus stateless, on the project document). */
export interface RenderUpdateMessage {
  type: 'render';
  render: RenderRecord;
}

export interface RenderQueueOptions {
  redisUrl: string;
  prefix: string;
  renders: Renders;
  logger: Logger;
  /** Sends a message to every client of a project connected to this instance. */
  broadcast(projectId: string, message: RenderUpdateMessage): void;
}

const RELAY_INTERVAL_MS = 250; // ≤ 4 updates per second per render
const PERSIST_INTERVAL_MS = 1000;

/**
 * The web side of rendering: enqueues plan jobs (after the row exists),
 * turns node events into machine events on the stored render, relays
 * throttled updates to every collaborator, and cancels or retries. Nothing
 * polls: events arrive by Redis pub/sub and BullMQ's event stream.
 */
export function createRenderQueue(options: RenderQueueOptions) {
  const { renders, logger, prefix } = options;
  const connection = () => new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const commands = connection();
  const subscriber = connection();
  const channels = renderChannels(prefix);
  const queueOptions = { connection: connection(), prefix: bullPrefix(prefix) };
  const planQueue = new Queue<PlanJobData>(RENDER_QUEUES.plan, queueOptions);
  const sceneQueue = new Queue(RENDER_QUEUES.scene, { ...queueOptions, connection: connection() });
  const assembleQueue = new Queue(RENDER_QUEUES.assemble, {
    ...queueOptions,
    connection: connection(),
  });
  const assembleEvents = new QueueEvents(RENDER_QUEUES.assemble, {
    connection: connection(),
    prefix: bullPrefix(prefix),
  });
  const planEvents = new QueueEvents(RENDER_QUEUES.plan, {
    connection: connection(),
    prefix: bullPrefix(prefix),
  });
  const sceneEvents = new QueueEvents(RENDER_QUEUES.scene, {
    connection: connection(),
    prefix: bullPrefix(prefix),
  });

  interface Live {
    attempt: number;
    tracker: ProgressTracker;
    detail: RenderDetail;
    lastPersist: number;
    lastRelay: number;
    relayTimer: NodeJS.Timeout | null;
    latest: RenderRecord | null;
  }
  const live = new Map<string, Live>();
  const reservePriorities = createFairPriorities(commands, prefix);

  function relay(record: RenderRecord | null) {
    if (record) options.broadcast(record.projectId, { type: 'render', render: record });
  }

  /** Relays at most every 250 ms per render; the latest state always goes out. */
  function relayThrottled(state: Live, record: RenderRecord) {
    state.latest = record;
    const wait = state.lastRelay + RELAY_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      state.lastRelay = Date.now();
      relay(record);
    } else if (!state.relayTimer) {
      state.relayTimer = setTimeout(() => {
        state.relayTimer = null;
        state.lastRelay = Date.now();
        relay(state.latest);
      }, wait);
    }
  }

  /**
   * Drops a render's live state, and its pending throttled relay: a stale
   * progress update sent after the final one would leave clients showing it.
   */
  function forget(renderId: string) {
    const state = live.get(renderId);
    if (state?.relayTimer) clearTimeout(state.relayTimer);
    live.delete(renderId);
  }

  /** Adds a render's plan job, numbered fairly between users like the jobs it leads to. */
  async function enqueuePlan(job: Omit<PlanJobData, 'timeline'> & { timeline: unknown }) {
    const [priority] = await reservePriorities(planQueue, job.owner, 1);
    await planQueue.add(
      'plan',
      { ...job, timeline: job.timeline as Timeline },
      {
        jobId: jobIds(job.renderId, job.attempt).plan,
        priority: priority!,
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    );
  }

  async function onNodeEvent(event: RenderNodeEvent) {
    if (event.type === 'planned') {
      if (!(await isCurrentAttempt(event.renderId, event.attempt))) return;
      const detail: RenderDetail = {
        units: event.units,
        sceneIds: event.sceneIds,
        unitFractions: {},
        output: null,
      };
      const state: Live = {
        attempt: event.attempt,
        tracker: createProgressTracker({ renderId: event.renderId, units: event.units }),
        detail,
        lastPersist: 0,
        lastRelay: 0,
        relayTimer: null,
        latest: null,
      };
      live.set(event.renderId, state);
      await renders.applyEvent(event.renderId, { type: 'START' });
      relay(
        await renders.applyEvent(
          event.renderId,
          {
            type: 'PROGRESS',
            progress: state.tracker.update({ stage: 'plan', sceneId: null, fraction: 1 }),
          },
          () => detail,
        ),
      );
      return;
    }
    if (event.type === 'failed') {
      if (!(await isCurrentAttempt(event.renderId, event.attempt))) return;
      relay(await renders.applyEvent(event.renderId, { type: 'FAIL', failure: event.failure }));
      forget(event.renderId);
      return;
    }
    const state = live.get(event.renderId) ?? (await resume(event.renderId, event.attempt));
    if (!state || state.attempt !== event.attempt) return; // an old attempt
    const { progress } = event;
    const key = `${progress.stage}:${progress.sceneId ?? ''}`;
    state.detail.unitFractions[key] = Math.max(
      state.detail.unitFractions[key] ?? 0,
      progress.fraction,
    );
    const overall = state.tracker.update(progress);
    const now = Date.now();
    const persist = now - state.lastPersist >= PERSIST_INTERVAL_MS;
    if (persist) state.lastPersist = now;
    const record = await renders.applyEvent(
      event.renderId,
      { type: 'PROGRESS', progress: overall },
      persist ? () => state.detail : undefined,
    );
    if (record) {
      // Keep the in-memory detail in what is relayed even between persists.
      relayThrottled(state, { ...record, ...summariseLive(record, state.detail) });
    }
  }

  /** The record with the in-memory detail (newer than the stored one between persists). */
  function summariseLive(record: RenderRecord, detail: RenderDetail) {
    const { stages, scenes } = summarise(detail);
    return {
      stages,
      scenes: record.scenes.map((s) => ({ ...s, fraction: scenes[s.id] ?? s.fraction })),
    };
  }

  /**
   * Progress for a render this instance has no tracker for (it restarted, or
   * missed `planned`): rebuild one from the stored detail, starting the job
   * if the start was missed too.
   */
  async function resume(renderId: string, attempt: number): Promise<Live | null> {
    const stored = await renders.storedProgress(renderId);
    if (!stored || stored.attempt !== attempt || isTerminalState(stored.status)) return null;
    if (stored.status === 'queued') await renders.applyEvent(renderId, { type: 'START' });
    const units = stored.detail?.units ?? [];
    const state: Live = {
      attempt,
      tracker: createProgressTracker({ renderId, units }),
      detail: stored.detail ?? { units, sceneIds: [], unitFractions: {}, output: null },
      lastPersist: 0,
      lastRelay: 0,
      relayTimer: null,
      latest: null,
    };
    for (const unit of units) {
      const fraction = state.detail.unitFractions[`${unit.stage}:${unit.sceneId ?? ''}`];
      if (fraction) state.tracker.update({ stage: unit.stage, sceneId: unit.sceneId, fraction });
    }
    live.set(renderId, state);
    return state;
  }

  async function onAssembled(renderId: string, attempt: number, output: RenderOutput) {
    if (!(await isCurrentAttempt(renderId, attempt))) return;
    const state = live.get(renderId);
    await renders.applyEvent(renderId, { type: 'START' }); // a no-op unless the start was missed
    const jobOutput: RenderJobOutput = {
      videoHash: output.video.hash,
      posterHash: output.poster.hash,
      durationSec: output.durationSec,
    };
    const record = await renders.applyEvent(
      renderId,
      { type: 'DONE', output: jobOutput },
      (detail) => ({
        units: detail?.units ?? state?.detail.units ?? [],
        sceneIds: detail?.sceneIds ?? state?.detail.sceneIds ?? [],
        unitFractions: Object.fromEntries(
          (detail?.units ?? state?.detail.units ?? []).map((u) => [
            `${u.stage}:${u.sceneId ?? ''}`,
            1,
          ]),
        ),
        output,
      }),
    );
    forget(renderId);
    relay(record);
    logger.info({ renderId, attempt }, 'render done');
  }

  /** Events of an older attempt (cancelled or failed before a retry) must not touch the new one. */
  async function isCurrentAttempt(renderId: string, attempt: number) {
    return (await renders.storedProgress(renderId))?.attempt === attempt;
  }

  async function onJobFailed(
    renderId: string,
    attempt: number,
    reason: string,
    where: { stage: RenderStage; sceneId: string | null } = { stage: 'assemble', sceneId: null },
  ) {
    if (reason === 'cancelled' || !(await isCurrentAttempt(renderId, attempt))) return;
    const record = await renders.applyEvent(renderId, {
      type: 'FAIL',
      failure: { ...where, message: reason },
    });
    forget(renderId);
    relay(record);
  }

  // Events of one render are applied one after another, in arrival order.
  const chains = new Map<string, Promise<void>>();
  function inOrder(renderId: string, work: () => Promise<void>) {
    const next = (chains.get(renderId) ?? Promise.resolve())
      .then(work)
      .catch((err) => logger.error({ err, renderId }, 'render event failed'));
    chains.set(renderId, next);
    void next.finally(() => {
      if (chains.get(renderId) === next) chains.delete(renderId);
    });
  }

  const parseJobId = (jobId: string) => {
    const [renderId, attempt] = jobId.split('.');
    return { renderId: renderId!, attempt: Number(attempt) };
  };

  assembleEvents.on('completed', ({ jobId, returnvalue }) => {
    const { renderId, attempt } = parseJobId(jobId);
    const output = parseJsonValue<RenderOutput>(returnvalue);
    inOrder(renderId, () => onAssembled(renderId, attempt, output));
  });
  // Scene jobs matter too: one that fails outside its processor (stalled too
  // often) never fails its parent, so its final failure fails the render here.
  for (const events of [assembleEvents, planEvents, sceneEvents]) {
    events.on('failed', ({ jobId, failedReason }) => {
      const { renderId, attempt } = parseJobId(jobId);
      // A job with attempts left is retried, not failed: only record the last failure
      // (or a parent failed by its child).
      inOrder(renderId, async () => {
        const queue =
          events === assembleEvents
            ? assembleQueue
            : events === planEvents
              ? planQueue
              : sceneQueue;
        const job = await queue.getJob(jobId);
        const final =
          !job || job.attemptsMade >= (job.opts.attempts ?? 1) || failedReason.includes('child');
        const where =
          events === sceneEvents
            ? { stage: 'segment' as const, sceneId: jobId.split('.scene.')[1] ?? null }
            : {
                stage: events === planEvents ? ('plan' as const) : ('assemble' as const),
                sceneId: null,
              };
        if (final) await onJobFailed(renderId, attempt, failedReason, where);
      });
    });
  }

  subscriber
    .subscribe(channels.events)
    .catch((err) => logger.error({ err }, 'render events subscribe failed'));
  subscriber.on('message', (channel, raw) => {
    if (channel !== channels.events) return;
    let event: RenderNodeEvent;
    try {
      event = JSON.parse(raw) as RenderNodeEvent;
    } catch {
      return;
    }
    inOrder(event.renderId, () => onNodeEvent(event));
  });

  /** At start-up: renders whose queue entry may be missing get it (job ids make this idempotent); finished ones are settled. */
  async function reconcile() {
    for (const row of await renders.unfinished()) {
      const ids = jobIds(row.id, row.attempt);
      const assemble = await assembleQueue.getJob(ids.assemble);
      const state = assemble ? await assemble.getState() : null;
      if (state === 'completed') {
        await onAssembled(row.id, row.attempt, parseJsonValue<RenderOutput>(assemble!.returnvalue));
      } else if (state === 'failed') {
        await onJobFailed(row.id, row.attempt, assemble!.failedReason);
      } else if (!assemble) {
        await enqueuePlan({
          renderId: row.id,
          attempt: row.attempt,
          owner: row.owner,
          timeline: parseJsonValue<Timeline>(row.timeline),
          preset: row.preset as PlanJobData['preset'],
          burnCaptions: row.burn_captions,
        });
      }
    }
  }

  return {
    reconcile,

    /** Queues a render whose row was just written. */
    async submit(record: RenderRecord) {
      const { timeline, preset, burnCaptions, attempt, owner } = await renders.timelineOf(
        record.id,
      );
      await enqueuePlan({ renderId: record.id, attempt, owner, timeline, preset, burnCaptions });
      relay(record); // every collaborator sees the new render at once
    },

    async cancel(userId: string, renderId: string): Promise<RenderRecord> {
      const { record } = await renders.requireEditable(userId, renderId);
      if (isTerminalState(record.status)) {
        throw new ApiError('CONFLICT', `This render is already ${record.status}`, {
          status: record.status,
        });
      }
      // Mark first (nodes check it before any job), then stop running work everywhere.
      await commands.set(cancelledKey(prefix, renderId), '1', 'EX', 7 * 86_400);
      await commands.publish(channels.cancel, renderId);
      const updated =
        (await renders.applyEvent(renderId, { type: 'CANCEL' })) ??
        (await renders.get(userId, renderId));
      forget(renderId);
      relay(updated);
      return updated;
    },

    async retry(userId: string, renderId: string): Promise<RenderRecord> {
      const { record } = await renders.requireEditable(userId, renderId);
      if (!['failed', 'cancelled'].includes(record.status)) {
        throw new ApiError(
          'CONFLICT',
          `Only failed or cancelled renders can be retried (this one is ${record.status})`,
        );
      }
      let retried;
      try {
        retried = await renders.beginRetry(renderId);
      } catch (err) {
        if ((err as { code?: string }).code === '23505') {
          throw new ApiError(
            'CONFLICT',
            'Another render of this revision and preset is already running',
          );
        }
        throw err;
      }
      if (!retried) throw new ApiError('CONFLICT', 'This render cannot be retried now');
      await commands.del(cancelledKey(prefix, renderId));
      await this.submit(retried.record);
      return retried.record;
    },

    /** Readiness: the queue's Redis answers and its plan queue can be read. */
    async ready() {
      await planQueue.count();
    },

    async close() {
      for (const state of live.values()) if (state.relayTimer) clearTimeout(state.relayTimer);
      await Promise.allSettled([
        planQueue.close(),
        sceneQueue.close(),
        assembleQueue.close(),
        assembleEvents.close(),
        planEvents.close(),
        sceneEvents.close(),
      ]);
      subscriber.disconnect();
      commands.disconnect();
    },
  };
}

export type RenderQueue = ReturnType<typeof createRenderQueue>;
