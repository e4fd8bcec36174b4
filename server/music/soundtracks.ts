import { randomInt } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  generationId,
  MUSIC_GENERATE_QUEUE,
  type MusicGenerateJobData,
  type SoundtrackRecord,
} from '../../shared/music/soundtrack.ts';
import { soundtrackRequestSchema } from '../../shared/music/soundtrack-request.ts';
import { soundtrackJobData, SoundtrackRequestError } from '../../shared/music/soundtrack-job.ts';
import { isContentHash } from '../../shared/content-key.ts';
import { NORMALISED_AUDIO } from '../../shared/node/ffmpeg/user-media.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import type * as Y from 'yjs';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import type { Projects } from '../projects/projects.ts';
import { safeTimeline } from '../projects/timeline.ts';

export type SoundtrackLimit = 'soundtracksByUser';

/** Generations a user may start per ten minutes ("Try another" pressed often stays well under). */
export const SOUNDTRACK_LIMIT = { points: 30, durationSec: 600 };
/** How long a generation (its state and who may read it) is kept after it ends. */
const KEEP_SEC = 24 * 3600;

export type GenerationStatus = 'queued' | 'running' | 'done' | 'failed';

/** A finished soundtrack as GET /music/:id answers it: the record and where to listen. */
export type SoundtrackAsset = SoundtrackRecord & { url: string };

export interface Generation {
  id: string;
  status: GenerationStatus;
  /** 0-100. */
  progress: number;
  asset?: SoundtrackAsset;
  /** Why it failed, a code the UI translates. */
  error?: 'SOUNDTRACK_FAILED';
}

export interface SoundtracksOptions {
  redisUrl: string;
  prefix: string;
  redis: Redis;
  media: MediaStore;
  projects: Pick<Projects, 'authorize'>;
  documents: { read(projectId: string): Promise<Y.Doc> };
  limits: RateLimits<SoundtrackLimit>;
  /** The seed of a request without one (default: a random one). */
  randomSeed?: () => number;
}

export const soundtrackAudioUrl = (id: string) =>
  `/api/v1/music/${id}/audio.${NORMALISED_AUDIO.ext}`;

const STATES: Record<string, GenerationStatus> = {
  completed: 'done',
  failed: 'failed',
  active: 'running',
};

/**
 * Generated soundtracks (issue 18, ADR 0036): the web never composes (the
 * engine lives on render nodes); it validates a request, turns it and the
 * live project into a `music-generate` job whose id is the generation's
 * content key (the same inputs are one job) and reads the job's state,
 * progress and record. Who may read a generation is the members of the
 * projects it was asked for, remembered in Redis beside the job.
 */
export function createSoundtracks(options: SoundtracksOptions) {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<MusicGenerateJobData, SoundtrackRecord>(MUSIC_GENERATE_QUEUE, {
    connection,
    prefix: bullPrefix(options.prefix),
  });
  const projectsKey = (id: string) => `${options.prefix}:soundtrack:${id}:projects`;
  const randomSeed = options.randomSeed ?? (() => randomInt(0, 2 ** 31 - 1));

  async function generate(userId: string, projectId: string, body: unknown) {
    await options.projects.authorize(userId, projectId, 'edit');
    const request = parseInput(soundtrackRequestSchema, body);
    const { timeline, timelineIssues = [] } = safeTimeline(await options.documents.read(projectId));
    // A document the render would refuse gives no length or scenes to score: the same 422 it gets.
    if (!timeline) {
      throw new ApiError('VALIDATION_FAILED', 'errors.api.notRenderable', {
        issues: timelineIssues,
        fields: Object.fromEntries(timelineIssues.map((i) => [i.path.join('.'), i.message])),
      });
    }
    let data: MusicGenerateJobData;
    try {
      data = soundtrackJobData(request, timeline, randomSeed());
    } catch (error) {
      if (!(error instanceof SoundtrackRequestError)) throw error;
      throw new ApiError('VALIDATION_FAILED', 'errors.api.invalidFields', {
        fields: { [error.field]: error.message },
      });
    }
    await options.limits.consume('soundtracksByUser', userId);
    const id = generationId(data);
    await options.redis
      .multi()
      .sadd(projectsKey(id), projectId)
      .expire(projectsKey(id), KEEP_SEC * 2)
      .exec();
    // A failed generation is tried again; a queued, running or done one is shared.
    const existing = await queue.getJob(id);
    if (existing && (await existing.getState()) === 'failed') await existing.remove();
    const job = await queue.add('generate', data, {
      jobId: id,
      removeOnComplete: { age: KEEP_SEC },
      removeOnFail: { age: KEEP_SEC },
      attempts: 1,
    });
    return { id, status: await statusOf(job) };
  }

  async function statusOf(job: Job<MusicGenerateJobData, SoundtrackRecord>) {
    return STATES[await job.getState()] ?? 'queued';
  }

  /** The generation if the caller is a member of a project it was asked for; NOT_FOUND otherwise. */
  async function visibleJob(userId: string, id: string) {
    const notFound = new ApiError('NOT_FOUND', 'errors.api.soundtrackNotFound');
    if (!isContentHash(id)) throw notFound;
    const projectIds = await options.redis.smembers(projectsKey(id));
    const member = await firstMember(userId, projectIds);
    if (!member) throw notFound;
    const job = await queue.getJob(id);
    if (!job) throw notFound;
    return job;
  }

  async function firstMember(userId: string, projectIds: string[]) {
    for (const projectId of projectIds) {
      const ok = await options.projects.authorize(userId, projectId, 'view').then(
        () => true,
        () => false,
      );
      if (ok) return projectId;
    }
    return null;
  }

  async function get(userId: string, id: string): Promise<Generation> {
    const job = await visibleJob(userId, id);
    const status = await statusOf(job);
    const progress =
      typeof job.progress === 'number' ? Math.max(0, Math.min(100, job.progress)) : 0;
    if (status === 'failed') return { id, status, progress, error: 'SOUNDTRACK_FAILED' };
    if (status !== 'done') return { id, status, progress };
    const record = job.returnvalue;
    return { id, status, progress: 100, asset: { ...record, url: soundtrackAudioUrl(id) } };
  }

  /** The finished audio's path in the media store, for members; NOT_FOUND otherwise. */
  async function audioPath(userId: string, id: string): Promise<string> {
    const job = await visibleJob(userId, id);
    const hash = job.returnvalue?.hash;
    if (
      (await statusOf(job)) !== 'done' ||
      typeof hash !== 'string' ||
      !isContentHash(hash) ||
      !(await options.media.has(hash, NORMALISED_AUDIO.ext))
    ) {
      throw new ApiError('NOT_FOUND', 'errors.api.soundtrackNotFound');
    }
    return options.media.pathFor(hash, NORMALISED_AUDIO.ext);
  }

  return {
    generate,
    get,
    audioPath,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

export type Soundtracks = ReturnType<typeof createSoundtracks>;
