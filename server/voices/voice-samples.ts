import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { isContentHash } from '../../shared/content-key.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import {
  VOICE_SAMPLE_QUEUE,
  voiceSampleJob,
  voiceSampleRequestSchema,
  voiceSampleUrl,
  type VoiceSampleJobData,
} from '../../shared/voices/voice-sample.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import type { Projects } from '../projects/projects.ts';

export type VoiceSampleLimit = 'voiceSamplesByUser';

/** Samples a user may ask for per minute (a slider dragged and Listen pressed often stays well under). */
export const VOICE_SAMPLE_LIMIT = { points: 30, durationSec: 60 };
/** How long the web waits for a render node to speak a sample before telling the user. */
const WAIT_MS = 20_000;

export interface VoiceSamplesOptions {
  redisUrl: string;
  prefix: string;
  media: MediaStore;
  projects: Pick<Projects, 'authorize'>;
  limits: RateLimits<VoiceSampleLimit>;
  /** How long to wait for a render node (default 20 s). */
  waitMs?: number;
}

/**
 * "Listen" in the cast panel (ADR 0026): the web never runs a voice engine
 * (they live on render nodes), so a sample is a small `voice-sample` job on
 * the render queues' Redis. Its WAV is content-addressed in the shared media
 * store: a sample made once is served at once afterwards. Any member of the
 * project may listen (viewers too: it changes nothing); each user's requests
 * are rate limited whether cached or not.
 */
export function createVoiceSamples(options: VoiceSamplesOptions) {
  const connections: Redis[] = [];
  const connection = () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connections.push(redis);
    return redis;
  };
  const prefix = bullPrefix(options.prefix);
  const queue = new Queue<VoiceSampleJobData>(VOICE_SAMPLE_QUEUE, {
    connection: connection(),
    prefix,
  });
  const events = new QueueEvents(VOICE_SAMPLE_QUEUE, { connection: connection(), prefix });

  async function request(userId: string, projectId: string, body: unknown) {
    await options.projects.authorize(userId, projectId, 'view');
    const job = voiceSampleJob(parseInput(voiceSampleRequestSchema, body));
    await options.limits.consume('voiceSamplesByUser', userId);
    const answer = { key: job.key, url: voiceSampleUrl(job.key) };
    if (await options.media.has(job.key, 'wav')) return { sample: { ...answer, cached: true } };
    // The key is the job id: many listeners of one sample share one job.
    const queued = await queue.add('sample', job, {
      jobId: job.key,
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 1,
    });
    try {
      await queued.waitUntilFinished(events, options.waitMs ?? WAIT_MS);
    } catch (error) {
      // A shared job may have finished (and been removed) before we listened: the file tells.
      if (await options.media.has(job.key, 'wav')) return { sample: { ...answer, cached: false } };
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError('UNAVAILABLE', 'errors.api.voiceSampleUnavailable', { reason });
    }
    return { sample: { ...answer, cached: false } };
  }

  /** The path of a made sample, or NOT_FOUND. */
  async function path(key: string): Promise<string> {
    if (!isContentHash(key) || !(await options.media.has(key, 'wav'))) {
      throw new ApiError('NOT_FOUND', 'errors.api.voiceSampleNotFound');
    }
    return options.media.pathFor(key, 'wav');
  }

  return {
    request,
    path,
    async close() {
      await Promise.allSettled([queue.close(), events.close()]);
      // BullMQ leaves connections it was given open.
      for (const redis of connections) redis.disconnect();
    },
  };
}

export type VoiceSamples = ReturnType<typeof createVoiceSamples>;
