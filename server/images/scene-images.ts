import { randomInt } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type * as Y from 'yjs';
import type { MediaStore } from '../../shared/node/media-store.ts';
import {
  IMAGE_QUEUE,
  imageJobId,
  imageJobQueue,
  requestSeeds,
  sceneImageEngine,
  sceneImagesRequestSchema,
  scenePictureRequest,
  type ImageJobData,
  type ImageJobResult,
  type SceneImage,
  type SceneImageMessage,
} from '../../shared/render/image-job.ts';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import type { Projects } from '../projects/projects.ts';
import { safeTimeline } from '../projects/timeline.ts';

export type SceneImageLimit = 'sceneImagesByUser';

/** Requests a user may make per ten minutes (a Regenerate press is one; Variants is one). */
export const SCENE_IMAGE_LIMIT = { points: 40, durationSec: 600 };
/** Variants kept per scene: the newest; older ones drop off the list (their files stay while used). */
export const KEPT_PER_SCENE = 24;
/** How long a finished job stays in BullMQ (its outcome is copied into the scene's list first). */
const JOB_KEEP_SEC = 24 * 3600;

/** A variant as kept in Redis: the job it came from and, once known, its outcome. */
interface StoredImage {
  id: string;
  sceneId: string;
  seed: number;
  queue: string;
  createdAt: string;
  hash?: string;
  error?: string;
}

export interface SceneImagesOptions {
  redisUrl: string;
  prefix: string;
  redis: Redis;
  media: MediaStore;
  projects: Pick<Projects, 'authorize'>;
  documents: { read(projectId: string): Promise<Y.Doc> };
  limits: RateLimits<SceneImageLimit>;
  /** Sends a stateless message to the project's collaborators on this instance. */
  broadcast(projectId: string, message: SceneImageMessage): void;
  randomSeed?: () => number;
}

const STATES: Record<string, SceneImage['status']> = {
  completed: 'done',
  failed: 'failed',
  active: 'running',
};

/** The Redis keys of scene images: a scene's variants, and the projects an asset was made for. */
export const sceneImageKeys = (prefix: string) => ({
  scene: (projectId: string, sceneId: string) => `${prefix}:scene-images:${projectId}:${sceneId}`,
  assetProjects: (hash: string) => `${prefix}:asset-projects:${hash}`,
});

/**
 * Regenerate and variants (issue 14, ADR 0041): the web never paints; it
 * reads the scene from the live document, queues one image-only job per
 * seed on the queue of the scene's engine, keeps the scene's variants in a
 * Redis hash (they survive a web restart) and relays each job's progress
 * and outcome to the project's collaborators as stateless messages. Every
 * web instance listens to the image queues' events and tells its own
 * sockets, as renders do. A finished picture's hash is remembered as made
 * for the project: that is what lets its members read its record.
 */
