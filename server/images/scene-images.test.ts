import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { temporaryStore } from '../../shared/node/media-test-fixtures.ts';
import { addScene, initProjectDoc } from '../../shared/project-doc.ts';
import {
  IMAGE_QUEUE,
  type ImageJobData,
  type ImageJobResult,
  type SceneImageMessage,
} from '../../shared/render/image-job.ts';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import { ApiError } from '../http/errors.ts';
import { RateLimits } from '../http/rate-limit.ts';
import { createSceneImages, type SceneImageLimit } from './scene-images.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function waitFor(condition: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The web side of scene images against a real Redis; a stand-in worker plays the render node. */
describe('scene images (web side)', () => {
  const prefix = `montage-test-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let store: Awaited<ReturnType<typeof temporaryStore>>;
  let images: ReturnType<typeof createSceneImages>;
  const messages: SceneImageMessage[] = [];
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Harbour' });
  const sceneId = addScene(doc, { title: 'Dawn', prompt: 'boats at dawn', durationSec: 1 });

  before(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    store = await temporaryStore();
    images = createSceneImages({
      redisUrl: REDIS_URL,
      prefix,
      redis,
      media: store,
      projects: {
        authorize: async (user: string, projectId: string, action) => {
          if (projectId !== 'p1') throw new ApiError('NOT_FOUND', 'errors.api.projectNotFound');
          if (user === 'viewer' && action !== 'view')
            throw new ApiError('FORBIDDEN', 'errors.api.projectNotFound');
          return 'editor' as const;
        },
      },
      documents: { read: async () => doc },
      limits: new RateLimits<SceneImageLimit>(redis, prefix, {
        sceneImagesByUser: { points: 3, durationSec: 60 },
      }),
      broadcast: (_projectId, message) => messages.push(message),
      randomSeed: () => 5,
    });
  });
  after(async () => {
    await images.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await store.remove();
  });

  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (err: unknown) => (err instanceof ApiError ? err.code : String(err)),
    );

  test('a node paints one seed and fails another: both outcomes are kept and relayed', async () => {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker<ImageJobData, ImageJobResult>(
      IMAGE_QUEUE,
      async (job) => {
        assert.equal(job.data.request.prompt, 'boats at dawn');
        if (job.data.request.seed === 8) throw new Error('the engine ran out of memory');
        const hash = randomBytes(32).toString('hex');
        return {
          hash,
          record: {
            hash,
            kind: 'picture',
            engine: { id: 'procedural', version: 'p' },
            seed: job.data.request.seed,
            provider: 'none',
            device: 'cpu',
            nodeId: 'stand-in',
            durationMs: 1,
            createdAt: new Date().toISOString(),
          },
        };
      },
      { connection, prefix: bullPrefix(prefix) },
    );
    try {
      const asked = await images.request('u1', 'p1', sceneId, { seed: 7, count: 2 });
      assert.deepEqual(
        asked.images.map((i) => i.seed),
        [7, 8],
      );
      await waitFor(async () => {
        const { images: listed } = await images.list('u1', 'p1', sceneId);
        return listed.every((i) => i.status === 'done' || i.status === 'failed');
      }, 'both ended');
      const { images: listed } = await images.list('viewer', 'p1', sceneId);
      const bySeed = new Map(listed.map((i) => [i.seed, i]));
      assert.equal(bySeed.get(7)!.status, 'done');
      assert.match(bySeed.get(7)!.hash!, /^[0-9a-f]{64}$/);
      assert.equal(bySeed.get(8)!.status, 'failed');
      assert.match(bySeed.get(8)!.error!, /out of memory/);
      // The asset is now the project's: its members may read its record.
      assert.deepEqual(await redis.smembers(`${prefix}:asset-projects:${bySeed.get(7)!.hash}`), [
        'p1',
      ]);
      await waitFor(
        () => messages.some((m) => m.image.seed === 8 && m.image.status === 'failed'),
        'the failure relayed',
      );
      assert.ok(messages.every((m) => m.projectId === 'p1' && m.image.sceneId === sceneId));
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });

  test('refusals: viewers, strangers, unknown scenes, bad bodies, then the rate limit', async () => {
    assert.equal(await code(images.request('viewer', 'p1', sceneId, {})), 'FORBIDDEN');
    assert.equal(await code(images.request('u2', 'other', sceneId, {})), 'NOT_FOUND');
    assert.equal(await code(images.list('u2', 'other', sceneId)), 'NOT_FOUND');
    assert.equal(await code(images.request('u2', 'p1', 'nope', {})), 'NOT_FOUND');
    assert.equal(
      await code(images.request('u2', 'p1', sceneId, { count: 9 })),
      'VALIDATION_FAILED',
    );
    // Random seed (5) each time: one job, asked three times, then refused.
    for (let i = 0; i < 3; i++)
      assert.equal(await code(images.request('u2', 'p1', sceneId, {})), 'ok');
    assert.equal(await code(images.request('u2', 'p1', sceneId, {})), 'RATE_LIMITED');
  });
});
