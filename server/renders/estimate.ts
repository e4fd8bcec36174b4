import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { RENDER_PRESET_IDS } from '../../shared/render/render-presets.ts';
import {
  estimateRender,
  parseStageHistory,
  RENDER_ESTIMATE_QUEUE,
  stageSecondsKey,
  type EstimateJobData,
  type RenderEstimate,
  type SceneWork,
} from '../../shared/render/estimate.ts';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Projects } from '../projects/projects.ts';
import type { Revisions } from '../revisions/revisions.ts';

/** How long the web waits for a render node to look a plan up before telling the user. */
const WAIT_MS = 15_000;

export const renderEstimateSchema = z
  .object({
    revisionId: z.string().regex(/^[0-9a-f]{64}$/, 'Must be a revision id'),
    preset: z.enum(RENDER_PRESET_IDS).default('1080p'),
    burnCaptions: z.boolean().default(false),
  })
  .strict();

/**
 * `POST /projects/:id/renders/estimate` (issue 14, ADR 0041): before the
 * user confirms a render, what it would cost. The web never plans renders
 * (plans name engine versions only nodes know), so a `render-estimate` job
 * asks a node which of the revision's artifacts are cached and how much is
 * left; the web prices that with the measured stage history in Redis.
 */
export function createRenderEstimates(options: {
  redisUrl: string;
  prefix: string;
  projects: Pick<Projects, 'authorize'>;
  revisions: Pick<Revisions, 'load'>;
  waitMs?: number;
}) {
  const connections: Redis[] = [];
  const connection = () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connections.push(redis);
    return redis;
  };
  const commands = connection();
  const prefix = bullPrefix(options.prefix);
  const queue = new Queue<EstimateJobData, SceneWork[]>(RENDER_ESTIMATE_QUEUE, {
    connection: connection(),
    prefix,
  });
  const events = new QueueEvents(RENDER_ESTIMATE_QUEUE, { connection: connection(), prefix });

  async function estimate(
    userId: string,
    projectId: string,
    body: unknown,
  ): Promise<{ estimate: RenderEstimate }> {
    await options.projects.authorize(userId, projectId, 'edit');
    const { revisionId, preset, burnCaptions } = parseInput(renderEstimateSchema, body);
    const revision = await options.revisions.load(revisionId);
    if (!revision || revision.projectId !== projectId) {
      throw new ApiError('NOT_FOUND', 'errors.api.revisionNotInProject', {
        fields: { revisionId: 'Unknown revision' },
      });
    }
    // Each estimate is fresh: a render finishing meanwhile changes what is cached.
    const job = await queue.add(
      'estimate',
      { timeline: revision.timeline, preset, burnCaptions },
      {
        jobId: `estimate.${randomBytes(8).toString('hex')}`,
        removeOnComplete: true,
        removeOnFail: true,
        attempts: 1,
      },
    );
    let work: SceneWork[];
    try {
      work = await job.waitUntilFinished(events, options.waitMs ?? WAIT_MS);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError('UNAVAILABLE', 'errors.api.estimateUnavailable', { reason });
    } finally {
      // A job no node took is of no use once the user has stopped waiting.
      await job.remove().catch(() => undefined);
    }
    const history = parseStageHistory(await commands.hgetall(stageSecondsKey(options.prefix)));
    return { estimate: estimateRender(work, history) };
  }

  return {
    estimate,
    async close() {
      await Promise.allSettled([queue.close(), events.close()]);
      for (const redis of connections) redis.disconnect();
    },
  };
}

export type RenderEstimates = ReturnType<typeof createRenderEstimates>;