export function createSceneImages(options: SceneImagesOptions) {
  const connections: Redis[] = [];
  const connection = () => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connections.push(redis);
    return redis;
  };
  const prefix = bullPrefix(options.prefix);
  const keys = sceneImageKeys(options.prefix);
  const randomSeed = options.randomSeed ?? (() => randomInt(0, 2 ** 31 - 1));
  const queues = new Map<
    string,
    { queue: Queue<ImageJobData, ImageJobResult>; events: QueueEvents }
  >();

  /** The queue of `name`, listened to from the first use on (every capability queue in use). */
  function queueOf(name: string) {
    let entry = queues.get(name);
    if (!entry) {
      const queue = new Queue<ImageJobData, ImageJobResult>(name, {
        connection: connection(),
        prefix,
      });
      const events = new QueueEvents(name, { connection: connection(), prefix });
      for (const event of ['active', 'progress', 'completed', 'failed'] as const) {
        events.on(event, ({ jobId }: { jobId: string }) => {
          void relay(queue, jobId).catch(() => undefined);
        });
      }
      entry = { queue, events };
      queues.set(name, entry);
    }
    return entry.queue;
  }

  /** Tells the job's project what became of it (and records its outcome once). */
  async function relay(queue: Queue<ImageJobData, ImageJobResult>, jobId: string) {
    const job = await queue.getJob(jobId);
    if (!job) return;
    const { projectId, sceneId } = job.data;
    const stored = await options.redis.hget(keys.scene(projectId, sceneId), jobId);
    if (!stored) return;
    const image = await observe(projectId, JSON.parse(stored) as StoredImage, job);
    options.broadcast(projectId, { type: 'scene-image', projectId, image });
  }

  /**
   * The variant's state from its job; a finished job's outcome is copied
   * into the scene's list (and its asset marked as the project's), so the
   * list outlives the job.
   */
  async function observe(
    projectId: string,
    stored: StoredImage,
    known?: Job<ImageJobData, ImageJobResult> | null,
  ): Promise<SceneImage> {
    const base = {
      id: stored.id,
      sceneId: stored.sceneId,
      seed: stored.seed,
      createdAt: stored.createdAt,
    };
    if (stored.hash) {
      return {
        ...base,
        status: 'done',
        progress: 100,
        hash: stored.hash,
        record: await options.media.readRecord(stored.hash),
        error: null,
      };
    }
    if (stored.error) {
      return {
        ...base,
        status: 'failed',
        progress: 0,
        hash: null,
        record: null,
        error: stored.error,
      };
    }
    const job = known ?? (await queueOf(stored.queue).getJob(stored.id));
    if (!job) {
      return { ...base, status: 'failed', progress: 0, hash: null, record: null, error: 'lost' };
    }
    const status = STATES[await job.getState()] ?? 'queued';
    if (status === 'done' && job.returnvalue?.hash) {
      const hash = job.returnvalue.hash;
      await options.redis
        .multi()
        .hset(keys.scene(projectId, stored.sceneId), stored.id, JSON.stringify({ ...stored, hash }))
        .sadd(keys.assetProjects(hash), projectId)
        .exec();
      return { ...base, status, progress: 100, hash, record: job.returnvalue.record, error: null };
    }
    if (status === 'failed') {
      // The job object may have been read before it failed: read its reason as stored now.
      const failed = job.failedReason ? job : await queueOf(stored.queue).getJob(stored.id);
      const error = failed?.failedReason || 'failed';
      await options.redis.hset(
        keys.scene(projectId, stored.sceneId),
        stored.id,
        JSON.stringify({ ...stored, error }),
      );
      return { ...base, status, progress: 0, hash: null, record: null, error };
    }
    const progress = typeof job.progress === 'number' ? Math.max(0, Math.min(99, job.progress)) : 0;
    return { ...base, status, progress, hash: null, record: null, error: null };
  }

  async function readStored(projectId: string, sceneId: string): Promise<StoredImage[]> {
    const all = await options.redis.hgetall(keys.scene(projectId, sceneId));
    return Object.values(all)
      .map((value) => JSON.parse(value) as StoredImage)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.seed - b.seed);
  }

  /** The scene's timeline and picture requests, or the error the API answers. */
  async function sceneOf(projectId: string, sceneId: string) {
    const { timeline, timelineIssues = [] } = safeTimeline(await options.documents.read(projectId));
    if (!timeline) {
      throw new ApiError('VALIDATION_FAILED', 'errors.api.notRenderable', {
        issues: timelineIssues,
        fields: Object.fromEntries(timelineIssues.map((i) => [i.path.join('.'), i.message])),
      });
    }
    if (!timeline.scenes.some((s) => s.id === sceneId)) {
      throw new ApiError('NOT_FOUND', 'errors.api.sceneNotFound');
    }
    return timeline;
  }

  /** Queues `count` pictures of the scene (editors); answers the new variants at once. */
  async function request(userId: string, projectId: string, sceneId: string, body: unknown) {
    await options.projects.authorize(userId, projectId, 'edit');
    const input = parseInput(sceneImagesRequestSchema, body ?? {});
    const timeline = await sceneOf(projectId, sceneId);
    await options.limits.consume('sceneImagesByUser', userId);
    const engine = sceneImageEngine(timeline, sceneId);
    const queueName = imageJobQueue(engine);
    const queue = queueOf(queueName);
    const sceneKey = keys.scene(projectId, sceneId);
    const now = Date.now();
    const images: SceneImage[] = [];
    for (const [i, seed] of requestSeeds(input, randomSeed).entries()) {
      const data: ImageJobData = {
        projectId,
        sceneId,
        owner: userId,
        engine,
        request: scenePictureRequest(timeline, sceneId, seed)!,
      };
      const id = imageJobId(data);
      // A failed picture is tried again; a queued, running or done one is shared.
      const existing = await queue.getJob(id);
      if (existing && (await existing.getState()) === 'failed') await existing.remove();
      const stored: StoredImage = {
        id,
        sceneId,
        seed,
        queue: queueName,
        // Apart by a millisecond each: the list keeps the order they were asked in.
        createdAt: new Date(now + i).toISOString(),
      };
      // Written before the job is added: the job's events always find their variant.
      await options.redis.hset(sceneKey, id, JSON.stringify(stored));
      const job = await queue.add('image', data, {
        jobId: id,
        removeOnComplete: { age: JOB_KEEP_SEC },
        removeOnFail: { age: JOB_KEEP_SEC },
        attempts: 1,
      });
      const image = await observe(projectId, stored, job);
      images.push(image);
      options.broadcast(projectId, { type: 'scene-image', projectId, image });
    }
    await trim(sceneKey);
    return { images };
  }

  /** Keeps the newest KEPT_PER_SCENE variants of a scene. */
  async function trim(sceneKey: string) {
    const all = Object.values(await options.redis.hgetall(sceneKey)).map(
      (value) => JSON.parse(value) as StoredImage,
    );
    const old = all
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(KEPT_PER_SCENE)
      .map((s) => s.id);
    if (old.length) await options.redis.hdel(sceneKey, ...old);
  }

  /** The scene's variants, newest first, with their records and states (members). */
  async function list(userId: string, projectId: string, sceneId: string) {
    await options.projects.authorize(userId, projectId, 'view');
    const stored = await readStored(projectId, sceneId);
    return { images: await Promise.all(stored.map((s) => observe(projectId, s))) };
  }

  // The base queue is listened to from the start: this instance relays pictures other instances asked for.
  queueOf(IMAGE_QUEUE);

  return {
    request,
    list,
    async close() {
      await Promise.allSettled(
        [...queues.values()].flatMap(({ queue, events }) => [queue.close(), events.close()]),
      );
      // BullMQ leaves connections it was given open.
      for (const redis of connections) redis.disconnect();
    },
  };
}

export type SceneImages = ReturnType<typeof createSceneImages>;
